/**
 * Terraform files through the HCL syntax tree (tree-sitter's HCL grammar, loaded by the shared
 * loader of src/usage; chosen over `@cdktf/hcl2json` for its offsets and load time, see docs/iac.md): `resource`, `data` (references, never findings),
 * `variable` (its `default`), `locals`, `output` (`sensitive`) and `module` blocks. A block body is an
 * object whose entries are its attributes and nested blocks (a `dynamic "x"` block reads as its
 * `content` under `x`); `var.x` and `local.x` are the one step the checks follow.
 */
import type { ObjectValue, Template, TemplateEntry, TemplateValue } from "../model.js";
import { emptyParts, entryAt } from "../model.js";
import type { Node } from "../../usage/tree-sitter.js";
import { parseSource } from "../../usage/tree-sitter.js";

/** The value of a string literal that has no interpolation, or undefined. */
function plainString(node: Node): string | undefined {
  if (node.type !== "string_lit") return undefined;
  const parts = node.namedChildren.filter((child) => child !== null && child.type !== "quoted_template_start" && child.type !== "quoted_template_end");
  if (parts.some((part) => part?.type !== "template_literal")) return undefined;
  return parts.map((part) => part?.text ?? "").join("");
}

function expression(node: Node): TemplateValue {
  const { startIndex: start, endIndex: end } = node;
  const children = node.namedChildren.filter((child): child is Node => child !== null);
  const only = children.length === 1 ? children[0] : undefined;
  if (node.type === "expression" && only !== undefined) return expression(only);
  if (node.type === "literal_value" && only !== undefined) {
    if (only.type === "bool_lit") return { kind: "literal", value: only.text === "true", start, end };
    if (only.type === "numeric_lit") return { kind: "literal", value: Number(only.text), start, end };
    if (only.type === "null_lit") return { kind: "literal", value: null, start, end };
    const text = plainString(only);
    if (text !== undefined) return { kind: "literal", value: text, start, end };
  }
  if (node.type === "collection_value" && only !== undefined) return expression(only);
  if (node.type === "object") {
    const entries: TemplateEntry[] = [];
    for (const element of children) {
      if (element.type !== "object_elem") continue;
      const key = element.childForFieldName("key");
      const value = element.childForFieldName("val");
      if (key === null || value === null) continue;
      const keyText = key.namedChildren.length === 1 && key.namedChildren[0]?.type === "literal_value" ? plainString(key.namedChildren[0]?.namedChildren[0] as Node) : undefined;
      entries.push({ key: keyText ?? key.text, start: key.startIndex, value: expression(value) });
    }
    return { kind: "object", entries, start, end };
  }
  if (node.type === "tuple") return { kind: "array", items: children.map(expression), start, end };
  // `var.x` / `local.x`: a variable expression and one attribute.
  if (node.type === "expression" && children.length === 2 && children[0]?.type === "variable_expr" && children[1]?.type === "get_attr") {
    const root = children[0].text;
    const name = children[1].namedChildren[0]?.text;
    if ((root === "var" || root === "local") && name !== undefined) {
      return { kind: "expression", text: node.text, reference: name, referenceKind: root === "var" ? "parameter" : "variable", start, end };
    }
  }
  return { kind: "expression", text: node.text, start, end };
}

interface BlockParts {
  readonly type: string;
  readonly labels: readonly string[];
  readonly headEnd: number;
  readonly body: ObjectValue;
}

function blockParts(block: Node): BlockParts {
  const children = block.namedChildren.filter((child): child is Node => child !== null);
  const labels: string[] = [];
  let headEnd = children[0]?.endIndex ?? block.startIndex;
  let bodyNode: Node | undefined;
  for (const child of children.slice(1)) {
    if (child.type === "string_lit" || child.type === "identifier") {
      labels.push(plainString(child) ?? child.text);
      headEnd = child.endIndex;
    } else if (child.type === "body") bodyNode = child;
  }
  const blockEnd = children.find((child) => child.type === "block_end");
  const open = children.find((child) => child.type === "block_start");
  const body = bodyNode === undefined ? { kind: "object" as const, entries: [], start: open?.startIndex ?? block.startIndex, end: blockEnd?.endIndex ?? block.endIndex } : readBody(bodyNode, open?.startIndex ?? bodyNode.startIndex, blockEnd?.endIndex ?? bodyNode.endIndex);
  return { type: children[0]?.text ?? "", labels, headEnd, body };
}

/** A block body as an object spanning `{` to `}`. */
function readBody(body: Node, start: number, end: number): ObjectValue {
  const entries: TemplateEntry[] = [];
  for (const child of body.namedChildren) {
    if (child === null) continue;
    if (child.type === "attribute") {
      const name = child.namedChildren[0];
      const value = child.namedChildren[1];
      if (name && value) entries.push({ key: name.text, start: child.startIndex, value: expression(value) });
    } else if (child.type === "block") {
      const parts = blockParts(child);
      if (parts.type === "dynamic") {
        const content = entryAt(parts.body, "content")?.value;
        entries.push({ key: parts.labels[0] ?? "dynamic", start: child.startIndex, value: content ?? parts.body });
      } else entries.push({ key: parts.type, start: child.startIndex, value: parts.body });
    }
  }
  return { kind: "object", entries, start, end };
}

/** Reads a Terraform file (the grammar loads on the first call). */
export async function readTerraform(text: string): Promise<Template> {
  const parsed = await parseSource("hcl", text);
  const parts = emptyParts();
  const { resources, modules, parameters, variables, outputs } = parts;
  try {
    const body = parsed.root.namedChildren.find((child) => child?.type === "body");
    for (const block of body?.namedChildren ?? []) {
      if (block?.type !== "block") continue;
      const { type, labels, headEnd, body: value } = blockParts(block);
      const head = { headStart: block.startIndex, headEnd };
      if ((type === "resource" || type === "data") && labels.length >= 2) {
        resources.push({ type: labels[0] ?? "", symbol: labels[1] ?? "", existing: type === "data", body: value, ...head });
      } else if (type === "variable" && labels[0] !== undefined) {
        const defaultValue = entryAt(value, "default")?.value;
        const sensitive = entryAt(value, "sensitive")?.value;
        parameters.set(labels[0], { name: labels[0], secure: sensitive?.kind === "literal" && sensitive.value === true, ...head, ...(defaultValue ? { defaultValue } : {}) });
      } else if (type === "locals") {
        for (const entry of value.entries) variables.set(entry.key, { name: entry.key, value: entry.value, headStart: entry.start, headEnd: entry.start + entry.key.length });
      } else if (type === "output" && labels[0] !== undefined) {
        const outputValue = entryAt(value, "value")?.value;
        const sensitive = entryAt(value, "sensitive")?.value;
        if (outputValue !== undefined) outputs.push({ name: labels[0], value: outputValue, secure: sensitive?.kind === "literal" && sensitive.value === true, ...head });
      } else if (type === "module" && labels[0] !== undefined) {
        const source = entryAt(value, "source")?.value;
        modules.push({ symbol: labels[0], source: source?.kind === "literal" ? String(source.value) : "", inputs: value, ...head });
      }
    }
  } finally {
    parsed.dispose();
  }
  return { language: "Terraform", ...parts };
}
