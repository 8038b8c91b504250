/**
 * What a template declares, for `readiness`: its Azure AI accounts (name, custom subdomain, whether
 * key access stays on) and its outputs (where `AZURE_OPENAI_ENDPOINT` and friends come from). Pure:
 * a path and its text in; the parameters files beside it may be passed as companions.
 */
import { keyAccessOf, subjects } from "./checks/local-auth.js";
import { resolveOneStep } from "./checks/common.js";
import { parameterFileLookup } from "./checks/parameter-files.js";
import type { IacLanguage, ObjectValue, Template, TemplateValue } from "./model.js";
import { entryAt } from "./model.js";
import { readScopedTemplates } from "./read-template.js";
import { lineIndexOf, lineStartsOf } from "../utils/line-index.js";

export interface DeclaredAccount {
  readonly language: IacLanguage;
  /** `Microsoft.CognitiveServices/accounts`, `azurerm_cognitive_account`, or a module source. */
  readonly type: string;
  /** A local module call: its source as written (`core/ai/cognitiveservices.bicep`, `./modules/openai`). */
  readonly module?: string;
  /** Bicep symbolic name, Terraform local name, module symbol. */
  readonly symbol?: string;
  /** The account name when the file fixes it: a literal, or a parameter's or variable's literal value. */
  readonly name?: string;
  readonly customSubDomainName?: string;
  /** "enabled": the template keeps key access on (written, by default, or by a parameters file beside it). */
  readonly keyAccess: "enabled" | "disabled" | "unknown";
  /** 1-based line of the declaration. */
  readonly line: number;
}

export interface DeclaredOutput {
  readonly name: string;
  /** A literal, or the expression as written (`openAi.properties.endpoint`). */
  readonly value: string;
  readonly line: number;
}

export interface DeclaredTemplate {
  readonly accounts: readonly DeclaredAccount[];
  readonly outputs: readonly DeclaredOutput[];
}

/** A literal value, directly or through a parameter or variable one step away; expressions say no name. */
function literalText(template: Template, value: TemplateValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const resolved = resolveOneStep(template, value).value ?? value;
  return resolved.kind === "literal" ? String(resolved.value) : undefined;
}

/** A value shown as text: literals as themselves, a parameter or variable with a literal value resolved one step. */
function valueText(template: Template, value: TemplateValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const resolved = resolveOneStep(template, value).value ?? value;
  const shown = resolved.kind === "literal" ? resolved : value;
  if (shown.kind === "literal") return String(shown.value);
  return shown.kind === "expression" ? shown.text : undefined;
}

const SUBDOMAIN_PATHS = ["properties.customSubDomainName", "customSubDomainName", "custom_subdomain_name"];

function subdomainOf(body: ObjectValue | undefined): TemplateValue | undefined {
  if (body === undefined) return undefined;
  for (const path of SUBDOMAIN_PATHS) {
    const entry = entryAt(body, path);
    if (entry !== undefined) return entry.value;
  }
  return undefined;
}

/**
 * Reads the accounts and outputs a template file declares; `companions` are the files beside it by
 * name (as the scanner hands them to the iac detector): parameters files, and a Terraform module's
 * other `.tf` files, whose variables and locals the file's accounts may take their key access from.
 */
export async function readDeclaredAccounts(path: string, text: string, companions?: ReadonlyMap<string, string>): Promise<DeclaredTemplate> {
  const accounts: DeclaredAccount[] = [];
  const outputs: DeclaredOutput[] = [];
  const starts = lineStartsOf(text);
  const parameterFiles = companions === undefined ? undefined : parameterFileLookup(companions);
  const { templates, siblings } = await readScopedTemplates(path, text, companions);
  for (const template of templates) {
    for (const subject of subjects(template, path)) {
      // A local module is an account only when its call passes the key-access property: most are not (roles, hosting, monitoring).
      if (subject.row.construct === "module" && subject.row.type === "." && (subject.body === undefined || entryAt(subject.body, subject.row.property) === undefined)) continue;
      const name = literalText(template, subject.body === undefined ? undefined : entryAt(subject.body, "name")?.value);
      const subdomain = literalText(template, subdomainOf(subject.body));
      accounts.push({
        language: template.language,
        type: subject.type,
        ...(subject.row.construct === "module" && subject.row.type === "." ? { module: subject.type } : {}),
        ...(subject.name === undefined ? {} : { symbol: subject.name }),
        ...(name === undefined ? {} : { name }),
        ...(subdomain === undefined ? {} : { customSubDomainName: subdomain }),
        keyAccess: keyAccessOf(subject, template, { text, path, fixable: false, siblings, ...(parameterFiles ? { parameterFiles } : {}) }),
        line: lineIndexOf(starts, subject.headStart) + 1,
      });
    }
    for (const output of template.outputs) {
      outputs.push({ name: output.name, value: valueText(template, output.value) ?? "", line: lineIndexOf(starts, output.headStart) + 1 });
    }
  }
  return { accounts, outputs };
}
