/** Which reader a path takes: Bicep, ARM JSON or Terraform; every other file holds no template. */
import { readArm } from "./arm/read.js";
import { readBicep } from "./bicep/read.js";
import type { Template } from "./model.js";
import { readTerraform } from "./terraform/read.js";

export type TemplateFormat = "bicep" | "arm" | "terraform";

export function templateFormat(path: string): TemplateFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".bicep")) return "bicep";
  if (lower.endsWith(".tf")) return "terraform";
  if (lower.endsWith(".json") && !/\.parameters(?:\.[\w-]+)?\.json$/.test(lower)) return "arm";
  return undefined;
}

/** The templates of a file: one, several for ARM with inline nested deployments, none when it is not a template. */
export async function readTemplates(path: string, text: string): Promise<Template[]> {
  const format = templateFormat(path);
  if (format === "bicep") return [readBicep(text)];
  if (format === "arm") return readArm(text);
  if (format === "terraform") return [await readTerraform(text)];
  return [];
}
