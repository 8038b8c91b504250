/** The report formats, by `--format` name. A run imports the one module it reports with. */
import type { Reporter } from "./types.js";

export type { ReportContext, Reporter } from "./types.js";

const REPORTER_MODULES = {
  text: async () => (await import("./text.js")).formatText,
  json: async () => (await import("./json.js")).formatJson,
  sarif: async () => (await import("./sarif.js")).formatSarif,
  github: async () => (await import("./github.js")).formatGithub,
} as const satisfies Record<string, () => Promise<Reporter>>;

export type ReportFormat = keyof typeof REPORTER_MODULES;

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORTER_MODULES, name);
}

export function loadReporter(format: ReportFormat): Promise<Reporter> {
  return REPORTER_MODULES[format]();
}
