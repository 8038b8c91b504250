/**
 * The join: account sightings merge into resources, each key client resolves its endpoint to one or
 * more resources (or stays unresolved, with what was tried), and each resource gets its verdict.
 */
import { subdomainOf } from "./endpoints.js";
import type {
  AccountSighting,
  ClientRef,
  ClientSighting,
  Estate,
  KeyAccessState,
  Place,
  ReadinessReport,
  ResourceVerdict,
  SettingValue,
  Source,
  UnresolvedClient,
  Verdict,
} from "./types.js";

/** How deep `NAME=${OTHER}` chains are followed. */
const MAX_SETTING_HOPS = 3;

interface Resource {
  readonly sightings: AccountSighting[];
  readonly keys: Set<string>;
}

/** The identities a sighting is known by; sightings sharing one are the same account. */
function keysOf(sighting: AccountSighting): string[] {
  const keys: string[] = [];
  const subdomain = sighting.subdomain ?? (sighting.endpoint === undefined ? undefined : subdomainOf(sighting.endpoint));
  if (subdomain !== undefined) keys.push(`sub:${subdomain.toLowerCase()}`);
  // A template that names the account but not its subdomain most often uses the name for both.
  if (subdomain === undefined && sighting.name !== undefined && sighting.source === "iac") keys.push(`sub:${sighting.name.toLowerCase()}`);
  if (sighting.name !== undefined) keys.push(`name:${sighting.name.toLowerCase()}`);
  if (sighting.symbol !== undefined) keys.push(`sym:${sighting.symbol}`);
  if (sighting.id !== undefined) keys.push(`id:${sighting.id.toLowerCase()}`);
  return keys;
}

function mergeAccounts(sightings: readonly AccountSighting[]): Resource[] {
  const resources: Resource[] = [];
  for (const sighting of sightings) {
    const keys = keysOf(sighting);
    if (keys.length === 0) continue;
    const matching = resources.filter((resource) => keys.some((key) => resource.keys.has(key)));
    const merged: Resource = { sightings: [sighting], keys: new Set(keys) };
    for (const resource of matching) {
      merged.sightings.push(...resource.sightings);
      for (const key of resource.keys) merged.keys.add(key);
      resources.splice(resources.indexOf(resource), 1);
    }
    resources.push(merged);
  }
  return resources;
}

type Resolution = { readonly keys: string[]; readonly via: string } | { readonly keys: undefined; readonly tried: string };

function at(place: Place): string {
  return `${place.path}:${place.line}`;
}

/** Resolves an endpoint reference (`https://...`, `env:NAME`, `account:SYMBOL`) to resource keys. */
function resolveReference(reference: string, settings: ReadonlyMap<string, readonly SettingValue[]>, hops = 0): Resolution {
  if (reference.startsWith("account:")) return { keys: [`sym:${reference.slice("account:".length)}`], via: `template reference ${reference.slice(8)}` };
  if (reference.startsWith("env:")) {
    const name = reference.slice(4);
    const values = settings.get(name) ?? [];
    if (values.length === 0) return { keys: undefined, tried: `${name} is set nowhere in the repository (set at deploy time?)` };
    const keys: string[] = [];
    const via: string[] = [];
    const tried: string[] = [];
    for (const value of values) {
      const inner = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value.value.trim())?.[1];
      const resolved =
        inner !== undefined && hops < MAX_SETTING_HOPS
          ? resolveReference(`env:${inner}`, settings, hops + 1)
          : resolveReference(value.value, settings, MAX_SETTING_HOPS);
      if (resolved.keys === undefined) tried.push(`${name} at ${at(value)}: ${resolved.tried}`);
      else {
        keys.push(...resolved.keys);
        via.push(`${name} set in ${at(value)}`);
      }
    }
    return keys.length > 0 ? { keys: [...new Set(keys)], via: via.join(", ") } : { keys: undefined, tried: tried.join("; ") };
  }
  const subdomain = subdomainOf(reference);
  if (subdomain !== undefined) return { keys: [`sub:${subdomain}`], via: `endpoint ${subdomain}` };
  return { keys: undefined, tried: `${JSON.stringify(reference)} names no account (a regional, global, placeholder or custom-domain endpoint)` };
}

function resolveClient(client: ClientSighting, estate: Estate, settings: ReadonlyMap<string, readonly SettingValue[]>): Resolution {
  if (client.endpoint !== undefined) return resolveReference(client.endpoint, settings);
  const hosts = estate.hostsByPath.get(client.path) ?? [];
  if (hosts.length === 1) return { keys: [`sub:${hosts[0]!}`], via: `the only account endpoint in ${client.path}` };
  if (hosts.length > 1) return { keys: undefined, tried: `its endpoint is not visible and ${client.path} names ${hosts.length} accounts` };
  const names = estate.endpointNamesByPath.get(client.path) ?? [];
  if (names.length === 1) {
    const resolved = resolveReference(`env:${names[0]!}`, settings);
    return resolved.keys === undefined ? resolved : { keys: resolved.keys, via: `${names[0]!}, the only endpoint setting ${client.path} reads: ${resolved.via}` };
  }
  if (names.length > 1) return { keys: undefined, tried: `its endpoint is not visible and ${client.path} reads ${names.length} endpoint settings (${names.join(", ")})` };
  return { keys: undefined, tried: "its endpoint is not visible in the file" };
}

/** Families of API an account kind serves; an account of another family cannot be a client's target. */
function familyOfClient(client: ClientSighting): string | undefined {
  const text = `${client.description} ${client.ruleId}`.toLowerCase();
  if (text.includes("speech")) return "speech";
  if (text.includes("translat")) return "translator";
  if (text.includes("openai") || text.includes("chat") || text.includes("embedding")) return "openai";
  return undefined;
}

function kindServes(kind: string | undefined, family: string | undefined): boolean {
  if (kind === undefined || family === undefined) return true;
  const lower = kind.toLowerCase();
  if (lower === "aiservices" || lower === "cognitiveservices") return true;
  if (lower === "openai") return family === "openai";
  if (lower === "speechservices") return family === "speech";
  if (lower === "texttranslation") return family === "translator";
  return family !== "openai";
}

function keyAccessOf(resource: Resource): { keyAccess: KeyAccessState; drift: string | null } {
  const live = resource.sightings.find((sighting) => sighting.source === "azure" && sighting.keyAccess !== undefined)?.keyAccess;
  const templates = resource.sightings.filter((sighting) => sighting.source === "iac" && sighting.keyAccess !== undefined);
  const template = templates.some((sighting) => sighting.keyAccess === "enabled") ? "enabled" : templates[0]?.keyAccess;
  let drift: string | null = null;
  if (live !== undefined && template !== undefined && live !== template) {
    const where = templates.map((sighting) => (sighting.place === undefined ? "the template" : at(sighting.place))).join(", ");
    drift =
      live === "disabled"
        ? `key access is disabled on Azure but ${where} leaves it enabled: the next deployment turns keys back on`
        : `key access is enabled on Azure but ${where} disables it: the live account drifted from its template`;
  }
  return { keyAccess: live ?? template ?? "unknown", drift };
}

function nextStep(verdict: Verdict, resource: { keyClients: readonly ClientRef[]; couldBe: readonly Place[]; id: string | null; sources: readonly Source[] }): string {
  switch (verdict) {
    case "ready":
      return resource.id !== null
        ? `Turn keys off: az resource update --ids ${resource.id} --set properties.disableLocalAuth=true (or aoai-keyless enforce), and set disableLocalAuth: true in its template`
        : resource.sources.includes("iac")
          ? "Turn keys off: set disableLocalAuth: true in its template (aoai-key-scan --fix) and deploy"
          : "Turn keys off: aoai-keyless enforce on this account (or set disableLocalAuth: true where it is deployed)";
    case "blocked":
      return `Move ${resource.keyClients.length} key client${resource.keyClients.length === 1 ? "" : "s"} to Microsoft Entra ID (fixes listed), grant their identities "Cognitive Services OpenAI User", then aoai-keyless verify and enforce`;
    case "already-keyless":
      return resource.keyClients.length === 0
        ? "Nothing to do: keys are off"
        : `Keys are off, so ${resource.keyClients.length} key client${resource.keyClients.length === 1 ? " fails" : "s fail"} today: move them to Microsoft Entra ID`;
    case "unknown":
      return `Find out where ${resource.couldBe.length} key client${resource.couldBe.length === 1 ? "" : "s"} with unresolved endpoints send${resource.couldBe.length === 1 ? "s" : ""} requests before turning keys off`;
  }
}

function comparePlaces(left: Place, right: Place): number {
  return left.path < right.path ? -1 : left.path > right.path ? 1 : left.line - right.line;
}

/** The whole readiness decision over one estate. */
export function decideReadiness(estate: Estate): ReadinessReport {
  const resources = mergeAccounts(estate.accounts);
  const settings = new Map<string, SettingValue[]>();
  for (const setting of estate.settings) settings.set(setting.name, [...(settings.get(setting.name) ?? []), setting]);

  const byResource = new Map<Resource, { key: ClientRef[]; keyless: ClientRef[] }>(resources.map((resource) => [resource, { key: [], keyless: [] }]));
  const unresolved: (UnresolvedClient & { readonly family: string | undefined })[] = [];
  for (const client of estate.clients) {
    const resolution = resolveClient(client, estate, settings);
    if (resolution.keys === undefined) {
      if (!client.keyless) {
        unresolved.push({
          path: client.path,
          line: client.line,
          language: client.language,
          category: client.category,
          description: client.description,
          tried: resolution.tried,
          family: familyOfClient(client),
        });
      }
      continue;
    }
    let matched = resources.filter((resource) => resolution.keys.some((key) => resource.keys.has(key)));
    if (matched.length === 0) {
      // An endpoint the repository uses but no template or listing declares is an account all the same.
      const subdomain = resolution.keys.find((key) => key.startsWith("sub:"))?.slice(4);
      if (subdomain === undefined) continue;
      const resource: Resource = { sightings: [{ source: "code", subdomain }], keys: new Set([`sub:${subdomain}`]) };
      resources.push(resource);
      byResource.set(resource, { key: [], keyless: [] });
      matched = [resource];
    }
    const ref: ClientRef = {
      path: client.path,
      line: client.line,
      language: client.language,
      category: client.category,
      ruleId: client.ruleId,
      description: client.description,
      ...(client.fix === undefined ? {} : { fix: client.fix }),
      via: resolution.via,
    };
    for (const resource of matched) byResource.get(resource)![client.keyless ? "keyless" : "key"].push(ref);
  }

  const verdicts: ResourceVerdict[] = resources.map((resource) => {
    const sightings = resource.sightings;
    const azure = sightings.find((sighting) => sighting.source === "azure");
    const subdomain = [...resource.keys].find((key) => key.startsWith("sub:"))?.slice(4);
    const name = azure?.name ?? sightings.find((sighting) => sighting.name !== undefined)?.name ?? subdomain ?? sightings[0]?.symbol ?? "(unnamed)";
    const kind = azure?.kind ?? sightings.find((sighting) => sighting.kind !== undefined)?.kind;
    const endpoint = azure?.endpoint ?? sightings.find((sighting) => sighting.endpoint !== undefined)?.endpoint ?? (subdomain === undefined ? null : `https://${subdomain}.openai.azure.com/`);
    const { keyAccess, drift } = keyAccessOf(resource);
    const clients = byResource.get(resource)!;
    const keyClients = clients.key.sort(comparePlaces);
    const couldBe = unresolved.filter((client) => kindServes(kind, client.family)).map(({ path, line }) => ({ path, line }));
    const verdict: Verdict =
      keyAccess === "disabled" ? "already-keyless" : keyClients.length > 0 ? "blocked" : couldBe.length > 0 ? "unknown" : "ready";
    const sources = (["code", "iac", "azure"] as const).filter(
      (source) => sightings.some((sighting) => sighting.source === source) || (source === "code" && keyClients.length + clients.keyless.length > 0),
    );
    const id = azure?.id ?? null;
    return {
      name,
      endpoint,
      kind: kind ?? null,
      id,
      sources,
      keyAccess,
      verdict,
      keyClients,
      keylessClients: clients.keyless.sort(comparePlaces),
      drift,
      couldBe: verdict === "unknown" ? couldBe : [],
      next: nextStep(verdict, { keyClients, couldBe, id, sources }),
      places: sightings.flatMap((sighting) => (sighting.place === undefined ? [] : [sighting.place])).sort(comparePlaces),
    };
  });
  verdicts.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const unresolvedKeyClients = unresolved.map(({ family: _family, ...client }) => client).sort(comparePlaces);
  const count = (verdict: Verdict): number => verdicts.filter((resource) => resource.verdict === verdict).length;
  return {
    version: 1,
    resources: verdicts,
    unresolvedKeyClients,
    summary: {
      resources: verdicts.length,
      ready: count("ready"),
      blocked: count("blocked"),
      alreadyKeyless: count("already-keyless"),
      unknown: count("unknown"),
      keyClients: new Set(verdicts.flatMap((resource) => resource.keyClients.map(at))).size,
      unresolvedKeyClients: unresolvedKeyClients.length,
      drift: verdicts.filter((resource) => resource.drift !== null).length,
    },
  };
}
