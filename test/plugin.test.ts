import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import plugin from "../src/index.js";
import { PLUGIN_NAMESPACE } from "../src/utils/plugin-namespace.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  name: string;
  version: string;
};

const ruleFiles = readdirSync(path.join(root, "src/rules"))
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => file.slice(0, -".ts".length))
  .sort();

const rules = plugin.rules as Record<string, { meta: { docs?: { recommended?: boolean; description?: string } } }>;

describe("plugin", () => {
  it("takes its name and version from package.json", () => {
    expect(plugin.meta).toEqual({
      name: packageJson.name,
      version: packageJson.version,
      namespace: PLUGIN_NAMESPACE,
    });
  });

  it("exports exactly the rule files in src/rules", () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
  });

  it.each(ruleFiles)("%s has a doc page and a test file", (name) => {
    const doc = readFileSync(path.join(root, "docs/rules", `${name}.md`), "utf8");
    expect(doc).toContain(`# ${PLUGIN_NAMESPACE}/${name}`);
    expect(doc).toContain(rules[name]?.meta.docs?.description ?? "<missing description>");
    expect(readdirSync(path.join(root, "test/rules"))).toContain(`${name}.test.ts`);
  });

  it("recommended config enables exactly the rules whose meta says recommended", () => {
    const expected = Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => rule.meta.docs?.recommended === true)
        .map(([name]) => [`${PLUGIN_NAMESPACE}/${name}`, "error"]),
    );
    expect(plugin.configs.recommended.rules).toEqual(expected);
    expect(plugin.configs.recommended.plugins?.[PLUGIN_NAMESPACE]).toBe(plugin);
    expect(plugin.configs.recommended.name).toBe(`${PLUGIN_NAMESPACE}/recommended`);
  });

  it("has no doc page for a rule that does not exist", () => {
    const docs = readdirSync(path.join(root, "docs/rules"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => file.slice(0, -".md".length))
      .sort();
    expect(docs).toEqual(ruleFiles);
  });
});
