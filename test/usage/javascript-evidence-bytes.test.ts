/**
 * The rules' evidence read from a file's bytes before decoding (`mayReportBytes`, the JavaScript
 * detector's `mayDetect`): it may only say no where `mayReport` of the decoded text says no, and on
 * text without non-ASCII chars it says exactly what `mayReport` says, so it rules out what the text
 * would. Checked on every fixture and on generated texts holding each kind of evidence, with and
 * without the two code points that lower-case to ASCII and with non-ASCII names.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { AZURE_AI_HOST_SUFFIXES, AZURE_KEY_HEADER_NAMES, AZURE_OPENAI_REST_SHAPES, IDENTIFIABLE_KEY_SIGNATURE } from "../../src/detect/index.js";
import { javascriptUsageDetector } from "../../src/usage/javascript/detector.js";
import { BYTE_WINDOW, CLIENT_EVIDENCE, mayReport, mayReportBytes, WINDOW_OVERLAP } from "../../src/usage/javascript/evidence.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

const ALL_FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

const DOTTED_I = "\u0130";
const KELVIN = "\u212A";
const isAscii = (text: string): boolean => !/[^\0-\x7f]/.test(text);

interface Verdict {
  readonly text: boolean;
  readonly bytes: boolean;
}

const verdictOf = (text: string): Verdict => ({ text: mayReport(text), bytes: mayReportBytes(Buffer.from(text, "utf8")) });

/** Never no from the bytes where the text says yes; on ASCII text, the same answer. */
function expectAsStrict(text: string): Verdict {
  const verdict = verdictOf(text);
  if (verdict.text) expect(verdict.bytes, text).toBe(true);
  if (isAscii(text)) expect(verdict.bytes, text).toBe(verdict.text);
  return verdict;
}

/** `AzUrEoPeNaI`: the letter case the evidence is read in never matters. */
const mixedCase = (piece: string): string => [...piece].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char)).join("");

/** Each `i` and each `k` of a piece in turn written as the code point that lower-cases to it. */
function withLoweringCodePoints(piece: string): string[] {
  const variants: string[] = [];
  for (let index = 0; index < piece.length; index += 1) {
    if (piece[index] === "i") variants.push(piece.slice(0, index) + DOTTED_I + piece.slice(index + 1));
    if (piece[index] === "k") variants.push(piece.slice(0, index) + KELVIN + piece.slice(index + 1));
  }
  return variants;
}

/** Non-ASCII text around the evidence: two-byte, three-byte and four-byte UTF-8 sequences. */
const NOISE = ["", "/* café */ ", "// 日本語\n", "'\u{1F600}'; "];

/** A client construction's evidence: a quoted package and the pieces one of its alternatives asks for, each in a string. */
function clientTexts(): string[] {
  const texts: string[] = [];
  for (const [module, alternatives] of CLIENT_EVIDENCE) {
    for (const evidence of alternatives) {
      const variants = [evidence.map(mixedCase), ...evidence.flatMap((piece, index) => [
        // One piece left out, or spelled with a code point that lower-cases to ASCII.
        evidence.filter((_, other) => other !== index),
        ...withLoweringCodePoints(piece).map((variant) => evidence.map((other, at) => (at === index ? variant : other))),
      ])];
      for (const noise of NOISE) {
        for (const pieces of variants) {
          texts.push(`${noise}import x from "${module}";\n${noise}const parts = [${pieces.map((piece) => JSON.stringify(piece)).join(`, ${noise}`)}];\n`);
        }
      }
    }
  }
  return texts;
}

/** Header values: keys the engine finds, Azure key names (one with a non-ASCII char, one after a long non-ASCII run), and plain values. */
const KEY_VALUES = [
  JSON.stringify(generateIdentifiableKey()),
  JSON.stringify(generateHexKey(7)),
  "process.env.AZURE_OPENAI_KEY",
  "process.env.SPEECH_KEY",
  "process.env.AZURE_ÖPENAI_KEY",
  `process.env.${"É".repeat(300)}AZURE_OPENAI_KEY`,
  `process.env.${"É".repeat(300)}_KEY`,
  `process.env.AZURE_OPENAI_${KELVIN}EY`,
  `process.env.${DOTTED_I}AZURE_KEY`,
  "token",
  "process.env.CACHE_KEY",
];

/** Where a request goes: an Azure AI host, an Azure OpenAI REST shape, an `AzureOpenAI` client, or elsewhere. */
const TARGETS = [
  ...AZURE_AI_HOST_SUFFIXES.map((suffix) => `"https://x.${suffix}/v1"`),
  '"https://x.example.com/openai/deployments/gpt/chat"',
  '"https://x.example.com/chat?api-version=2024-10-21"',
  "new AzureOpenAI().baseURL",
  `new AzureOpenA${DOTTED_I}().baseURL`,
  '"https://api.example.com/v1"',
];

function headerTexts(): string[] {
  const texts: string[] = [];
  for (const noise of NOISE) {
    for (const value of KEY_VALUES) {
      for (const target of TARGETS) {
        for (const header of AZURE_KEY_HEADER_NAMES) texts.push(`${noise}fetch(${target}, { headers: { "${header}": ${value} } });\n`);
        texts.push(`${noise}fetch(${target}, { headers: { Authorization: \`Bearer \${${value}}\` } });\n`);
      }
    }
  }
  return texts;
}

function fixtureFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile());
}

describe("the JavaScript rules' evidence read from bytes", () => {
  it("look for ASCII strings only, which stand in bytes read as latin1 where they stand in the text", () => {
    const strings = [
      ...[...CLIENT_EVIDENCE].flatMap(([module, alternatives]) => [module, ...alternatives.flat()]),
      ...AZURE_AI_HOST_SUFFIXES,
      ...AZURE_OPENAI_REST_SHAPES,
      ...AZURE_KEY_HEADER_NAMES,
      IDENTIFIABLE_KEY_SIGNATURE,
    ];
    expect(strings.filter((string) => !isAscii(string))).toEqual([]);
    // The only code points whose lower case holds ASCII, which the bytes' lower case is made to agree on.
    const lowersToAscii: string[] = [];
    for (let code = 0x80; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      if (/[\0-\x7f]/.test(String.fromCodePoint(code).toLowerCase())) lowersToAscii.push(code.toString(16));
    }
    expect(lowersToAscii).toEqual(["130", "212a"]);
  });

  it("never rules out a fixture the decoded text keeps, and rules out on ASCII what the text does", () => {
    const decoder = new TextDecoder();
    const verdicts = fixtureFiles(ALL_FIXTURES).map((file) => {
      const bytes = readFileSync(file);
      const text = decoder.decode(bytes);
      const verdict = { text: mayReport(text), bytes: mayReportBytes(bytes) };
      return { file: path.relative(ALL_FIXTURES, file), ascii: !bytes.some((byte) => byte > 0x7f), ...verdict };
    });
    expect(verdicts.filter((verdict) => verdict.text && !verdict.bytes)).toEqual([]);
    expect(verdicts.filter((verdict) => verdict.ascii && verdict.bytes !== verdict.text)).toEqual([]);
    expect(verdicts.find((verdict) => verdict.file === path.join("usage", "javascript", "lookalike.mjs"))).toMatchObject({ text: false, bytes: false });
    expect(verdicts.filter((verdict) => verdict.text).length).toBeGreaterThan(5);
  });

  it("keep each client construction's evidence, in any letter case, around non-ASCII text", () => {
    const texts = clientTexts();
    const verdicts = texts.map(expectAsStrict);
    // Every alternative of every package, whole, is kept from its bytes too.
    for (const [module, alternatives] of CLIENT_EVIDENCE) {
      for (const evidence of alternatives) {
        const text = `import x from "${module}";\nconst parts = [${evidence.map((piece) => JSON.stringify(mixedCase(piece))).join(", ")}];\n`;
        expect(verdictOf(text), text).toEqual({ text: true, bytes: true });
      }
    }
    // Non-ASCII text alone never sends a file to be decoded: as many texts are ruled out as on ASCII.
    expect(verdicts.filter((verdict) => !verdict.bytes).length).toBeGreaterThan(texts.length / 4);
  });

  it("read a dotted capital I as the i it lower-cases to, as the decoded text does", () => {
    expect(verdictOf(`import { AzureOpenA${DOTTED_I} } from "openai";\n`)).toEqual({ text: true, bytes: true });
    expect(verdictOf(`import { AzureOpen${DOTTED_I}A } from "openai";\n`)).toEqual({ text: false, bytes: false });
    expect(verdictOf(`import { AzureChatOpenA${DOTTED_I} } from "@langchain/openai";\n`)).toEqual({ text: true, bytes: true });
    // The Kelvin sign lower-cases to `k`, which the rules' expressions never match to it (a non-unicode `/i`).
    expect(verdictOf(`fetch(u, { headers: { "api-${KELVIN}ey": process.env.AZURE_OPENAI_KEY } });\n`)).toEqual({ text: false, bytes: false });
  });

  it("keep each header's evidence, and leave names written with non-ASCII chars to the decoded text", () => {
    const verdicts = headerTexts().map((source) => ({ source, ...expectAsStrict(source) }));
    expect(verdicts.filter((verdict) => verdict.text && !verdict.bytes)).toEqual([]);
    const header = (value: string) => `fetch("https://api.example.com/v1", { headers: { "api-key": ${value} } });\n`;
    expect(verdictOf(header("process.env.AZURE_OPENAI_KEY"))).toEqual({ text: true, bytes: true });
    expect(verdictOf(header("process.env.CACHE_KEY"))).toEqual({ text: false, bytes: false });
    // A name with a non-ASCII char is read once decoded, found or not.
    expect(verdictOf(header("process.env.AZURE_ÖPENAI_KEY"))).toEqual({ text: true, bytes: true });
    expect(verdictOf(header("process.env.ÖPENAI_CACHE_KEY"))).toEqual({ text: false, bytes: true });
    // A full window of non-ASCII chars in bytes is fewer chars once decoded: the name reaches the Azure word.
    expect(verdictOf(header(`process.env.AZURE_${"É".repeat(200)}_KEY`))).toEqual({ text: true, bytes: true });
    // A request that sends no key and names none is ruled out from its bytes, non-ASCII text or not.
    expect(verdictOf(`// 日本語\n${header("token")}`)).toEqual({ text: false, bytes: false });
    expect(verdictOf(`// 日本語\nfetch(u, { headers: { Authorization: \`Bearer \${token}\` } });\n`)).toEqual({ text: false, bytes: false });
  });

  it("read large files in overlapping windows, finding evidence wherever it stands across their edges", () => {
    const step = BYTE_WINDOW - WINDOW_OVERLAP;
    // Filler bytes of the length of three windows: words, a non-ASCII char, no evidence of any kind.
    const filler = Buffer.from("let value = compute(input); /* é */\n".repeat(Math.ceil((3 * BYTE_WINDOW) / 36))).subarray(0, 3 * BYTE_WINDOW);
    /** The filler with `snippet` written over it from byte `at` (a cut `é` decodes to U+FFFD, as in any file). */
    const place = (bytes: Buffer, at: number, snippet: string): Buffer =>
      Buffer.concat([bytes.subarray(0, at), Buffer.from(snippet), bytes.subarray(at + Buffer.byteLength(snippet))]);
    const decoder = new TextDecoder();
    const verdictOfBytes = (bytes: Buffer): Verdict => ({ text: mayReport(decoder.decode(bytes)), bytes: mayReportBytes(bytes) });
    const edges = [step, BYTE_WINDOW, 2 * step, step + BYTE_WINDOW];
    const snippets = [
      'require("openai").AzureOpenAI',
      // A name whose Azure word only its whole run holds: 222 chars back from its ending.
      `headers["api-key"] = process.env.AZURE_${"X".repeat(200)}_KEY`,
      `Authorization: \`Bearer \${process.env.AZURE_OPENAI_API_KEY}\``,
      `"api-key": ${JSON.stringify(generateHexKey(3))}`,
      `"api-key": ${JSON.stringify(generateIdentifiableKey())}`,
    ].map((snippet) => `;\n${snippet};\n`);
    let checked = 0;
    for (const snippet of snippets) {
      for (const edge of edges) {
        for (let at = edge - snippet.length - 2; at <= edge + 2; at += 1) {
          expect(verdictOfBytes(place(filler, at, snippet)), `${snippet} at ${at}`).toEqual({ text: true, bytes: true });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    // Evidence split between windows far apart still counts: a package quoted in the first, the export name in the last.
    const quoted = place(filler, 10, 'import x from "openai";');
    expect(verdictOfBytes(place(quoted, 3 * BYTE_WINDOW - 40, "new AzureOpenAI()"))).toEqual({ text: true, bytes: true });
    expect(verdictOfBytes(quoted)).toEqual({ text: false, bytes: false });
    expect(verdictOfBytes(place(filler, step - 5, "fetch(u, { headers: { Authorization: `Bearer ${token}` } });"))).toEqual({ text: false, bytes: false });
  });

  it("rule files out in the detector once the evidence has loaded with the first file it was asked about", async () => {
    const plain = Buffer.from('import OpenAI from "openai";\nnew OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
    // Before, it cannot tell: the file is decoded and asked.
    expect(javascriptUsageDetector.mayDetect?.(plain)).toBe(true);
    expect(await javascriptUsageDetector.detect({ path: "plain.js", text: plain.toString("utf8") })).toEqual([]);
    expect(javascriptUsageDetector.mayDetect?.(plain)).toBe(false);
    expect(javascriptUsageDetector.mayDetect?.(Buffer.from('import { AzureOpenAI } from "openai";\nnew AzureOpenAI();\n'))).toBe(true);
  });
});
