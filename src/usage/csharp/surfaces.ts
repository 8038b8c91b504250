/**
 * C# client surfaces: which construction of which namespace authenticates with a key. Facts from
 * Azure.AI.OpenAI 2.x (`AzureOpenAIClient`), its 1.0.0-beta predecessor (`OpenAIClient`), the OpenAI
 * .NET library pointed at the Azure v1 API, and Semantic Kernel's Azure OpenAI connectors
 * (../shared/research/sdk-constructs.md §9). Adding an SDK is one row and its fixtures.
 */

import { DOTNET_HEADER_COLLECTIONS } from "../requests.js";

/** How a construct's credential is given. */
export type CSharpCredentialShape =
  /** A credential object at a position: a key credential class is key auth, any other construction is a `TokenCredential`. */
  | "credential-object"
  /** A key string at a position or under a parameter name (Semantic Kernel `apiKey`), unless a credential is passed instead. */
  | "key-string";

export interface CSharpSurface {
  /** Namespaces the construct lives in: a `using` of one (or the qualified name) makes a match. */
  readonly namespaces: readonly string[];
  /** Class (constructed with `new`) or extension method (called on a builder). */
  readonly construct: string;
  readonly kind: "constructor" | "method";
  /** The client as users know it. */
  readonly client: string;
  readonly shape: CSharpCredentialShape;
  /** Position of the credential or key among the positional arguments, and its parameter name. */
  readonly credentialArgument: number;
  readonly credentialParameter: string;
  /** Parameter names that carry a `TokenCredential` or a ready client instead (keyless overloads). */
  readonly keylessParameters?: readonly string[];
  /** Key credential classes (`credential-object`). */
  readonly keyCredentials?: readonly string[];
  /** Env var the client reads a key from when constructed without arguments. */
  readonly envFallback?: string;
  /** Position of the endpoint argument (a string or `new Uri(...)`), for the finding's `endpoint`. */
  readonly endpointArgument?: number;
  /** An options object at this position whose `Endpoint` must be an Azure AI host for the construct to be an Azure client. */
  readonly azureEndpointOptions?: number;
  /** What to write instead, for the message. */
  readonly instead: string;
}

const KEY_CREDENTIALS = ["AzureKeyCredential", "ApiKeyCredential"];
const ENTRA = "a Microsoft Entra ID credential such as `new DefaultAzureCredential()` (Azure.Identity)";

const semanticKernel = (construct: string, kind: CSharpSurface["kind"], credentialArgument: number): CSharpSurface => ({
  namespaces: ["Microsoft.SemanticKernel", "Microsoft.SemanticKernel.Connectors.OpenAI", "Microsoft.Extensions.DependencyInjection"],
  construct,
  kind,
  client: `Semantic Kernel ${construct} (C#)`,
  shape: "key-string",
  credentialArgument,
  credentialParameter: "apiKey",
  keylessParameters: ["credentials", "credential", "azureOpenAIClient", "openAIClient"],
  endpointArgument: credentialArgument - 1,
  instead: `Pass \`credentials: new DefaultAzureCredential()\` (the \`TokenCredential\` overload) instead of \`apiKey\`.`,
});

export const CSHARP_SURFACES: readonly CSharpSurface[] = [
  {
    namespaces: ["Azure.AI.OpenAI"],
    construct: "AzureOpenAIClient",
    kind: "constructor",
    client: "Azure.AI.OpenAI.AzureOpenAIClient (C#)",
    shape: "credential-object",
    credentialArgument: 1,
    credentialParameter: "credential",
    keyCredentials: KEY_CREDENTIALS,
    envFallback: "AZURE_OPENAI_API_KEY",
    endpointArgument: 0,
    instead: `Pass ${ENTRA}.`,
  },
  {
    // Azure.AI.OpenAI 1.0.0-beta: `new OpenAIClient(new Uri(endpoint), new AzureKeyCredential(key))`.
    namespaces: ["Azure.AI.OpenAI"],
    construct: "OpenAIClient",
    kind: "constructor",
    client: "Azure.AI.OpenAI.OpenAIClient (C#, 1.0.0-beta)",
    shape: "credential-object",
    credentialArgument: 1,
    credentialParameter: "keyCredential",
    keyCredentials: ["AzureKeyCredential"],
    endpointArgument: 0,
    instead: `Move to \`AzureOpenAIClient\` (Azure.AI.OpenAI 2.x) with ${ENTRA}.`,
  },
  {
    // Azure.AI.OpenAI.Assistants 1.0.0-beta: `new AssistantsClient(new Uri(endpoint), new AzureKeyCredential(key))`.
    namespaces: ["Azure.AI.OpenAI.Assistants"],
    construct: "AssistantsClient",
    kind: "constructor",
    client: "Azure.AI.OpenAI.Assistants.AssistantsClient (C#, 1.0.0-beta)",
    shape: "credential-object",
    credentialArgument: 1,
    credentialParameter: "keyCredential",
    keyCredentials: ["AzureKeyCredential"],
    endpointArgument: 0,
    instead: `Move to \`AzureOpenAIClient\` (Azure.AI.OpenAI 2.x, assistants through \`GetAssistantClient()\`) with ${ENTRA}.`,
  },
  {
    // The OpenAI library on the Azure v1 API: `new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = ... })`.
    namespaces: ["OpenAI"],
    construct: "OpenAIClient",
    kind: "constructor",
    client: "OpenAI.OpenAIClient on Azure (C#)",
    shape: "credential-object",
    credentialArgument: 0,
    credentialParameter: "credential",
    keyCredentials: ["ApiKeyCredential"],
    azureEndpointOptions: 1,
    instead:
      'Pass `authenticationPolicy: new BearerTokenPolicy(new DefaultAzureCredential(), "https://ai.azure.com/.default")` instead of the key credential.',
  },
  {
    namespaces: ["OpenAI.Chat"],
    construct: "ChatClient",
    kind: "constructor",
    client: "OpenAI.Chat.ChatClient on Azure (C#)",
    shape: "credential-object",
    credentialArgument: 1,
    credentialParameter: "credential",
    keyCredentials: ["ApiKeyCredential"],
    azureEndpointOptions: 2,
    instead:
      'Pass `authenticationPolicy: new BearerTokenPolicy(new DefaultAzureCredential(), "https://ai.azure.com/.default")` instead of the key credential.',
  },
  semanticKernel("AddAzureOpenAIChatCompletion", "method", 2),
  semanticKernel("AddAzureOpenAIChatClient", "method", 2),
  semanticKernel("AddAzureOpenAITextEmbeddingGeneration", "method", 2),
  semanticKernel("AddAzureOpenAIEmbeddingGenerator", "method", 2),
  semanticKernel("AddAzureOpenAITextToImage", "method", 2),
  semanticKernel("AddAzureOpenAIAudioToText", "method", 2),
  semanticKernel("AddAzureOpenAITextToAudio", "method", 2),
  semanticKernel("AzureOpenAIChatCompletionService", "constructor", 2),
  semanticKernel("AzureOpenAITextEmbeddingGenerationService", "constructor", 2),
];

/** Tree-sitter queries (tree-sitter-c-sharp) the detector runs: data, compiled once per thread. */
/** Methods that set a request header as `(name, value)`: the .NET header collections', RestSharp's `AddHeader`, Flurl's `WithHeader` (lower case). */
export const CSHARP_HEADER_METHODS: readonly string[] = [...DOTNET_HEADER_COLLECTIONS.methods, "addheader", "withheader"];

export const CSHARP_QUERIES = {
  usings: "(using_directive [(qualified_name) (identifier)] @namespace)",
  constructions: "[(object_creation_expression) (implicit_object_creation_expression)] @construction",
  invocations: "(invocation_expression function: (member_access_expression name: [(identifier) (generic_name)] @method)) @invocation",
  bindings: `
    (variable_declarator name: (identifier) @name (_) @value)
    (assignment_expression left: (identifier) @name right: (_) @value)
  `,
  /** `request.Headers["api-key"] = key`, `webClient.Headers["api-key"] = key`. */
  headerIndexers: `(assignment_expression left: (element_access_expression expression: (_) @collection subscript: (bracketed_argument_list . (argument (_) @header))) right: (_) @value) @site`,
  /** `client.BaseAddress = new Uri(...)`: the URL of a client's requests. */
  baseAddresses: `(assignment_expression left: (member_access_expression name: (identifier) @property (#eq? @property "BaseAddress"))) @assignment`,
} as const;

/** Node types that open a scope for the variable follower. */
export const CSHARP_SCOPES: ReadonlySet<string> = new Set([
  "method_declaration",
  "constructor_declaration",
  "local_function_statement",
  "lambda_expression",
  "anonymous_method_expression",
  "class_declaration",
  "record_declaration",
  "struct_declaration",
]);
