/** Which JavaScript files are TypeScript, for the parser a file gets and the language its findings name. */
const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

export const isTypeScriptPath = (path: string): boolean => TYPESCRIPT_EXTENSIONS.has(extensionOf(path));

/** A path's extension, lower-cased, with its dot (`""` without one). */
export function extensionOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot <= path.lastIndexOf("/") ? "" : path.slice(dot).toLowerCase();
}
