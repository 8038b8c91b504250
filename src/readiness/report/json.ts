/** `readiness --format json`: the report as data (schema in docs/readiness.md). */
import type { ReadinessReport } from "../types.js";

export function formatReadinessJson(report: ReadinessReport): string {
  return `${JSON.stringify(
    {
      version: report.version,
      resources: report.resources.map((resource) => ({
        name: resource.name,
        endpoint: resource.endpoint,
        kind: resource.kind,
        id: resource.id,
        sources: resource.sources,
        keyAccess: resource.keyAccess,
        verdict: resource.verdict,
        ...(resource.drift === null ? {} : { drift: resource.drift }),
        keyClients: resource.keyClients,
        keylessClients: resource.keylessClients.map(({ path, line, description }) => ({ path, line, construct: description })),
        ...(resource.couldBe.length === 0 ? {} : { couldBe: resource.couldBe }),
        next: resource.next,
      })),
      unresolvedKeyClients: report.unresolvedKeyClients,
      summary: report.summary,
    },
    null,
    2,
  )}\n`;
}
