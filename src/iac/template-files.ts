/** Which files hold templates, and which files beside a template it reads: by name only, no reader loaded. */
export type TemplateFormat = "bicep" | "arm" | "terraform";

export function templateFormat(path: string): TemplateFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".bicep")) return "bicep";
  if (lower.endsWith(".tf")) return "terraform";
  if (lower.endsWith(".json") && !/\.parameters(?:\.[\w-]+)?\.json$/.test(lower)) return "arm";
  return undefined;
}

/** A Terraform module is a folder: its `.tf` files share one namespace of variables and locals. */
export function isTerraformFile(name: string): boolean {
  return name.toLowerCase().endsWith(".tf");
}

/** Whether a file name is a parameters file the IaC checks read (checks/parameter-files.ts). */
export function isParameterFile(name: string): boolean {
  return /\.parameters(?:\.[\w-]+)?\.json$/i.test(name) || name.endsWith(".bicepparam") || name.endsWith(".tfvars") || name.endsWith(".tfvars.json");
}
