// The git of the generated bench repositories: a fixed identity (and, unless a commit sets its own,
// a fixed date), no signing, so the repositories are the same on every machine.
import { execFileSync } from "node:child_process";

export const BENCH_GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.test",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.test",
  GIT_AUTHOR_DATE: "2025-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2025-01-01T00:00:00Z",
};

/** `git(...args)` in `repo`, returning stdout as text. */
export function gitIn(repo) {
  return (...args) => execFileSync("git", ["-c", "commit.gpgsign=false", ...args], { cwd: repo, env: BENCH_GIT_ENV, encoding: "utf8", maxBuffer: 1 << 30 });
}
