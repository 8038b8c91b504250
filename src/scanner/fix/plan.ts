/**
 * Combining the fixes of one file's findings into one edit set: identical edits (one import serving
 * two clients) are applied once; a fix with an edit that overlaps a different edit already taken is
 * dropped whole, so every applied fix is applied completely or not at all.
 */
import type { FindingFix, TextEdit } from "../types.js";

export interface FilePlan<Item> {
  /** The file text with every accepted edit applied. */
  readonly text: string;
  /** The accepted edits, disjoint, in file order. */
  readonly edits: readonly TextEdit[];
  /** Items whose fix is in `text`, in the order given. */
  readonly fixed: readonly Item[];
  /** Items whose fix collided with an earlier one: run --fix again once the first is applied. */
  readonly conflicting: readonly Item[];
}

function sameEdit(left: TextEdit, right: TextEdit): boolean {
  return left.start === right.start && left.end === right.end && left.text === right.text;
}

/** Two insertions at one offset collide (their order would be a guess); an insertion collides with a replacement around it. */
function overlaps(left: TextEdit, right: TextEdit): boolean {
  const leftEmpty = left.start === left.end;
  const rightEmpty = right.start === right.end;
  if (leftEmpty && rightEmpty) return left.start === right.start;
  if (leftEmpty) return right.start < left.start && left.start < right.end;
  if (rightEmpty) return left.start < right.start && right.start < left.end;
  return left.start < right.end && right.start < left.end;
}

function isValidEdit(edit: TextEdit, length: number): boolean {
  return Number.isInteger(edit.start) && Number.isInteger(edit.end) && edit.start >= 0 && edit.start <= edit.end && edit.end <= length;
}

export function planFileFixes<Item extends { readonly fix?: FindingFix | undefined }>(text: string, items: readonly Item[]): FilePlan<Item> {
  const accepted: TextEdit[] = [];
  const fixed: Item[] = [];
  const conflicting: Item[] = [];
  for (const item of items) {
    const edits = item.fix?.edits;
    if (edits === undefined || edits.length === 0) continue;
    const fresh = edits.filter((edit) => !accepted.some((taken) => sameEdit(taken, edit)));
    const clashes =
      fresh.some((edit) => !isValidEdit(edit, text.length)) ||
      fresh.some((edit, index) => fresh.some((other, otherIndex) => otherIndex !== index && overlaps(edit, other))) ||
      fresh.some((edit) => accepted.some((taken) => overlaps(edit, taken)));
    if (clashes) {
      conflicting.push(item);
      continue;
    }
    accepted.push(...fresh);
    fixed.push(item);
  }
  const ordered = accepted.sort((left, right) => left.start - right.start || left.end - right.end);
  let result = text;
  for (const edit of [...ordered].reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return { text: result, edits: ordered, fixed, conflicting };
}
