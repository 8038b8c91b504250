import { namesBeforeValue } from "../../src/detect/index.js";

/** The names bound to the value that follows `before` (the value itself does not matter). */
const namesBefore = (before: string): string[] => namesBeforeValue(`${before}VALUE`, before.length);

describe("namesBeforeValue", () => {
  it.each([
    { before: "AZURE_OPENAI_API_KEY=", names: ["AZURE_OPENAI_API_KEY"] },
    { before: 'x = { "api-key": "', names: ["api-key"] },
    { before: "--api-key ", names: ["--api-key"] },
    { before: 'AzureKeyCredential(key="', names: ["key", "AzureKeyCredential"] },
    { before: 'new AzureKeyCredential( "', names: ["AzureKeyCredential"] },
    { before: "headers.set('api-key', '", names: ["api-key"] },
    { before: '<add key="SpeechKey" value="', names: ["SpeechKey"] },
    { before: '<ApiKey enabled="true">', names: ["ApiKey"] },
    { before: 'getenv("AZURE_OPENAI_KEY") or "', names: ["AZURE_OPENAI_KEY"] },
    { before: 'key <- "', names: ["key"] },
    { before: 'api_key=r"', names: ["api_key"] },
    { before: 'ApiKey = @"', names: ["ApiKey"] },
    { before: 'api_key = """', names: ["api_key"] },
    { before: "line one apiKey=\nplain ", names: ["plain"] },
  ])("reads $names from $before", ({ before, names }) => {
    expect(namesBefore(before)).toEqual(names);
  });

  it.each([
    { before: "" },
    { before: "\n" },
    { before: '"' },
    { before: "apiKey\n" },
    { before: "(" },
    { before: "123 = " },
    { before: "</ApiKey>" },
    { before: '"unterminated, "' },
  ])("reads nothing from $before", ({ before }) => {
    expect(namesBefore(before)).toEqual([]);
  });

  it("looks back at most 256 chars", () => {
    expect(namesBefore(`apiKey =${" ".repeat(300)}`)).toEqual([]);
    expect(namesBefore(`apiKey =${" ".repeat(200)}`)).toEqual(["apiKey"]);
  });
});
