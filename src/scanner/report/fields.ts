/** What every report format shows of a finding beyond its place: one definition per category. */
import type { Finding } from "../types.js";

/** The category's own fields, in a fixed order, undefined ones left out (JSON fields, SARIF properties). */
export function categoryFields(finding: Finding): Record<string, string | null> {
  const fields: Record<string, string | null | undefined> =
    finding.category === "leak"
      ? { secret: finding.secret, service: finding.service, createdAt: finding.createdAt }
      : finding.category === "usage"
        ? { language: finding.language, client: finding.client, keySource: finding.keySource, endpoint: finding.endpoint, fix: finding.fix?.description }
        : {
            language: finding.language,
            resourceType: finding.resourceType,
            resourceName: finding.resourceName,
            property: finding.property,
            fix: finding.fix?.description,
          };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string | null] => entry[1] !== undefined));
}

/** A short title: annotation titles, SARIF-less summaries. */
export function findingTitle(finding: Finding): string {
  switch (finding.category) {
    case "leak":
      return `${finding.service} key (${finding.ruleId})`;
    case "usage":
      return `${finding.client} with a key (${finding.ruleId})`;
    case "iac":
      return `${finding.resourceType}${finding.resourceName === undefined ? "" : ` ${finding.resourceName}`} (${finding.ruleId})`;
  }
}
