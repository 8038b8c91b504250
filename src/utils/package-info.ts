import { createRequire } from "node:module";

interface PackageJson {
  name: string;
  version: string;
  peerDependencies?: Record<string, string>;
}

// Read at run time so the published name and version never drift from package.json.
// The relative path is the same from src/ (tests) and dist/ (published build).
const require = createRequire(import.meta.url);
const packageJson = require("../../package.json") as PackageJson;

export const PACKAGE_NAME: string = packageJson.name;
export const PACKAGE_VERSION: string = packageJson.version;
/** Version ranges of the peer dependencies, as published (the optional Azure SDK ones name their install command). */
export const PEER_DEPENDENCIES: Readonly<Record<string, string>> = packageJson.peerDependencies ?? {};
