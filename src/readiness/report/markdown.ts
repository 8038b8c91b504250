/** `readiness --format markdown`: a table with verdict icons and collapsible evidence, for a PR comment or $GITHUB_STEP_SUMMARY. */
import { markdownTable, markdownText } from "../../cli/report/format.js";
import type { ReadinessReport, Verdict } from "../types.js";
import { summaryLine } from "./summary.js";

const ICONS: Record<Verdict, string> = { ready: "✅ ready", blocked: "⛔ blocked", "already-keyless": "🔒 already keyless", unknown: "❔ unknown" };
const RULE_DOCS = "https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs";

function docLink(ruleId: string, category: string): string {
  if (category === "usage" && (ruleId === "no-api-key-client" || ruleId === "no-api-key-header")) return `[${ruleId}](${RULE_DOCS}/rules/${ruleId}.md)`;
  return `[${markdownText(ruleId)}](${RULE_DOCS}/${category === "iac" ? "iac" : "scanner"}.md)`;
}

export function formatReadinessMarkdown(report: ReadinessReport): string {
  const lines = ["## Keyless readiness", "", markdownText(summaryLine(report)), ""];
  lines.push(
    ...markdownTable(
      ["Resource", "Verdict", "Key access", "Key clients", "Seen in"],
      report.resources.map((resource) => [
        markdownText(resource.name),
        ICONS[resource.verdict] + (resource.drift === null ? "" : " (drift)"),
        resource.keyAccess,
        String(resource.keyClients.length),
        resource.sources.join(", "),
      ]),
    ),
  );
  for (const resource of report.resources) {
    const evidence: string[] = [];
    if (resource.drift !== null) evidence.push(`- **Drift:** ${markdownText(resource.drift)}`);
    for (const client of resource.keyClients) {
      evidence.push(
        `- \`${markdownText(`${client.path}:${client.line}`).replaceAll("`", "")}\` ${markdownText(client.description)} (${markdownText(client.language)}, ${docLink(client.ruleId, client.category)}): via ${markdownText(client.via)}${client.fix === undefined ? "" : `. Fix: ${markdownText(client.fix)}`}`,
      );
    }
    for (const place of resource.couldBe) evidence.push(`- could be reached by the unresolved key client at ${markdownText(`${place.path}:${place.line}`)}`);
    evidence.push(`- **Next:** ${markdownText(resource.next)}`);
    lines.push("", `<details><summary>${markdownText(resource.name)}: ${ICONS[resource.verdict]}</summary>`, "", ...evidence, "", "</details>");
  }
  if (report.unresolvedKeyClients.length > 0) {
    lines.push("", "### Key clients with unresolved endpoints", "");
    for (const client of report.unresolvedKeyClients) {
      lines.push(`- ${markdownText(`${client.path}:${client.line}`)} ${markdownText(client.description)} (${markdownText(client.language)}): ${markdownText(client.tried)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
