// A throwaway project directory with chosen packages "installed" (a package.json per package in
// node_modules, nothing else), for rules that read what a linted file's project has installed.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface FakeProject {
  /** The project directory. */
  readonly root: string;
  /** A path for a linted file inside it (the file itself is not written). */
  file(relative: string): string;
}

/**
 * Creates a project with `installed` (name -> version) under node_modules and a package.json whose
 * dependencies are `dependencies` (default: the installed names plus `@azure/identity`), or no
 * package.json at all when `dependencies` is null.
 */
export function fakeProject(
  installed: Readonly<Record<string, string>>,
  dependencies: readonly string[] | null = [...Object.keys(installed), "@azure/identity"],
): FakeProject {
  const root = mkdtempSync(path.join(tmpdir(), "aoai-keyless-project-"));
  for (const [name, version] of Object.entries(installed)) {
    const directory = path.join(root, "node_modules", name);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "package.json"), JSON.stringify({ name, version }));
  }
  if (dependencies !== null) {
    const declared = Object.fromEntries(dependencies.map((name) => [name, installed[name] ?? "*"]));
    writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "fake-project", dependencies: declared }));
  }
  return { root, file: (relative) => path.join(root, relative) };
}
