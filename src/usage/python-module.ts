/**
 * What the Python detector and its fix read from a parsed module: imported names resolved to their
 * qualified names, the same-file variable follower, call arguments, and the key / endpoint sources
 * an expression reveals (a literal, `os.getenv("X")`, `os.environ["X"]`, a settings lookup).
 */
import { findAzureAiHost } from "../detect/index.js";
import { SameFileBindings } from "./bindings.js";
import { PYTHON_SURFACES } from "./python-surfaces.js";
import type { Node, ParsedSource } from "./tree-sitter.js";

export interface ImportedName {
  /** `openai.AzureOpenAI` for `from openai import AzureOpenAI`, `openai` for `import openai`. */
  readonly qualified: string;
  readonly statement: Node;
}

export class PythonModule {
  readonly imports = new Map<string, ImportedName>();
  readonly bindings: SameFileBindings;
  private identifierIndex: Map<string, Node[]> | undefined;

  constructor(
    readonly text: string,
    readonly parsed: ParsedSource,
  ) {
    const { root } = parsed;
    this.bindings = new SameFileBindings(root, parsed.query(PYTHON_SURFACES.queries.assignments), PYTHON_SURFACES.scopeTypes);
    for (const capture of parsed.query(PYTHON_SURFACES.queries.imports).captures(root)) this.readImport(capture.node);
  }

  /** Every identifier node by name, for the fix's name-clash and other-use checks (built on first use: most files need no fix). */
  get identifiers(): ReadonlyMap<string, readonly Node[]> {
    if (this.identifierIndex === undefined) {
      const index = new Map<string, Node[]>();
      for (const capture of this.parsed.query("(identifier) @identifier").captures(this.parsed.root)) {
        const list = index.get(capture.node.text);
        if (list === undefined) index.set(capture.node.text, [capture.node]);
        else list.push(capture.node);
      }
      this.identifierIndex = index;
    }
    return this.identifierIndex;
  }

  private readImport(statement: Node): void {
    if (statement.type === "import_statement") {
      for (const name of statement.childrenForFieldName("name")) {
        if (name.type === "aliased_import") {
          const dotted = name.childForFieldName("name")?.text;
          const alias = name.childForFieldName("alias")?.text;
          if (dotted !== undefined && alias !== undefined) this.imports.set(alias, { qualified: dotted, statement });
        } else {
          // `import a.b.c` binds `a`, through which `a.b.c.X` is reached.
          const first = name.text.split(".")[0] ?? name.text;
          this.imports.set(first, { qualified: first, statement });
        }
      }
      return;
    }
    const module = statement.childForFieldName("module_name");
    if (module === null || module.type !== "dotted_name") return; // relative imports are the project's own modules
    for (const name of statement.childrenForFieldName("name")) {
      if (name.type === "aliased_import") {
        const imported = name.childForFieldName("name")?.text;
        const alias = name.childForFieldName("alias")?.text;
        if (imported !== undefined && alias !== undefined) this.imports.set(alias, { qualified: `${module.text}.${imported}`, statement });
      } else {
        this.imports.set(name.text, { qualified: `${module.text}.${name.text}`, statement });
      }
    }
  }

  /** `AzureOpenAI` / `oa.AzureOpenAI` / `openai.lib.azure.AzureOpenAI` as a qualified name, when it starts at an import. */
  qualifiedName(node: Node): string | undefined {
    if (node.type === "identifier") return this.imports.get(node.text)?.qualified;
    if (node.type === "attribute") {
      const object = node.childForFieldName("object");
      const attribute = node.childForFieldName("attribute");
      if (object === null || attribute === null) return undefined;
      const base = this.qualifiedName(object);
      return base === undefined ? undefined : `${base}.${attribute.text}`;
    }
    return undefined;
  }

  /** Follows a plain variable to the expression bound to it in this file. */
  follow(node: Node): Node {
    return this.bindings.follow(unwrap(node), (candidate) => (candidate.type === "identifier" && !this.imports.has(candidate.text) ? candidate.text : undefined));
  }
}

/** Parentheses around an expression change nothing. */
function unwrap(node: Node): Node {
  let current = node;
  while (current.type === "parenthesized_expression" && current.namedChildCount === 1) current = current.namedChild(0) ?? current;
  return current;
}

export interface CallArguments {
  readonly keywords: ReadonlyMap<string, Node>;
  readonly positional: readonly Node[];
  /** A `**kwargs` or `*args` splat: what it carries is unknown. */
  readonly splat: boolean;
}

export function callArguments(argumentList: Node): CallArguments {
  const keywords = new Map<string, Node>();
  const positional: Node[] = [];
  let splat = false;
  for (const argument of argumentList.namedChildren) {
    if (argument === null || argument.type === "comment") continue;
    if (argument.type === "keyword_argument") {
      const name = argument.childForFieldName("name")?.text;
      if (name !== undefined) keywords.set(name, argument);
    } else if (argument.type === "dictionary_splat" || argument.type === "list_splat") {
      splat = true;
    } else {
      positional.push(argument);
    }
  }
  return { keywords, positional, splat };
}

/** The value of a `name=value` keyword argument. */
export function keywordValue(argument: Node | undefined): Node | undefined {
  return argument?.childForFieldName("value") ?? undefined;
}

/** A plain string literal's content (no f-string interpolation), else undefined. */
export function stringContent(node: Node): string | undefined {
  if (node.type !== "string") return undefined;
  if (node.namedChildren.some((child) => child?.type === "interpolation")) return undefined;
  return node.namedChildren
    .filter((child) => child?.type === "string_content" || child?.type === "escape_sequence")
    .map((child) => child?.text ?? "")
    .join("");
}

/** Names worth showing: env vars and settings keys, never arbitrary text from the file. */
const SHOWN_NAME = /^[A-Za-z_][\w.:-]{0,127}$/;

/** Where a value comes from, when the expression says. */
export type ValueSource =
  | { readonly kind: "absent" }
  | { readonly kind: "keyless" }
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "env"; readonly name: string }
  | { readonly kind: "config"; readonly name: string }
  | { readonly kind: "unknown" };

/** Calls that read an environment variable named by their first argument. */
export const ENV_READERS: ReadonlySet<string> = new Set(["os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop"]);

function named(kind: "env" | "config", name: string | undefined): ValueSource {
  return name !== undefined && SHOWN_NAME.test(name) ? { kind, name } : { kind: "unknown" };
}

/** What the expression `node` (followed through variables) is as a key or endpoint. */
export function valueSource(module: PythonModule, node: Node, depth = 0): ValueSource {
  const value = module.follow(node);
  if (depth > 4) return { kind: "unknown" };
  switch (value.type) {
    case "none":
      return { kind: "absent" };
    case "string": {
      const content = stringContent(value);
      return content === undefined ? { kind: "unknown" } : { kind: "literal", value: content };
    }
    case "lambda":
      return { kind: "keyless" }; // a callable key: a token provider
    case "boolean_operator":
    case "conditional_expression": {
      const first = value.namedChild(0);
      return first === null ? { kind: "unknown" } : valueSource(module, first, depth + 1);
    }
    case "subscript": {
      const key = value.childForFieldName("subscript");
      const name = key === null ? undefined : stringContent(key);
      const target = value.childForFieldName("value");
      const environ = target !== null && module.qualifiedName(target) === "os.environ";
      return named(environ ? "env" : "config", name);
    }
    case "attribute": {
      const object = value.childForFieldName("object");
      const attribute = value.childForFieldName("attribute")?.text;
      // `credential.get_token(scope).token`: a Microsoft Entra token.
      if (attribute === "token" && object?.type === "call" && object.childForFieldName("function")?.text.endsWith("get_token") === true) return { kind: "keyless" };
      // `settings.AZURE_OPENAI_API_KEY`
      return attribute !== undefined && /key/i.test(attribute) ? named("config", attribute) : { kind: "unknown" };
    }
    case "call": {
      const callee = value.childForFieldName("function");
      const qualified = callee === null ? undefined : module.qualifiedName(callee);
      const calleeName = qualified ?? callee?.text ?? "";
      if (calleeName.endsWith("get_bearer_token_provider") || qualified?.startsWith("azure.identity") === true) return { kind: "keyless" };
      const argumentList = value.childForFieldName("arguments");
      const first = argumentList?.type === "argument_list" ? callArguments(argumentList).positional[0] : undefined;
      const name = first === undefined ? undefined : stringContent(module.follow(first));
      if (qualified !== undefined && ENV_READERS.has(qualified)) return named("env", name);
      // `config("KEY")`, `userdata.get("KEY")`, `client.get_secret("KEY")`: a named setting or secret.
      return name === undefined ? { kind: "unknown" } : named("config", name);
    }
    default:
      return { kind: "unknown" };
  }
}

/** `literal`, `env:NAME`, `config:NAME`, or undefined when the file does not show where the key comes from. */
export function describeSource(source: ValueSource): string | undefined {
  switch (source.kind) {
    case "literal":
      return "literal";
    case "env":
    case "config":
      return `${source.kind}:${source.name}`;
    default:
      return undefined;
  }
}

const GITHUB_MODELS = /models\.inference\.ai\.azure\.com|models\.github\.ai|github/i;

/** A GitHub token or GitHub Models endpoint: not an Azure key. */
export function isGitHubSource(source: ValueSource): boolean {
  return (source.kind === "env" || source.kind === "config") && /github/i.test(source.name);
}

const PRINTABLE_URL = /^[\x21-\x7e]{1,200}$/;

/** The endpoint as reported: a URL literal (also an f-string's text), `env:NAME`, `config:NAME`. */
export function describeEndpoint(module: PythonModule, node: Node): string | undefined {
  const value = module.follow(node);
  if (value.type === "string") {
    const text = value.text.replace(/^[A-Za-z]*(["']{1,3})/, "").replace(/["']{1,3}$/, "");
    return PRINTABLE_URL.test(text) ? text : undefined;
  }
  return describeSource(valueSource(module, value));
}

/** Texts and names an endpoint expression is built from (string parts, variables followed, env names). */
function endpointParts(module: PythonModule, node: Node, depth: number): string[] {
  if (depth > 4) return [];
  const value = module.follow(node);
  const source = valueSource(module, value);
  if (source.kind === "env" || source.kind === "config") return [source.name];
  if (source.kind === "literal") return [source.value];
  // An unbound variable or a setting's attribute name says something too (`azure_endpoint`, `settings.AZURE_OPENAI_ENDPOINT`).
  if (value.type === "identifier" || value.type === "string_content") return [value.text];
  if (value.type === "attribute") return [value.childForFieldName("attribute")?.text ?? ""];
  return value.namedChildren.flatMap((child) => (child === null ? [] : endpointParts(module, child, depth + 1)));
}

/**
 * Whether an endpoint is visibly Azure: an Azure AI host in its text, or an env var / setting named
 * for Azure (`f"{os.environ['AZURE_OPENAI_ENDPOINT']}/openai/v1/"`). GitHub Models is not Azure here.
 */
export function endpointIsAzure(module: PythonModule, node: Node): boolean {
  const parts = endpointParts(module, node, 0);
  if (parts.some((part) => GITHUB_MODELS.test(part))) return false;
  return parts.some((part) => findAzureAiHost(part) !== undefined || /azure/i.test(part));
}

export function endpointIsGitHub(module: PythonModule, node: Node): boolean {
  return endpointParts(module, node, 0).some((part) => GITHUB_MODELS.test(part));
}
