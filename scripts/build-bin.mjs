#!/usr/bin/env node
// `aoai-key-scan` as users run it: tsc's dist/scanner/bin.js bundled into dist/bin/ (the last step of
// `npm run build`). Start-up time is mostly opening and compiling modules, about sixty for any scan,
// one file each in tsc's output. Here they are three chunks: the CLI (all --version needs), what
// starts git in a git mode (config, the git modes; git then runs while the next one loads), and the
// rest of what every scan needs. Every other lazy import (parsers, report formats, the worker pool,
// fixes, baselines, --history) stays a chunk of its own, loaded only when used; packages stay
// external. The pool finds `./worker.js` next to its chunk and package-info `../../package.json`:
// both hold in dist/bin/ as in dist/scanner/.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (file) => path.join(root, "dist", file);

/** A chunk per group: its modules and, as rolldown adds them, everything they import statically. */
const GROUPS = [
  // Not bin.ts: its top-level await would hold every chunk that imports from this one.
  { name: "cli", roots: ["scanner/cli.js"] },
  { name: "git-start", roots: ["scanner/config.js", "scanner/path-selection.js", "scanner/git/modes.js"] },
  { name: "scanner", roots: ["scanner/scan.js", "scanner/scan-fragment.js", "scanner/walk.js", "scanner/git/scan-git.js", "scanner/report/text.js", "utils/safe-text.js"] },
];

rmSync(dist("bin"), { recursive: true, force: true });
const bundle = await rolldown({
  input: { "aoai-key-scan": dist("scanner/bin.js"), worker: dist("scanner/worker.js") },
  platform: "node",
  // Built-ins and packages are resolved at run time, as from tsc's output.
  external: [/^node:/, /^[^./]/],
  // A module imported both ways stays where its static importers put it, as in tsc's output.
  onLog: (level, log, handle) => {
    if (log.code !== "INEFFECTIVE_DYNAMIC_IMPORT") handle(level, log);
  },
});
await bundle.write({
  dir: dist("bin"),
  format: "esm",
  chunkFileNames: "[name].[hash].js",
  comments: { legal: true, annotation: true, jsdoc: false },
  codeSplitting: {
    groups: GROUPS.map(({ name, roots }, index) => {
      const ids = new Set(roots.map(dist));
      return { name, test: (id) => ids.has(id), priority: GROUPS.length - index };
    }),
  },
});
await bundle.close();
