/**
 * A tolerant structural reader of Bicep: top-level `param`, `var`, `resource`, `module` and `output`
 * declarations (with their decorators), resources nested in a resource body, and values as far as
 * the checks need them: objects, arrays, literals, and every other expression kept as text with its
 * offsets. It never evaluates: functions, conditions, loops and interpolation stay expressions (a
 * loop's body is read as the single item of an array). Unknown statements (`type`, `func`, `import`,
 * `metadata`...) are skipped to their end; nothing it cannot read throws.
 */
import type { ArrayValue, ObjectValue, Template, TemplateEntry, TemplateValue } from "../model.js";
import { emptyParts } from "../model.js";
import type { Token } from "./tokens.js";
import { tokenize } from "./tokens.js";

const OPENERS: Record<string, string> = { "{": "}", "[": "]", "(": ")" };

class Reader {
  private index = 0;
  readonly parts = emptyParts();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.kind !== "string" && token.text === text;
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === "newline") this.index += 1;
  }

  /** Skips a bracketed group starting at the current opener; returns the closing token. */
  private skipGroup(): Token | undefined {
    const open = this.peek();
    if (open === undefined) return undefined;
    const stack = [OPENERS[open.text] as string];
    this.index += 1;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index] as Token;
      this.index += 1;
      if (token.kind !== "punctuation") continue;
      if (token.text in OPENERS) stack.push(OPENERS[token.text] as string);
      else if (token.text === stack.at(-1) && (stack.pop(), stack.length === 0)) return token;
    }
    return undefined;
  }

  /** Skips to the newline that ends the current statement (brackets may span lines). */
  private skipStatement(): void {
    while (this.index < this.tokens.length && !this.is("\n")) {
      if (this.peek()?.kind === "punctuation" && (this.peek()?.text ?? "") in OPENERS) this.skipGroup();
      else this.index += 1;
    }
  }

  read(): void {
    let decorators: string[] = [];
    while (this.index < this.tokens.length) {
      this.skipNewlines();
      const token = this.peek();
      if (token === undefined) break;
      if (token.text === "@" && token.kind === "punctuation") {
        this.index += 1;
        const name = this.peek();
        if (name?.kind === "identifier") decorators.push(name.text);
        // `@sys.secure()`: the namespace is skipped, the decorator keeps its own name.
        while (this.is(".", 1)) {
          this.index += 2;
          if (this.peek()?.kind === "identifier") decorators[decorators.length - 1] = this.peek()?.text ?? "";
        }
        this.index += 1;
        if (this.is("(")) this.skipGroup();
        continue;
      }
      const secure = decorators.includes("secure");
      decorators = [];
      if (token.kind === "identifier") {
        if (token.text === "param") this.readParameter(token, secure);
        else if (token.text === "var") this.readVariable(token);
        else if (token.text === "output") this.readOutput(token, secure);
        else if (token.text === "resource") this.readResource(token, undefined);
        else if (token.text === "module") this.readModule(token);
      }
      this.skipStatement();
    }
  }

  /** Index of the first `=` of the statement at depth 0, or -1 (a parameter without default). */
  private findAssignment(): number {
    for (let index = this.index; index < this.tokens.length; index += 1) {
      const token = this.tokens[index] as Token;
      if (token.kind === "newline") return -1;
      if (token.kind === "punctuation" && token.text === "=" && this.tokens[index + 1]?.text !== "=") return index;
      if (token.kind === "punctuation" && token.text in OPENERS) {
        const saved = this.index;
        this.index = index;
        this.skipGroup();
        index = this.index - 1;
        this.index = saved;
      }
    }
    return -1;
  }

  private readParameter(keyword: Token, secure: boolean): void {
    const name = this.peek(1);
    if (name?.kind !== "identifier") return;
    this.index += 2;
    const assignment = this.findAssignment();
    let defaultValue: TemplateValue | undefined;
    if (assignment !== -1) {
      this.index = assignment + 1;
      defaultValue = this.readValue();
    }
    this.parts.parameters.set(name.text, { name: name.text, headStart: keyword.start, headEnd: name.end, secure, ...(defaultValue ? { defaultValue } : {}) });
  }

  private readVariable(keyword: Token): void {
    const name = this.peek(1);
    if (name?.kind !== "identifier" || !this.is("=", 2)) return;
    this.index += 3;
    this.parts.variables.set(name.text, { name: name.text, headStart: keyword.start, headEnd: name.end, value: this.readValue() });
  }

  private readOutput(keyword: Token, secure: boolean): void {
    const name = this.peek(1);
    if (name?.kind !== "identifier") return;
    this.index += 2;
    const assignment = this.findAssignment();
    if (assignment === -1) return;
    const typeToken = this.peek();
    this.index = assignment + 1;
    // `output key string` with `@secure()`, or a `securestring`-like type spelled `secureString`... only the decorator counts in Bicep.
    const value = this.readValue();
    this.parts.outputs.push({ name: name.text, headStart: keyword.start, headEnd: typeToken?.end ?? name.end, value, secure });
  }

  /** Whether a `[` at the current token opens a loop, `for` on its line or the next (as the Bicep formatter writes it); moves past the newlines. */
  private opensLoop(): boolean {
    let ahead = 1;
    while (this.peek(ahead)?.kind === "newline") ahead += 1;
    if (this.peek(ahead)?.text !== "for" || this.peek(ahead)?.kind !== "identifier") return false;
    this.index += ahead - 1;
    return true;
  }

  /** After `=`: `{...}`, `if (...) {...}`, `[for ...: {...}]` or `[for ...: if (...) {...}]`. */
  private readDeclarationBody(ownerType?: string): ObjectValue | undefined {
    if (this.is("[") && this.opensLoop()) {
      this.index += 1;
      while (this.index < this.tokens.length && !this.is(":") && !this.is("\n")) {
        if ((this.peek()?.text ?? "") in OPENERS && this.peek()?.kind === "punctuation") this.skipGroup();
        else this.index += 1;
      }
      if (!this.is(":")) return undefined;
      this.index += 1;
      this.skipNewlines();
    }
    if (this.peek()?.text === "if" && this.peek()?.kind === "identifier") {
      this.index += 1;
      if (this.is("(")) this.skipGroup();
      this.skipNewlines();
    }
    if (!this.is("{")) return undefined;
    return this.readObject(ownerType);
  }

  private readResource(keyword: Token, parentType: string | undefined): void {
    const symbol = this.peek(1);
    const typeToken = this.peek(2);
    if (symbol?.kind !== "identifier" || typeToken?.kind !== "string" || typeToken.value === undefined) return;
    this.index += 3;
    const [rawType = "", apiVersion] = typeToken.value.split("@");
    const type = parentType !== undefined && !rawType.includes(".") ? `${parentType}/${rawType}` : rawType;
    const existing = this.peek()?.text === "existing";
    if (existing) this.index += 1;
    const headEnd = this.tokens[this.index - 1]?.end ?? typeToken.end;
    if (!this.is("=")) return;
    this.index += 1;
    const resource = { type, symbol: symbol.text, existing, headStart: keyword.start, headEnd, ...(apiVersion ? { apiVersion } : {}) };
    const body = this.readDeclarationBody(type);
    if (body !== undefined) this.parts.resources.push({ ...resource, body });
  }

  private readModule(keyword: Token): void {
    const symbol = this.peek(1);
    const source = this.peek(2);
    if (symbol?.kind !== "identifier" || source?.kind !== "string" || source.value === undefined) return;
    this.index += 3;
    if (!this.is("=")) return;
    this.index += 1;
    const body = this.readDeclarationBody();
    if (body === undefined) return;
    const params = body.entries.find((entry) => entry.key === "params")?.value;
    this.parts.modules.push({
      symbol: symbol.text,
      source: source.value,
      headStart: keyword.start,
      headEnd: source.end,
      inputs: params?.kind === "object" ? params : undefined,
    });
  }

  /** An object at `{`; nested `resource` declarations inside it are read as resources of their own. */
  private readObject(ownerType?: string): ObjectValue {
    const open = this.peek() as Token;
    this.index += 1;
    const entries: TemplateEntry[] = [];
    let spread = false;
    while (this.index < this.tokens.length) {
      while (this.is("\n") || this.is(",")) this.index += 1;
      const token = this.peek();
      if (token === undefined) break;
      if (token.kind === "punctuation" && token.text === "}") {
        this.index += 1;
        return { kind: "object", entries, start: open.start, end: token.end, ...(spread ? { spread } : {}) };
      }
      if (token.kind === "identifier" && token.text === "resource" && this.peek(1)?.kind === "identifier" && ownerType !== undefined) {
        this.readResource(token, ownerType);
        this.skipStatement();
        continue;
      }
      if (token.text === "@" && token.kind === "punctuation") {
        this.index += 2;
        if (this.is("(")) this.skipGroup();
        continue;
      }
      const key = token.kind === "string" ? (token.value ?? token.text) : token.kind === "identifier" ? token.text : undefined;
      if (key === undefined || !this.is(":", 1)) {
        // Not an entry (a spread `...x`, something newer than this reader): skip to the next line.
        if (this.is(".") && this.is(".", 1) && this.is(".", 2)) spread = true;
        this.skipEntry();
        continue;
      }
      this.index += 2;
      entries.push({ key, start: token.start, value: this.readValue() });
    }
    const last = this.tokens.at(-1);
    return { kind: "object", entries, start: open.start, end: last?.end ?? open.end, ...(spread ? { spread } : {}) };
  }

  private skipEntry(): void {
    while (this.index < this.tokens.length && !this.is("\n") && !this.is(",") && !this.is("}")) {
      if (this.peek()?.kind === "punctuation" && (this.peek()?.text ?? "") in OPENERS) this.skipGroup();
      else this.index += 1;
    }
  }

  private readArray(): ArrayValue {
    const open = this.peek() as Token;
    if (this.opensLoop()) {
      // `[for x in xs: body]`: the body stands for every item.
      this.index += 1;
      while (this.index < this.tokens.length && !this.is(":") && !this.is("]")) {
        if (this.peek()?.kind === "punctuation" && (this.peek()?.text ?? "") in OPENERS) this.skipGroup();
        else this.index += 1;
      }
      const items: TemplateValue[] = [];
      if (this.is(":")) {
        this.index += 1;
        this.skipNewlines();
        if (this.peek()?.text === "if") {
          this.index += 1;
          if (this.is("(")) this.skipGroup();
        }
        items.push(this.readValue());
      }
      this.skipNewlines();
      const close = this.is("]") ? (this.peek() as Token) : undefined;
      if (close !== undefined) this.index += 1;
      return { kind: "array", items, start: open.start, end: close?.end ?? this.tokens[this.index - 1]?.end ?? open.end };
    }
    this.index += 1;
    const items: TemplateValue[] = [];
    while (this.index < this.tokens.length) {
      while (this.is("\n") || this.is(",")) this.index += 1;
      const token = this.peek();
      if (token === undefined) break;
      if (token.kind === "punctuation" && token.text === "]") {
        this.index += 1;
        return { kind: "array", items, start: open.start, end: token.end };
      }
      const before = this.index;
      items.push(this.readValue());
      if (this.index === before) this.index += 1;
    }
    return { kind: "array", items, start: open.start, end: this.tokens.at(-1)?.end ?? open.end };
  }

  private atValueEnd(): boolean {
    const token = this.peek();
    return token === undefined || (token.kind !== "string" && (token.text === "\n" || token.text === "," || token.text === "}" || token.text === "]" || token.text === ")"));
  }

  /** A value up to the end of its entry, item or statement. */
  private readValue(): TemplateValue {
    const first = this.peek();
    if (first === undefined) return { kind: "expression", text: "", start: this.text.length, end: this.text.length };
    let simple: TemplateValue | undefined;
    if (first.kind === "punctuation" && first.text === "{") simple = this.readObject();
    else if (first.kind === "punctuation" && first.text === "[") simple = this.readArray();
    else {
      this.index += 1;
      if (first.kind === "string" && first.value !== undefined) simple = { kind: "literal", value: first.value, start: first.start, end: first.end };
      else if (first.kind === "number") simple = { kind: "literal", value: Number(first.text), start: first.start, end: first.end };
      else if (first.kind === "identifier" && (first.text === "true" || first.text === "false"))
        simple = { kind: "literal", value: first.text === "true", start: first.start, end: first.end };
      else if (first.kind === "identifier" && first.text === "null") simple = { kind: "literal", value: null, start: first.start, end: first.end };
      else if (first.kind === "identifier" && this.atValueEnd())
        simple = { kind: "expression", text: first.text, reference: first.text, start: first.start, end: first.end };
    }
    if (simple !== undefined && this.atValueEnd()) return simple;
    // Anything else is an expression up to the value's end; groups may span lines.
    while (!this.atValueEnd()) {
      if (this.peek()?.kind === "punctuation" && (this.peek()?.text ?? "") in OPENERS) this.skipGroup();
      else this.index += 1;
    }
    const end = this.tokens[this.index - 1]?.end ?? first.end;
    return { kind: "expression", text: this.text.slice(first.start, end), start: first.start, end };
  }
}

/** Reads a Bicep file into the template model. */
export function readBicep(text: string): Template {
  const reader = new Reader(text, tokenize(text));
  reader.read();
  return { language: "Bicep", ...reader.parts };
}
