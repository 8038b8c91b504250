/**
 * Files larger than the scratch buffer are read through it in chunks: the chunks' byte tests must
 * answer as the whole file's test does (never no where it says yes), and a scan must find exactly
 * what a whole read finds, for keys, trigger words and inventory words across a chunk boundary.
 */
import { closeSync, openSync } from "node:fs";

import { DETECTOR_IDS } from "../../src/detect/index.js";
import * as readiness from "../../src/readiness/inventory.js";
import type { ChunkTest } from "../../src/scanner/chunked-read.js";
import { readThroughChunks } from "../../src/scanner/chunked-read.js";
import { FINDING_DETECTORS, hasTriggerWord, triggeredDetectors } from "../../src/scanner/detectors/index.js";
import { KEY_TEST_SPAN, mayHoldKey } from "../../src/scanner/prefilter.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import { chunkOverlap, scanFile, useScratchBuffer } from "../../src/scanner/scan-file.js";
import type { FindingCategory, ScanSettings } from "../../src/scanner/types.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { TempTree } from "./cli-fixture.js";

const hexKey = generateHexKey(1701);
const assignment = `AZURE_OPENAI_API_KEY=${hexKey}`;
const longestTrigger = FINDING_DETECTORS.flatMap((detector) => detector.triggers).reduce((longest, word) => (word.length > longest.length ? word : longest));

describe("readThroughChunks", () => {
  let tree: TempTree;
  beforeAll(() => (tree = new TempTree()));
  afterAll(() => tree.dispose());

  /** What the chunks say of `content` read through a `chunkBytes` buffer, and the edges of every chunk asked. */
  function throughChunks(content: string | Buffer, chunkBytes: number, overlap: number, test: ChunkTest) {
    const file = tree.write("chunked.txt", content);
    const edges: string[] = [];
    const descriptor = openSync(file, "r");
    try {
      const size = Buffer.byteLength(content);
      const result = readThroughChunks(descriptor, size, Buffer.alloc(chunkBytes), 0, overlap, (chunk, chunkEdges) => {
        edges.push(`${chunk.length}${chunkEdges.atFileStart ? "<" : ""}${chunkEdges.atFileEnd ? ">" : ""}`);
        return test(chunk, chunkEdges);
      });
      return { result, edges };
    } finally {
      closeSync(descriptor);
    }
  }

  it("asks each chunk once, with the overlap carried over and the file's edges marked; no chunk says maybe: the byte count", () => {
    const content = "abcdefghij".repeat(25);
    const seen: string[] = [];
    const { result, edges } = throughChunks(content, 100, 10, (chunk) => {
      seen.push(chunk.toString("latin1"));
      return false;
    });
    expect(result).toBe(250);
    expect(edges).toEqual(["100<", "100", "70>"]);
    expect(seen).toEqual([content.slice(0, 100), content.slice(90, 190), content.slice(180)]);
  });

  it("reads the whole file into a buffer of its own once a chunk says maybe, and asks no chunk after it", () => {
    const content = `${"x".repeat(150)}needle${"y".repeat(150)}`;
    const { result, edges } = throughChunks(content, 100, 10, (chunk) => chunk.includes("needle"));
    expect(Buffer.isBuffer(result) && result.toString("latin1")).toBe(content);
    expect(edges).toEqual(["100<", "100"]);
  });

  it("refuses an overlap that leaves no room for new bytes", () => {
    expect(() => throughChunks("x".repeat(300), 100, 100, () => false)).toThrow("a chunk overlap of 100 bytes does not fit a 100-byte buffer");
  });

  /**
   * Every hex run that matters (one short of a key, a key, one longer, a key and a bit) at every offset
   * of a file four chunks long, beside chars that may and may not touch a key, so it straddles each
   * boundary, starts the file and ends it.
   */
  function keyLayouts(): string[] {
    const runs = [hexKey.slice(0, 31), hexKey, `${hexKey}a`, `${hexKey}${hexKey.slice(0, 8)}`, `${hexKey.slice(0, 20)}${hexKey.toUpperCase().slice(0, 12)}`];
    const layouts: string[] = [];
    for (const run of runs) {
      for (const filler of [" ", "x", "-", "\u00e9"]) {
        for (let offset = 0; offset + run.length <= 200; offset += 1) layouts.push(`${filler.repeat(offset)}${run}`.padEnd(200 - 1, filler).slice(0, 200));
      }
    }
    return layouts;
  }

  it("answers for the key test as the whole file does, in both readings, at every offset of every run", () => {
    const overlap = KEY_TEST_SPAN - 1;
    let yes = 0;
    let cases = 0;
    for (const layout of keyLayouts()) {
      const bytes = Buffer.from(layout, "utf8");
      for (const reading of ["text", "values"] as const) {
        const whole = mayHoldKey(bytes, reading);
        const { result } = throughChunks(bytes, 64, overlap, (chunk, edges) => mayHoldKey(chunk, reading, edges));
        expect({ layout, reading, chunked: typeof result !== "number" }).toEqual({ layout, reading, chunked: whole });
        if (whole) yes += 1;
        cases += 1;
      }
    }
    // The sweep holds both answers, and more files say yes than no (a key or a longer run in every reading of most layouts).
    expect(cases).toBe(2 * keyLayouts().length);
    expect(yes).toBeGreaterThan(cases / 4);
    expect(yes).toBeLessThan(cases);
  });

  it("never takes a cut run for a standalone key: a run longer than a key across a boundary, with a key-long piece either side of it", () => {
    // Bytes 0-63 are the first chunk: the 40-char run starts at 32, so its first 32 chars end the chunk.
    const longer = `${" ".repeat(32)}${hexKey}${hexKey.slice(0, 8)}`.padEnd(128, " ");
    expect(mayHoldKey(Buffer.from(longer.slice(0, 64)), "text")).toBe(true);
    expect(mayHoldKey(Buffer.from(longer), "text")).toBe(false);
    const { result, edges } = throughChunks(longer, 64, KEY_TEST_SPAN - 1, (chunk, chunkEdges) => mayHoldKey(chunk, "text", chunkEdges));
    expect(result).toBe(128);
    expect(edges).toEqual(["64<", "64", "64", "35>"]);
  });

  it("needs the whole overlap: one byte less misses a key that sits just across a boundary", () => {
    const missed = keyLayouts().filter((layout) => {
      const bytes = Buffer.from(layout, "utf8");
      const { result } = throughChunks(bytes, 64, KEY_TEST_SPAN - 2, (chunk, edges) => mayHoldKey(chunk, "text", edges));
      return mayHoldKey(bytes, "text") && typeof result === "number";
    });
    expect(missed.length).toBeGreaterThan(0);
  });

  it("finds the longest trigger word across every boundary offset as the whole file does, and the union of groups over chunks is the whole file's", () => {
    const overlap = chunkOverlap(undefined);
    const categories: FindingCategory[] = ["usage", "iac"];
    const owner = FINDING_DETECTORS.find((detector) => detector.triggers.includes(longestTrigger))!;
    const target = `Program${[".cs", ".py", ".java", ".go", ".sh", ".ps1", ".bicep", ".tf", ".js"].find((extension) => owner.appliesTo(`Program${extension}`))}`;
    let found = 0;
    for (let offset = 0; offset + longestTrigger.length <= 256; offset += 1) {
      const content = `${" ".repeat(offset)}${longestTrigger}`.padEnd(256, " ");
      const whole = triggeredDetectors(target, Buffer.from(content), categories).map((detector) => detector.id);
      const union = new Set<string>();
      throughChunks(content, 96, overlap, (chunk) => {
        for (const detector of triggeredDetectors(target, chunk, categories)) union.add(detector.id);
        return false;
      });
      expect([...union]).toEqual(whole);
      const chunked = throughChunks(content, 96, overlap, (chunk) => hasTriggerWord(target, chunk, categories)).result;
      expect(typeof chunked !== "number").toBe(whole.length > 0);
      if (whole.includes(owner.id)) found += 1;
    }
    expect(found).toBe(256 - longestTrigger.length + 1);
  });
});

describe("chunkOverlap", () => {
  it("is one byte less than the longest string a chunk test looks for: key, every trigger word, and with readiness its words", () => {
    const words = FINDING_DETECTORS.flatMap((detector) => detector.triggers);
    expect(chunkOverlap(undefined)).toBe(Math.max(KEY_TEST_SPAN, ...words.map((word) => Buffer.byteLength(word))) - 1);
    expect(chunkOverlap(readiness)).toBe(Math.max(chunkOverlap(undefined), readiness.INVENTORY_TRIGGER_SPAN - 1));
    expect(chunkOverlap(undefined)).toBe(Buffer.byteLength(longestTrigger) - 1);
  });
});

describe("scanFile on files larger than the scratch buffer", () => {
  const CHUNK = 8192;
  const filler = "# nothing to see here, only filler text\n";
  let tree: TempTree;
  beforeAll(() => (tree = new TempTree()));
  afterAll(() => {
    useScratchBuffer(1 << 20);
    tree.dispose();
  });

  const settings = (categories: FindingCategory[] = ["leak"]): ScanSettings => ({
    categories,
    detectors: DETECTOR_IDS,
    maxFileSize: 10 << 20,
    allowFingerprints: [],
    allowValues: [],
  });

  /** The file scanned whole (it fits the 1 MiB scratch buffer) and in 8 KiB chunks: both results. */
  async function wholeAndChunked(name: string, content: string | Buffer, categories?: FindingCategory[], inventory = false) {
    const file = tree.write(name, content);
    const scan = () => scanFile({ absolutePath: file, path: name }, { ...settings(categories), inventory }, createFragmentScanner(settings(categories)));
    useScratchBuffer(1 << 20);
    const whole = await scan();
    useScratchBuffer(CHUNK);
    try {
      return { whole, chunked: await scan() };
    } finally {
      useScratchBuffer(1 << 20);
    }
  }

  const lines = (count: number) => filler.repeat(count);
  const summary = (result: Awaited<ReturnType<typeof scanFile>>) => ({
    bytes: result.bytes,
    skipped: result.skipped?.reason,
    findings: result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`),
  });

  it("finds a key that straddles a chunk boundary at every split, one at the very start and one at the very end, as a whole read does", async () => {
    const head = lines(CHUNK / filler.length + 1);
    for (let split = 0; split <= hexKey.length; split += 1) {
      // The key's first `split` chars end the first chunk.
      const content = `${head.slice(0, CHUNK - 22 - split)}\n${assignment}\n${lines(400)}`;
      expect(content.indexOf(hexKey)).toBe(CHUNK - split);
      const { whole, chunked } = await wholeAndChunked("straddle.env", content);
      expect(summary(chunked)).toEqual(summary(whole));
      expect(chunked.findings).toHaveLength(1);
    }
    const identifiable = generateIdentifiableKey({ random: 1702 });
    for (const content of [`${identifiable}\n${lines(600)}`, `${lines(600)}${assignment}`]) {
      const { whole, chunked } = await wholeAndChunked("edges.txt", content);
      expect(chunked).toEqual(whole);
      expect(summary(chunked).findings).toEqual(content.startsWith(identifiable) ? ["1:1 azure-ai-identifiable-key"] : ["601:22 azure-ai-legacy-key"]);
    }
  });

  it("counts the bytes of a big file with nothing in it, and skips nothing", async () => {
    const content = `${lines(1000)}commit ${hexKey}${hexKey.slice(0, 8)}\n${lines(1000)}`;
    const { whole, chunked } = await wholeAndChunked("plain.txt", content);
    expect(chunked).toEqual({ findings: [], suppressed: 0, bytes: content.length });
    expect(chunked).toEqual(whole);
  });

  it("finds a client whose trigger word straddles a chunk boundary, split anywhere in it, as a whole read does", async () => {
    const call = 'client = openai.AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"], api_version="2024-06-01")\n';
    const word = call.indexOf("AzureOpenAI");
    for (const split of [1, 5, 10]) {
      const head = `import os\nimport openai\n${lines(CHUNK / filler.length)}`.slice(0, CHUNK - word - split - 1);
      const content = `${head}\n${call}${lines(400)}`;
      expect(content.indexOf("AzureOpenAI")).toBe(CHUNK - split);
      const { whole, chunked } = await wholeAndChunked("client.py", content, ["usage"]);
      expect(summary(chunked)).toEqual(summary(whole));
      expect(summary(chunked).findings).toEqual([`${content.slice(0, content.indexOf(call)).split("\n").length}:10 python-key-auth-client`]);
    }
  });

  it("reads a file whole when a trigger word is in one chunk and the JavaScript rules' evidence in another: a chunk cannot rule a file out", async () => {
    // The whole read goes first and loads the rules' evidence, so the second look on bytes is on for the chunked read.
    const content = `const key = process.env.AZURE_OPENAI_API_KEY;\n${"// filler\n".repeat(2000)}fetch("https://example.com/chat", { headers: { "api-key": key } });\n`;
    const { whole, chunked } = await wholeAndChunked("client.js", content, ["usage"]);
    expect(summary(chunked)).toEqual({ bytes: content.length, skipped: undefined, findings: ["2002:48 no-api-key-header"] });
    expect(chunked).toEqual(whole);
  });

  it("inventories a keyless construct that straddles a chunk boundary, as a whole read does", async () => {
    const construct = "credential = ManagedIdentityCredential()\n";
    const word = construct.indexOf("ManagedIdentityCredential");
    for (const split of [1, 12, 24]) {
      const content = `${lines(CHUNK / filler.length + 1).slice(0, CHUNK - word - split - 1)}\n${construct}${lines(400)}`;
      const { whole, chunked } = await wholeAndChunked("identity.py", content, ["leak"], true);
      expect(chunked.inventory).toEqual(whole.inventory);
      expect(chunked.inventory?.map((item) => `${item.kind} ${item.line}`)).toEqual([`keyless ${content.slice(0, content.indexOf(construct)).split("\n").length}`]);
    }
  });

  it("reads a file that needs decoding into the buffer kept for such files: a smaller one after a larger one is read to its own end", async () => {
    const larger = `${lines(1000)}${assignment}\n`;
    const smaller = `${assignment}\n${lines(300)}`;
    const first = await wholeAndChunked("larger.env", larger);
    const second = await wholeAndChunked("smaller.env", smaller);
    expect([first.chunked, second.chunked].map(summary)).toEqual([
      { bytes: larger.length, skipped: undefined, findings: ["1001:22 azure-ai-legacy-key"] },
      { bytes: smaller.length, skipped: undefined, findings: ["1:22 azure-ai-legacy-key"] },
    ]);
    expect([first.chunked, second.chunked]).toEqual([first.whole, second.whole]);
  });

  it("skips a big file with a NUL in its first 8 KiB as binary, and reads one whose first NUL comes later as text", async () => {
    const early = await wholeAndChunked("early.txt", `${lines(10)}\0${lines(600)}${assignment}\n`);
    expect(early.chunked).toEqual({ findings: [], suppressed: 0, bytes: 0, skipped: { path: "early.txt", reason: "binary" } });
    expect(early.chunked).toEqual(early.whole);
    const late = await wholeAndChunked("late.txt", `${lines(300)}\0${lines(300)}${assignment}\n`);
    expect(summary(late.chunked)).toEqual({ bytes: 600 * filler.length + 1 + assignment.length + 1, skipped: undefined, findings: ["601:22 azure-ai-legacy-key"] });
    expect(late.chunked).toEqual(late.whole);
  });

  it("reads a big UTF-16 file with a BOM whole and decodes it, as before", async () => {
    const text = `${lines(300)}${assignment}\n`;
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const { whole, chunked } = await wholeAndChunked("wide.txt", content);
    expect(summary(chunked)).toEqual({ bytes: content.length, skipped: undefined, findings: ["301:22 azure-ai-legacy-key"] });
    expect(chunked).toEqual(whole);
  });

  it("reads a file over 1 MiB through the real scratch buffer: a key across the 1 MiB boundary is found, a file with none is counted", async () => {
    const head = lines((1 << 20) / filler.length + 1).slice(0, (1 << 20) - 16 - 22);
    const content = `${head}\n${assignment}\n${lines(100)}`;
    expect(content.indexOf(hexKey)).toBe((1 << 20) - 16);
    const file = tree.write("big.env", content);
    const scan = (name: string, absolutePath: string) => scanFile({ absolutePath, path: name }, settings(), createFragmentScanner(settings()));
    const result = await scan("big.env", file);
    expect(summary(result)).toEqual({ bytes: content.length, skipped: undefined, findings: [`${head.split("\n").length + 1}:22 azure-ai-legacy-key`] });
    const plain = `${lines(30_000)}`;
    expect(await scan("big.txt", tree.write("big.txt", plain))).toEqual({ findings: [], suppressed: 0, bytes: plain.length });
  });

  it("takes no scratch buffer smaller than the bytes that tell binary from text", () => {
    expect(() => useScratchBuffer(4096)).toThrow("the scratch buffer holds at least 8192 bytes, got 4096");
  });
});
