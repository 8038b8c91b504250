/**
 * Edits of comma-separated lists in braces (object literal properties, import specifiers,
 * destructuring patterns) that keep the surrounding formatting: one line stays one line, a list
 * with one item per line gets the new item on its own line.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

/** Leading whitespace of the line a node starts on. */
function indentOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | TSESTree.Token): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? "";
  return /^\s*/.exec(line)?.[0] ?? "";
}

/** Adds `text` as the last item of `container`'s braced list (`items` are its current items). */
export function insertListItem(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  container: TSESTree.Node,
  items: readonly TSESTree.Node[],
  text: string,
): TSESLint.RuleFix {
  const last = items.at(-1);
  if (last === undefined) {
    const openingBrace = sourceCode.getFirstToken(container, { filter: ASTUtils.isOpeningBraceToken });
    const closingBrace = sourceCode.getLastToken(container, { filter: ASTUtils.isClosingBraceToken });
    if (openingBrace === null || closingBrace === null) return fixer.insertTextAfter(container, "");
    return fixer.replaceTextRange([openingBrace.range[1], closingBrace.range[0]], ` ${text} `);
  }
  const tokenAfter = sourceCode.getTokenAfter(last);
  const trailingComma = tokenAfter !== null && ASTUtils.isCommaToken(tokenAfter) ? tokenAfter : undefined;
  const multiline = container.loc.start.line !== last.loc.end.line;
  if (multiline) {
    const indent = indentOf(sourceCode, last);
    return trailingComma === undefined
      ? fixer.insertTextAfter(last, `,\n${indent}${text}`)
      : fixer.insertTextAfter(trailingComma, `\n${indent}${text},`);
  }
  return trailingComma === undefined
    ? fixer.insertTextAfter(last, `, ${text}`)
    : fixer.insertTextAfter(trailingComma, ` ${text},`);
}

/** Removes one item of a braced comma-separated list with its comma. */
export function removeListItem(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  item: TSESTree.Node,
): TSESLint.RuleFix {
  const tokenAfter = sourceCode.getTokenAfter(item);
  if (tokenAfter !== null && ASTUtils.isCommaToken(tokenAfter)) {
    const next = sourceCode.getTokenAfter(tokenAfter, { includeComments: true });
    if (next !== null && !ASTUtils.isClosingBraceToken(next)) {
      // Not the last item: take it up to where the next one starts.
      return fixer.removeRange([item.range[0], next.range[0]]);
    }
    // Last item with a trailing comma: keep the comma of the item before.
    const before = sourceCode.getTokenBefore(item);
    return fixer.removeRange([before === null ? item.range[0] : before.range[1], tokenAfter.range[1]]);
  }
  const before = sourceCode.getTokenBefore(item);
  if (before !== null && ASTUtils.isCommaToken(before)) return fixer.removeRange([before.range[0], item.range[1]]);
  return fixer.removeRange([before === null ? item.range[0] : before.range[1], item.range[1]]);
}
