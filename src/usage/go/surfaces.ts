/**
 * Go client surfaces: which function of which import path hands a client a key. Facts from openai-go
 * (`azure.WithAPIKey`, and `option.WithAPIKey` with an Azure v1 base URL) and the legacy azopenai
 * module of azure-sdk-for-go (`NewClientWithKeyCredential` with `azcore.NewKeyCredential`)
 * (../shared/research/sdk-constructs.md §9). Adding an SDK is one row and its fixtures.
 */

export interface GoSurface {
  /** Import paths the function comes from (a `/vN` major-version suffix of the module is accepted). */
  readonly importPath: RegExp;
  /** The package's name when the import has no alias. */
  readonly packageName: string;
  readonly func: string;
  readonly client: string;
  /** Position of the key (or key credential) argument. */
  readonly keyArgument: number;
  /** A function of `keyWrapperPackage` wrapping the key (`azcore.NewKeyCredential(key)`): the key is its argument. */
  readonly keyWrapper?: { readonly importPath: RegExp; readonly packageName: string; readonly func: string };
  /** Position of the endpoint argument, for the finding. */
  readonly endpointArgument?: number;
  /** An option of the same package among the call's sibling arguments that must name an Azure AI host (`option.WithBaseURL`). */
  readonly azureSibling?: string;
  readonly instead: string;
}

const OPENAI_GO = (subpackage: string): RegExp => new RegExp(`^github\\.com/openai/openai-go(?:/v\\d+)?/${subpackage}$`);
const AZCORE = /^github\.com\/Azure\/azure-sdk-for-go\/sdk\/azcore$/;

export const GO_SURFACES: readonly GoSurface[] = [
  {
    importPath: OPENAI_GO("azure"),
    packageName: "azure",
    func: "WithAPIKey",
    client: "openai-go azure.WithAPIKey (Go)",
    keyArgument: 0,
    instead: "Use `azure.WithTokenCredential(cred)` with `cred, err := azidentity.NewDefaultAzureCredential(nil)`.",
  },
  {
    importPath: OPENAI_GO("option"),
    packageName: "option",
    func: "WithAPIKey",
    client: "openai-go option.WithAPIKey on Azure (Go)",
    keyArgument: 0,
    azureSibling: "WithBaseURL",
    instead: "Use `azure.WithTokenCredential(cred)` (openai-go `azure` package) with an azidentity credential instead of the key.",
  },
  {
    importPath: /^github\.com\/Azure\/azure-sdk-for-go\/sdk\/ai\/azopenai$/,
    packageName: "azopenai",
    func: "NewClientWithKeyCredential",
    client: "azopenai.NewClientWithKeyCredential (Go)",
    keyArgument: 1,
    keyWrapper: { importPath: AZCORE, packageName: "azcore", func: "NewKeyCredential" },
    endpointArgument: 0,
    instead: "Use `azopenai.NewClient(endpoint, cred, nil)` with `cred, err := azidentity.NewDefaultAzureCredential(nil)`.",
  },
];

/** `req.Header.Set("api-key", key)`, `.Add(...)`: methods of `http.Header` that set a header as `(name, value)`. */
export const GO_HEADER_SETTERS = { field: "Header", methods: ["Set", "Add"] } as const;

/** net/http functions that build a request, and the position of their URL argument. */
export const GO_REQUEST_CONSTRUCTORS: readonly { readonly func: string; readonly urlArgument: number }[] = [
  { func: "NewRequest", urlArgument: 1 },
  { func: "NewRequestWithContext", urlArgument: 2 },
];

/** Tree-sitter queries (tree-sitter-go). */
export const GO_QUERIES = {
  imports: "(import_spec name: (package_identifier)? @alias path: (interpreted_string_literal) @path) @import",
  calls: "(call_expression function: (selector_expression operand: (identifier) @package field: (field_identifier) @func) arguments: (argument_list) @arguments) @call",
  /** `x.Header.Set(name, value)`, and `x.Header[name] = []string{value}`. */
  headerCalls: "(call_expression function: (selector_expression operand: (selector_expression operand: (_) @owner field: (field_identifier) @field) field: (field_identifier) @method) arguments: (argument_list) @arguments) @site",
  headerIndexes: "(assignment_statement left: (expression_list . (index_expression operand: (selector_expression operand: (_) @owner field: (field_identifier) @field) index: (_) @header)) right: (expression_list . (_) @value)) @site",
  bindings: `
    (short_var_declaration left: (expression_list . (identifier) @name) right: (expression_list . (_) @value))
    (var_spec name: (identifier) @name value: (expression_list . (_) @value))
    (const_spec name: (identifier) @name value: (expression_list . (_) @value))
    (assignment_statement left: (expression_list . (identifier) @name) right: (expression_list . (_) @value))
  `,
} as const;

export const GO_SCOPES: ReadonlySet<string> = new Set(["function_declaration", "method_declaration", "func_literal"]);
