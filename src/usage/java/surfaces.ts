/**
 * Java client surfaces: builder calls that hand an Azure OpenAI client a key. Facts from
 * azure-ai-openai (`new OpenAIClientBuilder().credential(new AzureKeyCredential(key))`) and
 * openai-java (`.credential(AzureApiKeyCredential.create(key))`, or `.apiKey(key)` with an Azure base
 * URL) (../shared/research/sdk-constructs.md §9). Adding an SDK is one row and its fixtures.
 */

export interface JavaSurface {
  /** The builder's origin: `new Builder()` (`constructor`) or `Client.builder()` (`factory`). */
  readonly origin: { readonly kind: "constructor" | "factory"; readonly type: string; readonly packageName: string };
  /** The builder method that takes the credential or key. */
  readonly method: string;
  readonly client: string;
  /**
   * What the method's argument must be for key auth: a key credential built with `new` or a static
   * factory (`AzureApiKeyCredential.create`), or any value (`apiKey(key)`).
   */
  readonly keyCredential?: { readonly type: string; readonly packageName: string; readonly factory?: string };
  /** A builder method in the same chain that must name an Azure AI host (`baseUrl`). */
  readonly azureEndpointMethod?: string;
  /** The builder method that names the endpoint, for the finding. */
  readonly endpointMethod?: string;
  readonly instead: string;
}

const OPENAI_JAVA_CLIENTS = ["OpenAIOkHttpClient", "OpenAIOkHttpClientAsync"];
const OPENAI_JAVA_TOKEN =
  'Use `.credential(BearerTokenCredential.create(AuthenticationUtil.getBearerTokenSupplier(new DefaultAzureCredentialBuilder().build(), "https://ai.azure.com/.default")))`.';

export const JAVA_SURFACES: readonly JavaSurface[] = [
  {
    origin: { kind: "constructor", type: "OpenAIClientBuilder", packageName: "com.azure.ai.openai" },
    method: "credential",
    client: "com.azure.ai.openai.OpenAIClientBuilder (Java)",
    keyCredential: { type: "AzureKeyCredential", packageName: "com.azure.core.credential" },
    endpointMethod: "endpoint",
    instead: "Use `.credential(new DefaultAzureCredentialBuilder().build())` (azure-identity).",
  },
  ...OPENAI_JAVA_CLIENTS.flatMap((type): JavaSurface[] => [
    {
      origin: { kind: "factory", type, packageName: "com.openai.client.okhttp" },
      method: "credential",
      client: `openai-java ${type} with AzureApiKeyCredential (Java)`,
      keyCredential: { type: "AzureApiKeyCredential", packageName: "com.openai.azure.credential", factory: "create" },
      endpointMethod: "baseUrl",
      instead: OPENAI_JAVA_TOKEN,
    },
    {
      origin: { kind: "factory", type, packageName: "com.openai.client.okhttp" },
      method: "apiKey",
      client: `openai-java ${type} on Azure (Java)`,
      azureEndpointMethod: "baseUrl",
      endpointMethod: "baseUrl",
      instead: OPENAI_JAVA_TOKEN,
    },
  ]),
];

/** Tree-sitter queries (tree-sitter-java). */
/**
 * Methods that set a request header as `(name, value)`: java.net.http `HttpRequest.Builder.header` /
 * `setHeader`, OkHttp `Request.Builder.addHeader` / `header`, Apache HttpClient `setHeader` /
 * `addHeader`, `HttpURLConnection.setRequestProperty`, Spring `HttpHeaders.set` / `add`.
 */
export const JAVA_HEADER_METHODS: readonly string[] = ["header", "setHeader", "addHeader", "setRequestProperty", "set", "add"];

/** Methods that give a request its URL: `.uri(URI.create(url))`, OkHttp `.url(url)`; `new URL(url).openConnection()`. */
export const JAVA_URL_METHODS: readonly string[] = ["uri", "url"];

export const JAVA_QUERIES = {
  imports: "(import_declaration (scoped_identifier) @import)",
  wildcardImports: "(import_declaration (scoped_identifier) @package (asterisk))",
  invocations: "(method_invocation name: (identifier) @method arguments: (argument_list) @arguments) @invocation",
  bindings: `
    (variable_declarator name: (identifier) @name value: (_) @value)
    (assignment_expression left: (identifier) @name right: (_) @value)
  `,
} as const;

export const JAVA_SCOPES: ReadonlySet<string> = new Set(["method_declaration", "constructor_declaration", "lambda_expression", "class_body"]);
