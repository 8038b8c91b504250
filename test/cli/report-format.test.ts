/** What `aoai-keyless` reports share: escaping of values that come from Azure, tables, exclusions. */
import type { AccountRecord } from "../../src/azure/accounts.js";
import { findExclusion, parseExclusion } from "../../src/cli/exclusions.js";
import { clean, markdownText, textTable } from "../../src/cli/report/format.js";

describe("report values", () => {
  it("shows control characters and bidi overrides as escapes", () => {
    expect(clean("rg\u001b[31mred\u0007\u202e")).toBe("rg\\u{1b}[31mred\\u{7}\\u{202e}");
  });

  it("keeps Markdown and HTML out of Markdown cells", () => {
    expect(markdownText("a|b <img src=x> *c* [d](e) `f`")).toBe("a\\|b &lt;img src=x&gt; \\*c\\* \\[d\\](e) \\`f\\`");
  });

  it("aligns columns by characters and trims the last one", () => {
    expect(textTable(["A", "B", "C"], [["αβγ", "x", ""], ["a", "yy", "z"]])).toEqual(["A    B   C", "αβγ  x", "a    yy  z"]);
  });
});

describe("exclusions", () => {
  const account: AccountRecord = {
    id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/Legacy-Chat",
    name: "Legacy-Chat",
    subscriptionId: "s",
    resourceGroup: "rg",
    kind: "OpenAI",
    location: "eastus",
    endpoint: null,
    endpoints: {},
    customSubDomainName: "legacy-chat",
    disableLocalAuth: false,
    keyAccess: "enabled",
    tags: { KeepKeys: "Yes" },
  };
  it.each([
    ["legacy-chat", true],
    ["/SUBSCRIPTIONS/s/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/legacy-chat", true],
    ["tag:keepkeys", true],
    ["tag:KeepKeys=Yes", true],
    ["tag:KeepKeys=yes", false],
    ["tag:KeepKeys=", false],
    ["other", false],
  ])("%s matches: %s", (text, matches) => {
    expect(findExclusion([parseExclusion(text, "--exclude")], account) !== undefined).toBe(matches);
  });

  it("rejects an id of another resource type", () => {
    expect(() => parseExclusion("/subscriptions/s/resourceGroups/rg", "x.json")).toThrow(
      'x.json: "/subscriptions/s/resourceGroups/rg" is not an Azure AI account id (/subscriptions/.../resourceGroups/.../providers/Microsoft.CognitiveServices/accounts/NAME).',
    );
  });
});
