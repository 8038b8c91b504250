/** `readiness --format text`: one block per account, the verdict first, then its evidence; a summary line. */
import { clean, plural } from "../../cli/report/format.js";
import type { ClientRef, Place, ReadinessReport } from "../types.js";
import { summaryLine, VERDICT_LABELS } from "./summary.js";

const at = (place: Place): string => clean(`${place.path}:${place.line}`);

/** A list of places kept to a readable line: the first few, then how many more (JSON has them all). */
const PLACES_SHOWN = 8;
function placesLine(places: readonly Place[], rest: string): string {
  const shown = places.slice(0, PLACES_SHOWN).map(at).join(", ");
  return places.length <= PLACES_SHOWN ? shown : `${shown} and ${places.length - PLACES_SHOWN} more${rest}`;
}
const tags = (client: { readonly language: string; readonly category: string }): string =>
  `[${client.language === "" ? "" : `${clean(client.language)}, `}${client.category}]`;

function clientLine(client: ClientRef, broken: boolean): string {
  const fix = client.fix === undefined ? "" : `\n        fix: ${clean(client.fix)}`;
  return `    ${at(client)}  ${clean(client.description)} ${tags(client)}${broken ? " (fails today)" : ""}\n        via ${clean(client.via)}${fix}`;
}

export function formatReadinessText(report: ReadinessReport): string {
  const blocks = report.resources.map((resource) => {
    const lines = [`${VERDICT_LABELS[resource.verdict]}  ${clean(resource.name)}  (key access ${resource.keyAccess}; seen in ${resource.sources.join(", ")})`];
    if (resource.endpoint !== null) lines.push(`  endpoint: ${clean(resource.endpoint)}`);
    if (resource.id !== null) lines.push(`  id: ${clean(resource.id)}`);
    if (resource.places.length > 0) lines.push(`  declared/mentioned at: ${placesLine(resource.places, "")}`);
    if (resource.drift !== null) lines.push(`  drift: ${clean(resource.drift)}`);
    if (resource.keyClients.length > 0) {
      lines.push(`  ${plural(resource.keyClients.length, "key client")}:`);
      for (const client of resource.keyClients) lines.push(clientLine(client, resource.verdict === "already-keyless"));
    }
    if (resource.keylessClients.length > 0) lines.push(`  keyless clients: ${placesLine(resource.keylessClients, "")}`);
    if (resource.couldBe.length > 0) lines.push(`  unresolved key clients that could reach it: ${placesLine(resource.couldBe, " (all listed below)")}`);
    lines.push(`  next: ${clean(resource.next)}`);
    return lines.join("\n");
  });
  if (report.unresolvedKeyClients.length > 0) {
    blocks.push(
      [
        `Key clients with unresolved endpoints (${report.unresolvedKeyClients.length}):`,
        ...report.unresolvedKeyClients.map((client) => `  ${at(client)}  ${clean(client.description)} ${tags(client)}: ${clean(client.tried)}`),
      ].join("\n"),
    );
  }
  blocks.push(summaryLine(report));
  return `${blocks.join("\n\n")}\n`;
}
