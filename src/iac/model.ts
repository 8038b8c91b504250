/**
 * What the three template readers (Bicep, ARM JSON, Terraform) turn a file into: resources, modules,
 * parameters, variables and outputs, each value a small tree with offsets into the file. The checks
 * and the fixes read only this model, so a check is written once for every language.
 */

export type IacLanguage = "Bicep" | "ARM" | "Terraform";

/** A value as written. Offsets are into the whole file: `start` at its first character, `end` after its last. */
export type TemplateValue = LiteralValue | ObjectValue | ArrayValue | ExpressionValue;

export interface LiteralValue {
  readonly kind: "literal";
  readonly value: string | number | boolean | null;
  readonly start: number;
  readonly end: number;
}

export interface ObjectValue {
  readonly kind: "object";
  /** In source order; Terraform's repeated nested blocks (`secret { }` twice) are repeated keys. */
  readonly entries: readonly TemplateEntry[];
  /** Entries come from an expression the reader does not list (a Bicep spread `...x`): an absent key may be among them. */
  readonly spread?: boolean;
  readonly start: number;
  readonly end: number;
}

export interface ArrayValue {
  readonly kind: "array";
  readonly items: readonly TemplateValue[];
  readonly start: number;
  readonly end: number;
}

/** Anything the reader does not evaluate: a reference, a call, string interpolation, a condition. */
export interface ExpressionValue {
  readonly kind: "expression";
  readonly text: string;
  /** Set when the whole expression is one parameter, variable or local: the one step the checks follow. */
  readonly reference?: string;
  /** What `reference` names when the syntax says so (ARM `parameters('x')`, Terraform `var.x`); Bicep leaves it to the name. */
  readonly referenceKind?: "parameter" | "variable";
  readonly start: number;
  readonly end: number;
}

export interface TemplateEntry {
  readonly key: string;
  /** Offset of the key's first character (the entry's line). */
  readonly start: number;
  readonly value: TemplateValue;
}

export interface Declaration {
  /** Offsets of the declaration's head (`resource x 'Type@v' = {`, `"type": "..."`, `resource "t" "n" {`): where absent-property findings point. */
  readonly headStart: number;
  readonly headEnd: number;
}

export interface TemplateResource extends Declaration {
  /** `Microsoft.CognitiveServices/accounts` (child types spelled out in full), or a Terraform type. */
  readonly type: string;
  readonly apiVersion?: string;
  /** Bicep symbolic name, Terraform local name, ARM symbolic name (languageVersion 2.0) when there is one. */
  readonly symbol?: string;
  /** Bicep `existing`, a Terraform `data` block, ARM `"existing": true`: references, never findings. */
  readonly existing: boolean;
  /** The resource's body: `name`, `kind`, `properties`... (Terraform: attributes and nested blocks). */
  readonly body: ObjectValue;
}

export interface TemplateModule extends Declaration {
  readonly symbol: string;
  /** The module reference as written: `br/public:avm/res/cognitive-services/account:0.7.0`, `./core/ai.bicep`, `Azure/openai/azurerm`. */
  readonly source: string;
  /** The inputs passed to the module (Bicep `params`, ARM nested `parameters`, Terraform block attributes). */
  readonly inputs: ObjectValue | undefined;
}

/** Where a parameter or variable is declared when not in the file read: a Terraform module's other `.tf` file, by name (its offsets are into that file). */
interface DeclaredElsewhere {
  readonly file?: string;
}

export interface TemplateParameter extends Declaration, DeclaredElsewhere {
  readonly name: string;
  readonly defaultValue?: TemplateValue;
  readonly secure: boolean;
}

export interface TemplateVariable extends Declaration, DeclaredElsewhere {
  readonly name: string;
  readonly value: TemplateValue;
}

export interface TemplateOutput extends Declaration {
  readonly name: string;
  readonly value: TemplateValue;
  /** Bicep `@secure()`, ARM `securestring`/`secureObject`, Terraform `sensitive = true`. */
  readonly secure: boolean;
}

export interface Template {
  readonly language: IacLanguage;
  readonly resources: readonly TemplateResource[];
  readonly modules: readonly TemplateModule[];
  /** Bicep/ARM parameters, Terraform variables. */
  readonly parameters: ReadonlyMap<string, TemplateParameter>;
  /** Bicep/ARM variables, Terraform locals. */
  readonly variables: ReadonlyMap<string, TemplateVariable>;
  readonly outputs: readonly TemplateOutput[];
}

/** What a reader collects while it reads a file: a template but for its language. */
export interface TemplateParts {
  readonly resources: TemplateResource[];
  readonly modules: TemplateModule[];
  readonly parameters: Map<string, TemplateParameter>;
  readonly variables: Map<string, TemplateVariable>;
  readonly outputs: TemplateOutput[];
}

/** Empty collections every reader starts from. */
export function emptyParts(): TemplateParts {
  return { resources: [], modules: [], parameters: new Map(), variables: new Map(), outputs: [] };
}

/** The entry at a dotted path (`properties.disableLocalAuth`), comparing keys without letter case as ARM does. */
export function entryAt(object: ObjectValue, path: string): TemplateEntry | undefined {
  let current: ObjectValue = object;
  const keys = path.split(".");
  for (const [index, key] of keys.entries()) {
    const entry = current.entries.find((candidate) => candidate.key.toLowerCase() === key.toLowerCase());
    if (entry === undefined) return undefined;
    if (index === keys.length - 1) return entry;
    if (entry.value.kind !== "object") return undefined;
    current = entry.value;
  }
  return undefined;
}

/** The value of a string literal entry (`kind: 'OpenAI'`), or undefined. */
export function literalString(object: ObjectValue, path: string): string | undefined {
  const value = entryAt(object, path)?.value;
  return value?.kind === "literal" && typeof value.value === "string" ? value.value : undefined;
}

/** A value and the path of keys that leads to it (array items add no key). */
export interface PathedValue {
  readonly path: readonly string[];
  readonly value: TemplateValue;
}

/** Every value under `value`, depth first, with its key path from `value`. */
export function* walkValues(value: TemplateValue, path: readonly string[] = []): Generator<PathedValue> {
  yield { path, value };
  if (value.kind === "object") for (const entry of value.entries) yield* walkValues(entry.value, [...path, entry.key]);
  else if (value.kind === "array") for (const item of value.items) yield* walkValues(item, path);
}

/** How a resource is named for reports: its symbol, else its `name` as written (an ARM expression stays text). */
export function resourceNameOf(resource: TemplateResource): string | undefined {
  if (resource.symbol !== undefined) return resource.symbol;
  const name = entryAt(resource.body, "name")?.value;
  if (name?.kind === "literal") return String(name.value);
  return name?.kind === "expression" ? name.text : undefined;
}
