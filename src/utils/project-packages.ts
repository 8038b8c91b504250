/**
 * What the project of a linted file has installed and declares: the version of an installed package
 * (resolved from the file the way Node resolves it, through `node_modules` of every directory up to
 * the root) and the dependencies of the nearest `package.json`. Fixes read these to stay within what
 * the installed SDK accepts and to say when `@azure/identity` has to be added.
 *
 * Everything is cached per directory for the life of the process, so a lint run reads each
 * `package.json` once however many files and clients it meets; nothing here runs unless a rule is
 * about to report.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface PackageManifest {
  readonly version?: unknown;
  readonly dependencies?: unknown;
  readonly devDependencies?: unknown;
  readonly peerDependencies?: unknown;
  readonly optionalDependencies?: unknown;
}

/** What the nearest `package.json` of a directory says; undefined fields when there is none. */
export interface ProjectManifest {
  /** Directory of the `package.json`. */
  readonly root: string;
  /** Every package named in its dependency fields. */
  readonly dependencies: ReadonlySet<string>;
}

/** directory -> package name -> installed version (null: not installed below or at that directory). */
const installedCache = new Map<string, Map<string, string | null>>();
/** directory -> nearest manifest (null: none up to the root). */
const manifestCache = new Map<string, ProjectManifest | null>();

function readJson(file: string): PackageManifest | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as PackageManifest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Version of `packageName` as Node would resolve it from a file in `directory`; undefined when it
 * is not installed (or its `package.json` has no readable version).
 */
export function installedVersion(directory: string, packageName: string): string | undefined {
  const visited: string[] = [];
  let found: string | null = null;
  for (let current = path.resolve(directory); ; ) {
    const known = installedCache.get(current)?.get(packageName);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(current);
    // Node never looks for node_modules/node_modules.
    if (path.basename(current) !== "node_modules") {
      const manifest = readJson(path.join(current, "node_modules", packageName, "package.json"));
      if (manifest !== undefined) {
        found = typeof manifest.version === "string" ? manifest.version : null;
        break;
      }
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directoryVisited of visited) {
    let perPackage = installedCache.get(directoryVisited);
    if (perPackage === undefined) installedCache.set(directoryVisited, (perPackage = new Map()));
    perPackage.set(packageName, found);
  }
  return found ?? undefined;
}

const dependencyNames = (field: unknown): string[] =>
  typeof field === "object" && field !== null ? Object.keys(field) : [];

/** The nearest `package.json` at or above `directory`, outside `node_modules`. */
export function nearestManifest(directory: string): ProjectManifest | undefined {
  const visited: string[] = [];
  let found: ProjectManifest | null = null;
  for (let current = path.resolve(directory); ; ) {
    const known = manifestCache.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(current);
    const manifest = readJson(path.join(current, "package.json"));
    if (manifest !== undefined) {
      found = {
        root: current,
        dependencies: new Set([
          ...dependencyNames(manifest.dependencies),
          ...dependencyNames(manifest.devDependencies),
          ...dependencyNames(manifest.peerDependencies),
          ...dependencyNames(manifest.optionalDependencies),
        ]),
      };
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directoryVisited of visited) manifestCache.set(directoryVisited, found);
  return found ?? undefined;
}

/** `[major, minor, patch, prerelease?]` of a semver string; undefined when it is not one. */
function parseVersion(version: string): [number, number, number, string | undefined] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(version.trim());
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4]];
}

/**
 * Whether `version` is at least `minimum` (semver order; a prerelease is below its release).
 * False when `version` is not a version at all.
 */
export function isAtLeast(version: string, minimum: string): boolean {
  const have = parseVersion(version);
  const need = parseVersion(minimum);
  if (have === undefined || need === undefined) return false;
  for (let index = 0; index < 3; index++) {
    const difference = (have[index] as number) - (need[index] as number);
    if (difference !== 0) return difference > 0;
  }
  if (have[3] === undefined) return true;
  if (need[3] === undefined) return false;
  return have[3].localeCompare(need[3], "en", { numeric: true }) >= 0;
}
