/** Which files the JavaScript usage rules read, and which of them are TypeScript. */

const JAVASCRIPT_PATH = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
/** Declaration files hold no constructions or requests. */
const DECLARATION_PATH = /\.d\.[cm]?ts$/i;

/** A JavaScript or TypeScript source the usage rules lint (not a declaration file). */
export const isLintedPath = (path: string): boolean => JAVASCRIPT_PATH.test(path) && !DECLARATION_PATH.test(path);

/** TypeScript files: the parser a file gets and the language its findings name. */
const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

export const isTypeScriptPath = (path: string): boolean => TYPESCRIPT_EXTENSIONS.has(extensionOf(path));

/** A path's extension, lower-cased, with its dot (`""` without one). */
export function extensionOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot <= path.lastIndexOf("/") ? "" : path.slice(dot).toLowerCase();
}
