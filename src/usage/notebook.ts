/**
 * Jupyter notebooks as one module: the code cells joined in order (an import in an earlier cell
 * serves a client in a later one), with every character mapped back to its offset in the notebook's
 * JSON, so findings point at the notebook's own lines. Markdown and raw cells are not code.
 */
import { extractNotebookSources } from "../scanner/extract/json.js";

export interface NotebookModule {
  /** The code cells, separated by a newline; IPython magics and shell escapes blanked to spaces. */
  readonly text: string;
  /** Offset in the notebook text of each character of `text`, plus one past the end. */
  readonly offsets: readonly number[];
}

interface CellShape {
  readonly cell_type?: unknown;
  readonly source?: unknown;
}

function sourceOf(cell: CellShape): string | undefined {
  if (typeof cell.source === "string") return cell.source;
  if (Array.isArray(cell.source) && cell.source.every((line) => typeof line === "string")) return cell.source.join("");
  return undefined;
}

/** `%pip install`, `!ls`, `%%time`: lines Python cannot parse, blanked so offsets stay. */
const MAGIC_LINE = /^[ \t]*[%!][^\n]*/gm;

/** Undefined when the text is not a notebook (invalid JSON, no cells). */
export function notebookModule(notebook: string): NotebookModule | undefined {
  let cells: unknown;
  try {
    cells = (JSON.parse(notebook) as { cells?: unknown }).cells;
  } catch {
    return undefined;
  }
  if (!Array.isArray(cells)) return undefined;
  // The extractor yields every joined `source`/`text` array with its offsets, in document order;
  // each cell's source is the next yielded value with the same text (outputs' `text` come between).
  const joined = [...extractNotebookSources(notebook)];
  let cursor = 0;
  let text = "";
  const offsets: number[] = [];
  for (const cell of cells as CellShape[]) {
    const source = sourceOf(cell);
    if (source === undefined || source.length === 0) continue;
    const index = joined.findIndex((value, position) => position >= cursor && value.text === source);
    if (index === -1) continue;
    cursor = index + 1;
    if (cell.cell_type !== "code") continue;
    const value = joined[index];
    if (value === undefined) continue;
    if (text.length > 0) {
      // The separating newline maps to the end of the previous cell.
      offsets.push(offsets.at(-1) ?? 0);
      text += "\n";
    }
    text += source.replace(MAGIC_LINE, (line) => " ".repeat(line.length));
    for (let position = 0; position < source.length; position += 1) offsets.push(value.offsetOf?.(position) ?? value.start + position);
  }
  if (text.length === 0) return undefined;
  offsets.push((offsets.at(-1) ?? 0) + 1);
  return { text, offsets };
}
