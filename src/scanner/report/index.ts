/** The report formats, by `--format` name. */
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";
import type { Reporter } from "./types.js";

export type { ReportContext, Reporter } from "./types.js";

export const REPORTERS = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub } as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORTERS, name);
}
