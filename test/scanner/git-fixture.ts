/** Real git repositories in temp dirs for the git-mode tests, with fixed identities and dates. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DETECTOR_IDS } from "../../src/detect/index.js";
import type { GitScanOptions } from "../../src/scanner/git/index.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";

/** A fixed author and committer, so commits do not depend on the machine's git config. */
const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.test",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.test",
};

export const scanOptions = (cwd: string): GitScanOptions => ({
  cwd,
  maxFileSize: 10 * 1024 * 1024,
  scanFragment: createFragmentScanner({ categories: ["leak"], detectors: DETECTOR_IDS, maxFileSize: 10 * 1024 * 1024, allowFingerprints: [], allowValues: [] }),
});

export class TempRepo {
  readonly root: string;

  constructor(options: { readonly init?: boolean } = {}) {
    // realpath: macOS and some CI runners put tmpdir behind a symlink, git reports the real path.
    this.root = realpathSync(mkdtempSync(path.join(tmpdir(), "aoai-key-scan-git-")));
    if (options.init !== false) this.git("init", "-q", "-b", "main");
  }

  /** Runs git in the repository (or `cwd` inside it) and returns trimmed stdout. */
  git(...args: string[]): string {
    return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", ...args], {
      cwd: this.root,
      encoding: "utf8",
      // Captured, not inherited: a failing command's stderr belongs to the assertion, not the test log.
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...GIT_IDENTITY, GIT_CONFIG_NOSYSTEM: "1" },
    }).trim();
  }

  write(file: string, content: string | Buffer): void {
    const target = path.join(this.root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  /** Commits everything staged with a fixed author date; returns the full commit id. */
  commit(message: string, authorDate: string): string {
    execFileSync("git", ["-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message], {
      cwd: this.root,
      env: {
        ...process.env,
        ...GIT_IDENTITY,
        GIT_AUTHOR_DATE: authorDate,
        GIT_COMMITTER_DATE: authorDate,
      },
    });
    return this.git("rev-parse", "HEAD");
  }

  path(...segments: string[]): string {
    return path.join(this.root, ...segments);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
