/**
 * The same-file variable follower: a key, credential or options object passed through a variable or
 * constant (`key = os.environ["AZURE_OPENAI_API_KEY"]` ... `api_key=key`). Language-neutral: a
 * language gives a query that captures each binding's `@name` and `@value`, and the node types that
 * open a scope (functions, methods, lambdas); scoping is approximated the way a reader would.
 */
import type { Node, Query } from "./tree-sitter.js";
import { nodes } from "./tree-sitter.js";

interface Binding {
  readonly name: string;
  readonly value: Node;
  /** Offset of the binding's name: "before the use" is decided on it. */
  readonly at: number;
  /** The innermost scope node around the binding (undefined: the module / file). */
  readonly scopeStart: number;
  readonly scopeEnd: number;
}

/** How many variables deep `follow` goes (`a = b`, `b = c`, ...): enough for real code, bounded for cycles. */
const MAX_FOLLOW_DEPTH = 8;

export class SameFileBindings {
  private readonly byName = new Map<string, Binding[]>();

  /**
   * `query` captures `@name` (an identifier) and `@value` (the bound expression) per match;
   * `scopeTypes` are the node types that open a scope. `nameOf` reads the name a `@name` node binds
   * (undefined: not a plain variable), for languages whose names are not the node's text as written
   * (PowerShell's `$Key` and `$key` are one variable).
   */
  constructor(
    root: Node,
    query: Query,
    private readonly scopeTypes: ReadonlySet<string>,
    nameOf: (node: Node) => string | undefined = (node) => node.text,
  ) {
    for (const match of query.matches(root)) {
      const nameNode = match.captures.find((capture) => capture.name === "name")?.node;
      const value = match.captures.find((capture) => capture.name === "value")?.node;
      const name = nameNode === undefined ? undefined : nameOf(nameNode);
      if (nameNode === undefined || name === undefined || value === undefined) continue;
      const scope = this.scopeOf(nameNode);
      const binding: Binding = {
        name,
        value,
        at: nameNode.startIndex,
        scopeStart: scope?.startIndex ?? 0,
        scopeEnd: scope?.endIndex ?? Number.MAX_SAFE_INTEGER,
      };
      const list = this.byName.get(binding.name);
      if (list === undefined) this.byName.set(binding.name, [binding]);
      else list.push(binding);
    }
  }

  private scopeOf(node: Node): Node | undefined {
    for (let current = node.parent; current !== null; current = current.parent) {
      if (this.scopeTypes.has(current.type)) return current;
    }
    return undefined;
  }

  /** Whether `name` is bound anywhere in the file by the query's bindings. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * The value bound to `name` as seen at offset `at`: the last binding before it in the innermost
   * scope that has one and encloses `at`; else the first binding after it in such a scope (a module
   * constant defined below the function that reads it). Undefined when no binding is visible.
   */
  valueOf(name: string, at: number): Node | undefined {
    const { before, inScope } = this.visible(name, at);
    return (before.at(-1) ?? inScope[0])?.value;
  }

  /**
   * Every value `name` may hold at `at`: each binding before it in the innermost scope that has one
   * (`if (...) { $h = a } else { $h = b }`: both), else the first after it. Branches are not told apart.
   */
  valuesOf(name: string, at: number): Node[] {
    const { before, inScope } = this.visible(name, at);
    return (before.length > 0 ? before : inScope.slice(0, 1)).map((binding) => binding.value);
  }

  private visible(name: string, at: number): { before: Binding[]; inScope: Binding[] } {
    const visible = (this.byName.get(name) ?? []).filter((binding) => binding.scopeStart <= at && at < binding.scopeEnd);
    if (visible.length === 0) return { before: [], inScope: [] };
    // Innermost scope first: the one that starts last.
    const innermost = Math.max(...visible.map((binding) => binding.scopeStart));
    const inScope = visible.filter((binding) => binding.scopeStart === innermost);
    return { before: inScope.filter((binding) => binding.at < at), inScope };
  }

  /**
   * Follows `node` through variables while `nameOf` says it is a plain variable reference, returning
   * the last expression reached (the node itself when it is not a variable or the variable is unbound).
   */
  follow(node: Node, nameOf: (node: Node) => string | undefined): Node {
    let current = node;
    for (let depth = 0; depth < MAX_FOLLOW_DEPTH; depth += 1) {
      const name = nameOf(current);
      if (name === undefined) return current;
      const value = this.valueOf(name, current.startIndex);
      if (value === undefined || value.startIndex === current.startIndex) return current;
      current = value;
    }
    return current;
  }

  /**
   * `follow` for grammars whose variable references are `identifier` nodes (Go, Java), through
   * parentheses around the expression.
   */
  followIdentifiers(node: Node): Node {
    const inner = node.type === "parenthesized_expression" ? (nodes(node.namedChildren)[0] ?? node) : node;
    return this.follow(inner, (candidate) => (candidate.type === "identifier" ? candidate.text : undefined));
  }
}
