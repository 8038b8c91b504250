/** What the checks share: the findings they build, the one step of value following, safe names in messages. */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import type { Template, TemplateParameter, TemplateValue, TemplateVariable } from "../model.js";

export type IacDetected = Extract<DetectedFinding, { category: "iac" }>;

/** A name from the scanned file, fit for a message: control characters escaped, long names cut. */
export function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = name.replace(/[\u0000-\u001f\u007f-\u009f`]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > 80 ? `${escaped.slice(0, 77)}...` : escaped;
}

/** A value followed one step: through the parameter (its default) or the variable it names. */
export interface Resolved {
  /** The value in force as far as the file shows; undefined for a parameter without default. */
  readonly value: TemplateValue | undefined;
  readonly parameter?: TemplateParameter;
  readonly variable?: TemplateVariable;
}

export function resolveOneStep(template: Template, value: TemplateValue): Resolved {
  if (value.kind !== "expression" || value.reference === undefined) return { value };
  const name = value.reference;
  const parameter = value.referenceKind === "variable" ? undefined : template.parameters.get(name);
  if (parameter !== undefined) return { value: parameter.defaultValue, parameter };
  const variable = value.referenceKind === "parameter" ? undefined : template.variables.get(name);
  if (variable !== undefined) return { value: variable.value, variable };
  return { value };
}

/** The boolean a value holds, when it is a literal one. */
export function literalBoolean(value: TemplateValue | undefined): boolean | undefined {
  return value?.kind === "literal" && typeof value.value === "boolean" ? value.value : undefined;
}

/** The advice every key-access finding ends with. */
export const KEYLESS_ADVICE = "Give each app a managed identity with the role \"Cognitive Services OpenAI User\" (or \"Cognitive Services User\") and authenticate with Microsoft Entra ID.";
