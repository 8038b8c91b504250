/**
 * Whether a repository-relative path (forward slashes) is test code, by the conventions of the
 * languages the project reads: test folders, `*.test.ts` / `*.spec.js`, pytest's `test_*.py`,
 * `*_test.py` and `conftest.py`, Go's `*_test.go`, and .NET / Java `*Tests.cs` / `*Test.java`.
 */
const TEST_PATH =
  /(?:^|\/)(?:__tests__|__mocks__|tests?|testing|spec|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$|_test\.go$|Tests?\.(?:cs|java)$/i;

export function isTestPath(relativePath: string): boolean {
  return TEST_PATH.test(relativePath);
}
