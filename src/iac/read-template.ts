/** Which reader a path takes: Bicep, ARM JSON or Terraform; every other file holds no template. */
import { readArm } from "./arm/read.js";
import { readBicep } from "./bicep/read.js";
import type { Template, TemplateParameter, TemplateVariable } from "./model.js";
import { isTerraformFile, templateFormat } from "./template-files.js";
import { readTerraform } from "./terraform/read.js";

/** The templates of a file: one, several for ARM with inline nested deployments, none when it is not a template. */
export async function readTemplates(path: string, text: string): Promise<Template[]> {
  const format = templateFormat(path);
  if (format === "bicep") return [readBicep(text)];
  if (format === "arm") return readArm(text);
  if (format === "terraform") return [await readTerraform(text)];
  return [];
}

export interface ScopedTemplates {
  readonly templates: readonly Template[];
  /** The other files of the scope by name (a Terraform module's other `.tf` files), for counting uses. */
  readonly siblings: ReadonlyMap<string, string>;
}

/**
 * The templates of a file with what its folder adds to their scope: a Terraform file sees the
 * variables and locals of the module's other `.tf` files (from `companions`, marked with their file;
 * the file's own declarations win). Bicep and ARM files are their own scope.
 */
export async function readScopedTemplates(path: string, text: string, companions?: ReadonlyMap<string, string>): Promise<ScopedTemplates> {
  const templates = await readTemplates(path, text);
  if (templateFormat(path) !== "terraform" || companions === undefined) return { templates, siblings: new Map() };
  const siblings = new Map([...companions].filter(([name]) => isTerraformFile(name)).sort(([left], [right]) => (left < right ? -1 : 1)));
  const parameters = new Map<string, TemplateParameter>();
  const variables = new Map<string, TemplateVariable>();
  for (const [file, sibling] of siblings) {
    // Only files that declare something need the parser.
    if (!/\b(?:variable|locals)\b/.test(sibling)) continue;
    const template = await readTerraform(sibling);
    for (const [name, parameter] of template.parameters) if (!parameters.has(name)) parameters.set(name, { ...parameter, file });
    for (const [name, variable] of template.variables) if (!variables.has(name)) variables.set(name, { ...variable, file });
  }
  return {
    templates: templates.map((template) => ({
      ...template,
      parameters: new Map([...parameters, ...template.parameters]),
      variables: new Map([...variables, ...template.variables]),
    })),
    siblings,
  };
}
