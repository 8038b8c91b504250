/** The JSON and notebook extractor: values, names, and the way back from a decoded value to the file. */
import { extractJson, extractNotebook, MAX_DECODED_STRING_LENGTH } from "../../src/scanner/extract/json.js";
import type { BoundValue } from "../../src/scanner/extract/types.js";
import { textMayHoldKey } from "../../src/scanner/prefilter.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

const hex = generateHexKey(1201);

/** Where `needle` (a part of `value.text`) sits in the file, through the value's offset map. */
function fileRange(value: BoundValue, needle: string): [number, number] {
  const at = value.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const map = (index: number): number => value.offsetOf?.(index) ?? value.start + index;
  return [map(at), map(at + needle.length)];
}

describe("extractJson", () => {
  it("yields an unescaped value as a slice, with its names and no offset map", () => {
    const text = `{"AzureOpenAI": {"Key": "${hex}", "Short": "x"}}`;
    const values = [...extractJson(text)];
    expect(values).toEqual([{ text: hex, names: ["Key", "AzureOpenAI"], start: text.indexOf(hex) }]);
  });

  it.each([
    { form: "quotes", raw: `say \\"hi\\" and key=${hex}` },
    { form: "a \\u escape", raw: `caf\\u00e9 key=${hex} done` },
    { form: "escapes on both sides", raw: `\\t\\n${hex}\\\\end` },
    { form: "an invalid \\u escape", raw: `bad \\uZZZZ ${hex}` },
  ])("maps a key after $form back to its place in the file", ({ raw }) => {
    const text = `{"note": "${raw}"}`;
    const [value] = [...extractJson(text)];
    expect(value).toBeDefined();
    const [start, end] = fileRange(value!, hex);
    expect(text.slice(start, end)).toBe(hex);
  });

  it("stops an unterminated string at the line end", () => {
    const text = `{"a": "unterminated ${hex}\n, "b": "${"y".repeat(40)}"}`;
    const values = [...extractJson(text)].map((value) => value.text);
    expect(values).toEqual([`unterminated ${hex}`]);
  });

  it("skips values that cannot hold a key (too short, no hex run, no signature)", () => {
    const text = `{"a": "${"z".repeat(5000)}", "b": "${hex.slice(0, 31)} ${hex.slice(0, 31)}", "c": "short"}`;
    expect([...extractJson(text)]).toEqual([]);
  });

  it("reads JSONC comments as comments", () => {
    const text = `{\n  // "fake": "${hex}"\n  /* "also": "${hex}" */\n  "real": "${hex}"\n}`;
    expect([...extractJson(text)].map((value) => [value.names, value.start])).toEqual([[["real"], text.lastIndexOf(hex)]]);
  });
});

describe("extractNotebook", () => {
  it("joins a cell's source lines and maps a key on an escaped line back to the notebook", () => {
    const notebook = JSON.stringify(
      { cells: [{ cell_type: "code", source: ["import os\n", 'print("\\u00e9")\n', `speech_key = "${hex}"\n`] }] },
      null,
      1,
    );
    const values = [...extractNotebook(notebook)];
    expect(values.map((value) => value.text)).toEqual([`import os\nprint("\\u00e9")\nspeech_key = "${hex}"\n`]);
    const [start, end] = fileRange(values[0]!, hex);
    expect(notebook.slice(start, end)).toBe(hex);
  });

  it("reads an output's text lines too, and maps a key on the second line", () => {
    const key = generateIdentifiableKey({ random: 1202 });
    const notebook = JSON.stringify({ cells: [{ outputs: [{ name: "stdout", text: ["line one\n", `\t"${key}"\n`] }] }] });
    const [value] = [...extractNotebook(notebook)];
    const [start, end] = fileRange(value!, key);
    expect(notebook.slice(start, end)).toBe(key);
  });
});

describe("textMayHoldKey", () => {
  it("says yes for a 32-hex run anywhere and for the signature, no for 31", () => {
    for (let offset = 0; offset < 40; offset += 1) expect(textMayHoldKey(`${"é".repeat(offset)}${hex}`)).toBe(true);
    expect(textMayHoldKey(`${hex.slice(0, 31)} ${hex.slice(1)}`)).toBe(false);
    expect(textMayHoldKey(generateIdentifiableKey({ random: 1203 }))).toBe(true);
  });
});

describe("long strings", () => {
  it("are left to the whole-text pass above MAX_DECODED_STRING_LENGTH", () => {
    const blob = `${"<p>x</p>\\n".repeat(MAX_DECODED_STRING_LENGTH / 8)}${hex}`;
    expect([...extractJson(`{"html": "${blob}"}`)]).toEqual([]);
    expect([...extractNotebook(`{"source": ["${blob}"]}`)]).toEqual([]);
    expect([...extractJson(`{"html": "${blob.slice(-1000)}"}`)]).toHaveLength(1);
  });
});
