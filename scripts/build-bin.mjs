#!/usr/bin/env node
// `aoai-key-scan` as users run it: tsc's dist/scanner/bin.js bundled into dist/bin/ (the last step of
// `npm run build`). Start-up time is mostly opening and compiling modules, about sixty for any scan,
// one file each in tsc's output. Here they are three chunks: the CLI (all --version needs), what
// starts git in a git mode (config, the git modes; git then runs while the next one loads), and the
// rest of what every scan needs. Every other lazy import (parsers, the rule host, report formats, the
// worker pool, fixes, baselines, --history) stays a chunk of its own, loaded only when used; packages
// stay external, but for the linting thread's (LINT_PACKAGES). The pool finds `./worker.js` next to
// its chunk and package-info `../../package.json`: both hold in dist/bin/ as in dist/scanner/.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * Packages the linting thread loads for every JavaScript or TypeScript file it lints, bundled into its
 * chunk: `@typescript-eslint/scope-manager` alone is 178 CommonJS files (one per TypeScript lib), and
 * resolving, reading and wrapping them one by one took 270-350 ms of a corpus scan's linting thread
 * against 60-95 ms as one file (measured under load). `oxc-parser` stays outside (a native binding),
 * and so do the fallback parsers (espree, typescript-eslint's with `typescript`), loaded only when oxc
 * declines a file.
 */
const LINT_PACKAGES = [
  "@typescript-eslint/scope-manager",
  "@typescript-eslint/types",
  "@typescript-eslint/visitor-keys",
  "@typescript-eslint/utils",
  "@eslint-community/eslint-utils",
  "eslint-visitor-keys",
  "eslint-scope",
  "esrecurse",
  "estraverse",
];

rmSync(dist("bin"), { recursive: true, force: true });
const bundle = await rolldown({
  input: { "aoai-key-scan": dist("scanner/bin.js"), worker: dist("scanner/worker.js") },
  platform: "node",
  // Built-ins and packages are resolved at run time, as from tsc's output, except the lint path's
  // pure-JavaScript packages (LINT_PACKAGES).
  external: (id) => id.startsWith("node:") || (/^[^./]/.test(id) && !LINT_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`))),
  // A module imported both ways stays where its static importers put it, as in tsc's output.
  onLog: (level, log, handle) => {
    if (log.code !== "INEFFECTIVE_DYNAMIC_IMPORT") handle(level, log);
  },
});
const { output } = await bundle.write({
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

// The bundled packages' own license texts travel with the code taken from them.
const bundledPackages = new Map();
for (const chunk of output) {
  for (const id of chunk.type === "chunk" ? Object.keys(chunk.modules) : []) {
    const match = /^(.*\/node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(id);
    if (match !== null) bundledPackages.set(match[2], match[1]);
  }
}
const notices = [...bundledPackages].sort(([left], [right]) => (left < right ? -1 : 1)).map(([name, folder]) => {
  const { version, license, main = "index.js" } = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8"));
  const file = readdirSync(folder).find((entry) => /^licen[cs]e/i.test(entry));
  // A package without a license file (esrecurse) carries it in its main file's header comment.
  const text = file === undefined ? /\/\*([^]*?Copyright[^]*?)\*\//.exec(readFileSync(path.join(folder, main), "utf8"))?.[1] : readFileSync(path.join(folder, file), "utf8");
  if (text === undefined) throw new Error(`${name} is bundled into dist/bin but ships no license text`);
  return `## ${name} ${version} (${license})\n\n${text.trim()}\n`;
});
writeFileSync(
  dist("bin/THIRD-PARTY-LICENSES.md"),
  `# Packages bundled into dist/bin\n\nThe linting thread's packages are bundled into \`aoai-key-scan\`'s chunks (scripts/build-bin.mjs); their licenses:\n\n${notices.join("\n")}`,
);
