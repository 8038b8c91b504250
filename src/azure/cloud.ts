/**
 * Which Azure cloud the CLI talks to: its Resource Manager endpoint, the token audiences that go
 * with it, and the Entra ID authority. Sovereign clouds differ in all of them, and a token for the
 * wrong audience is refused, so they are derived together from one setting.
 */
export const MANAGEMENT_ENDPOINT_ENV = "AOAI_KEYLESS_MANAGEMENT_ENDPOINT";
export const PUBLIC_MANAGEMENT_ENDPOINT = "https://management.azure.com";

export interface AzureCloud {
  /** Origin of Azure Resource Manager, without a trailing slash. */
  readonly managementEndpoint: string;
  /** Token scope for Resource Manager (and Resource Graph, which it fronts). */
  readonly managementScope: string;
  /** Token scope for the data plane of Azure AI accounts (Azure OpenAI, Speech, ...). */
  readonly cognitiveScope: string;
  /** Entra ID authority for credentials that sign in themselves; undefined: the library's default or AZURE_AUTHORITY_HOST. */
  readonly authorityHost: string | undefined;
}

interface KnownCloud {
  readonly managementHost: string;
  readonly cognitiveAudience: string;
  readonly authorityHost: string;
}

const KNOWN_CLOUDS: readonly KnownCloud[] = [
  { managementHost: "management.azure.com", cognitiveAudience: "https://cognitiveservices.azure.com", authorityHost: "https://login.microsoftonline.com" },
  { managementHost: "management.usgovcloudapi.net", cognitiveAudience: "https://cognitiveservices.azure.us", authorityHost: "https://login.microsoftonline.us" },
  { managementHost: "management.chinacloudapi.cn", cognitiveAudience: "https://cognitiveservices.azure.cn", authorityHost: "https://login.chinacloudapi.cn" },
];

/** Data-plane host suffixes of the sovereign clouds, for endpoints given directly to `verify`. */
const DATA_PLANE_CLOUDS: readonly { readonly suffix: string; readonly cognitiveAudience: string }[] = [
  { suffix: ".azure.us", cognitiveAudience: "https://cognitiveservices.azure.us" },
  { suffix: ".azure.cn", cognitiveAudience: "https://cognitiveservices.azure.cn" },
];

export class CloudConfigError extends Error {}

/**
 * The cloud for a `--management-endpoint` value (or the environment variable, or the public cloud).
 * Only https origins: bearer tokens never travel over plain http.
 */
export function resolveCloud(managementEndpoint: string | undefined): AzureCloud {
  const raw = managementEndpoint === undefined || managementEndpoint.trim() === "" ? PUBLIC_MANAGEMENT_ENDPOINT : managementEndpoint.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CloudConfigError(`the management endpoint must be an https:// URL, got ${JSON.stringify(raw)}.`);
  }
  if (url.protocol !== "https:") throw new CloudConfigError(`the management endpoint must be an https:// URL, got ${JSON.stringify(raw)}.`);
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new CloudConfigError(`the management endpoint must be an origin such as ${PUBLIC_MANAGEMENT_ENDPOINT}, got ${JSON.stringify(raw)}.`);
  }
  const known = KNOWN_CLOUDS.find((cloud) => cloud.managementHost === url.hostname.toLowerCase());
  return {
    managementEndpoint: url.origin,
    managementScope: `${url.origin}/.default`,
    cognitiveScope: `${(known ?? KNOWN_CLOUDS[0]!).cognitiveAudience}/.default`,
    authorityHost: known?.authorityHost,
  };
}

/** The data-plane token scope for an account endpoint: its own cloud when the host says so, else the management cloud's. */
export function cognitiveScopeFor(endpoint: URL, cloud: AzureCloud): string {
  const host = endpoint.hostname.toLowerCase();
  const match = DATA_PLANE_CLOUDS.find((entry) => host.endsWith(entry.suffix));
  return match === undefined ? cloud.cognitiveScope : `${match.cognitiveAudience}/.default`;
}
