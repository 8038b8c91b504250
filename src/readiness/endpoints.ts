/**
 * Which account an endpoint names. An account's own host carries its custom subdomain as the first
 * label (`NAME.openai.azure.com`, `NAME.cognitiveservices.azure.com`, `NAME.services.ai.azure.com`);
 * regional and global hosts (`westus.api.cognitive.microsoft.com`, Speech and Translator endpoints)
 * are shared by every account of a region and name none. Placeholders (`your-resource.openai...`) name none.
 */
import { findAzureAiHosts, isPlaceholder } from "../detect/index.js";

const ACCOUNT_HOST = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/;

/** Hostname of a URL or bare host, lower-case, without port, path or trailing dot. */
export function hostOf(endpoint: string): string {
  let host = endpoint.trim().toLowerCase();
  const scheme = host.indexOf("://");
  if (scheme !== -1) host = host.slice(scheme + 3);
  return host.replace(/[/:?#].*$/s, "").replace(/\.$/, "");
}

/** The account subdomain an endpoint names, or undefined for shared, placeholder and non-Azure hosts. */
export function subdomainOf(endpoint: string): string | undefined {
  const label = ACCOUNT_HOST.exec(hostOf(endpoint))?.[1];
  return label === undefined || isPlaceholder(label) ? undefined : label;
}

/** Distinct account subdomains named anywhere in `text`, in order of first mention. */
export function accountSubdomainsIn(text: string): string[] {
  const found = new Set<string>();
  for (const { host } of findAzureAiHosts(text)) {
    const subdomain = subdomainOf(host);
    if (subdomain !== undefined) found.add(subdomain);
  }
  return [...found];
}
