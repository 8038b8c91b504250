// Timing helpers of the benches: one run under GNU time, and cases measured round-robin so a slow
// stretch of a shared machine hits every case alike.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What users run: package.json's `aoai-key-scan` bin (the bundle scripts/build-bin.mjs writes). */
export const scannerBin = path.join(root, JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).bin["aoai-key-scan"]);

/** Runs `command` once under GNU time: wall seconds and peak RSS in KiB. `options.check(result)` may throw. */
export function runOnce(label, command, args, options = {}) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", command, ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const timing = result.stderr.trim().split("\n").at(-1) ?? "";
  const [wall, rss] = timing.split(" ").map(Number);
  if (!Number.isFinite(wall)) throw new Error(`${label}: could not read timing from: ${result.stderr.slice(-500)}`);
  options.check?.(result);
  return { wall, rss };
}

export const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

/**
 * Runs every case `count` times, round-robin (case 1, case 2, ..., then again), and keeps the median
 * wall time and the largest peak RSS of each.
 */
export function measureAlternating(cases, count) {
  const samples = cases.map(() => ({ walls: [], peakKiB: 0 }));
  for (let run = 0; run < count; run += 1) {
    cases.forEach((entry, index) => {
      const { wall, rss } = runOnce(entry.label, entry.command, entry.args, entry.options);
      samples[index].walls.push(wall);
      samples[index].peakKiB = Math.max(samples[index].peakKiB, rss);
    });
  }
  return cases.map((entry, index) => ({
    label: entry.label,
    wall: median(samples[index].walls),
    walls: samples[index].walls,
    peakMiB: samples[index].peakKiB / 1024,
  }));
}
