/** The counts every readiness format states the same way. */
import { plural } from "../../cli/report/format.js";
import type { ReadinessReport, Verdict } from "../types.js";

export const VERDICT_LABELS: Record<Verdict, string> = {
  ready: "READY          ",
  blocked: "BLOCKED        ",
  "already-keyless": "ALREADY KEYLESS",
  unknown: "UNKNOWN        ",
};

/** "3 resources: 1 ready, 1 blocked by 4 clients, 1 already keyless; 2 key clients with unresolved endpoints" */
export function summaryLine(report: ReadinessReport): string {
  const { summary } = report;
  const parts = [
    `${summary.ready} ready`,
    `${summary.blocked} blocked${summary.blocked > 0 ? ` by ${plural(summary.keyClients, "client")}` : ""}`,
    `${summary.alreadyKeyless} already keyless`,
    ...(summary.unknown > 0 ? [`${summary.unknown} unknown`] : []),
  ];
  const tail = [
    ...(summary.unresolvedKeyClients > 0 ? [`${plural(summary.unresolvedKeyClients, "key client")} with unresolved endpoints`] : []),
    ...(summary.drift > 0 ? [`${summary.drift} drifted from ${summary.drift === 1 ? "its template" : "their templates"}`] : []),
  ];
  return `${plural(summary.resources, "resource")}: ${parts.join(", ")}${tail.length > 0 ? `; ${tail.join("; ")}` : ""}`;
}
