/**
 * A loopback HTTPS emulator of the Azure routes `aoai-keyless` uses: the App Service managed
 * identity token endpoint, Resource Graph, Resource Manager (subscriptions, accounts, PATCH with a
 * long-running operation), Azure Policy assignments and exemptions, and an Azure OpenAI data plane.
 * Every request is logged so tests can assert the exact conversation; tokens are checked per audience.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface EmulatedAccount {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly kind?: string;
  readonly location?: string;
  readonly tags?: Record<string, string>;
  /** null: an account from before custom subdomains (regional endpoint). Default: the name. */
  readonly customSubDomainName?: string | null;
  /** undefined: the property is absent, as on accounts that never set it. */
  disableLocalAuth?: boolean;
  /** How a PATCH goes: at once (200), as a long-running operation (202 + polling), refused (403), or after a 503. */
  readonly patch?: "sync" | "long-running" | "forbidden" | "unavailable-once";
}

export interface EmulatedSubscription {
  readonly id: string;
  readonly managementGroup?: string;
  /** The caller may not list accounts here (403). */
  readonly denied?: boolean;
}

/** How a data-plane path prefix answers: `keyless` (tokens yes, keys 403), `keys-on` (both), `no-role` (token lacks the data role). */
export type DataPlaneMode = "keyless" | "keys-on" | "no-role";

export interface World {
  readonly subscriptions: readonly EmulatedSubscription[];
  readonly accounts: EmulatedAccount[];
  readonly graphPageSize?: number;
  /** Answer this Resource Graph page (0-based) once with 429 + Retry-After: 1. */
  readonly graphThrottlePage?: number;
  /** Resource Graph refuses the caller (403): the CLI must fall back to Resource Manager. */
  readonly graphForbidden?: boolean;
  readonly armPageSize?: number;
  readonly dataPlane?: Readonly<Record<string, DataPlaneMode>>;
  /** The one key the data plane knows. */
  readonly realKey?: string;
}

export interface LoggedRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
  readonly authorization: string | undefined;
  readonly apiKey: string | undefined;
  readonly identityHeader: string | undefined;
}

const COGNITIVE_AUDIENCE = "https://cognitiveservices.azure.com";

export function tokenFor(resource: string): string {
  return `emulated.${Buffer.from(resource).toString("base64url")}`;
}

export function accountId(account: Pick<EmulatedAccount, "subscriptionId" | "resourceGroup" | "name">): string {
  return `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${account.name}`;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl in a temp dir. */
export function createCertificate(): { readonly dir: string; readonly certPath: string; readonly key: Buffer; readonly cert: Buffer; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "aoai-keyless-emulator-"));
  const certPath = path.join(dir, "cert.pem");
  const keyPath = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", keyPath, "-out", certPath],
    { stdio: "ignore" },
  );
  return { dir, certPath, key: readFileSync(keyPath), cert: readFileSync(certPath), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export class AzureEmulator {
  readonly requests: LoggedRequest[] = [];
  /** Requests no route answered: a test fails if any. */
  readonly unrouted: string[] = [];
  readonly identityHeader = randomBytes(12).toString("hex");
  readonly assignments = new Map<string, Record<string, unknown>>();
  readonly exemptions = new Map<string, Record<string, unknown>>();
  world: World = { subscriptions: [], accounts: [] };
  private server: Server | undefined;
  private origin = "";
  private throttled = false;
  private unavailable = new Set<string>();
  private operations = new Map<string, { account: EmulatedAccount; polls: number }>();
  private requestCounter = 0;

  constructor(private readonly tls: { readonly key: Buffer; readonly cert: Buffer }) {}

  async start(): Promise<string> {
    this.server = createServer({ key: this.tls.key, cert: this.tls.cert }, (request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }

  /** A fresh world for the next scenario. */
  reset(world: World): void {
    this.world = world;
    this.requests.length = 0;
    this.unrouted.length = 0;
    this.assignments.clear();
    this.exemptions.clear();
    this.throttled = false;
    this.unavailable.clear();
    this.operations.clear();
  }

  /** `METHOD /path?query` of each request, with the token audience or key kind where that matters; the origin is replaced by `{origin}`. */
  log(): string[] {
    return this.requests.map((request) => {
      const url = request.url;
      if (url.pathname === "/msi/token") return `GET /msi/token resource=${(url.searchParams.get("resource") ?? "").replace(this.origin, "{origin}")}`;
      let line = `${request.method} ${url.pathname}${url.search}`;
      if (url.pathname === "/providers/Microsoft.ResourceGraph/resources") {
        const body = request.body as { subscriptions?: string[]; managementGroups?: string[]; options?: { $skipToken?: string } };
        line += [
          body.subscriptions === undefined ? "" : ` subscriptions=${body.subscriptions.join(",")}`,
          body.managementGroups === undefined ? "" : ` managementGroups=${body.managementGroups.join(",")}`,
          body.options?.$skipToken === undefined ? "" : ` $skipToken=${body.options.$skipToken}`,
        ].join("");
      }
      if (url.pathname.includes("/openai/")) {
        line += request.authorization !== undefined ? " [token]" : request.apiKey === this.world.realKey ? " [real key]" : " [other key]";
      }
      return line;
    });
  }

  account(name: string): EmulatedAccount {
    const found = this.world.accounts.find((account) => account.name === name);
    if (found === undefined) throw new Error(`no account ${name}`);
    return found;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", this.origin);
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const logged: LoggedRequest = {
      method: request.method ?? "GET",
      url,
      body: text === "" ? undefined : (JSON.parse(text) as unknown),
      authorization: header("authorization"),
      apiKey: header("api-key"),
      identityHeader: header("x-identity-header"),
    };
    this.requests.push(logged);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { "content-type": "application/json", "x-ms-request-id": `emulated-${++this.requestCounter}`, ...headers });
      response.end(body === undefined ? "" : JSON.stringify(body));
    };
    try {
      this.route(logged, send);
    } catch (error) {
      send(500, { error: { code: "EmulatorBug", message: String(error) } });
    }
  }

  private route(request: LoggedRequest, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const { method, url } = request;
    const path = url.pathname;
    if (path === "/msi/token") return this.token(request, send);
    if (path.includes("/openai/")) return this.dataPlane(request, send);
    // Everything else is Resource Manager: it needs a token for the management audience.
    if (request.authorization !== `Bearer ${tokenFor(this.origin)}`) {
      return send(401, { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } });
    }
    if (method === "POST" && path === "/providers/Microsoft.ResourceGraph/resources") return this.graph(request, send);
    if (method === "GET" && path === "/subscriptions") {
      return send(200, { value: this.world.subscriptions.map((subscription) => ({ subscriptionId: subscription.id, state: "Enabled" })) });
    }
    let match = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts$/.exec(path);
    if (method === "GET" && match !== null) return this.listBySubscription(request, match[1]!, send);
    match = /^\/operations\/([^/]+)$/.exec(path);
    if (method === "GET" && match !== null) return this.operation(match[1]!, send);
    match = /^(.*)\/providers\/Microsoft\.Authorization\/(policyAssignments|policyExemptions)\/([^/]+)$/.exec(path);
    if (match !== null && (method === "GET" || method === "PUT")) return this.policy(request, match[2]!, send);
    const account = this.world.accounts.find((candidate) => accountId(candidate).toLowerCase() === decodeURIComponent(path).toLowerCase());
    if (account !== undefined && method === "GET") return send(200, this.resource(account));
    if (account !== undefined && method === "PATCH") return this.patch(request, account, send);
    this.unrouted.push(`${method} ${path}`);
    return send(404, { error: { code: "EmulatorNoRoute", message: `no route for ${method} ${path}` } });
  }

  private token(request: LoggedRequest, send: (status: number, body: unknown) => void): void {
    if (request.identityHeader !== this.identityHeader || request.url.searchParams.get("api-version") !== "2019-08-01") {
      return send(400, { error: { code: "BadRequest", message: "missing X-IDENTITY-HEADER or api-version" } });
    }
    const resource = request.url.searchParams.get("resource") ?? "";
    send(200, { access_token: tokenFor(resource), expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource, token_type: "Bearer" });
  }

  resource(account: EmulatedAccount): Record<string, unknown> {
    const subdomain = account.customSubDomainName === undefined ? account.name : account.customSubDomainName;
    return {
      id: accountId(account),
      name: account.name,
      type: "Microsoft.CognitiveServices/accounts",
      kind: account.kind ?? "OpenAI",
      location: account.location ?? "eastus",
      tags: account.tags ?? {},
      properties: {
        endpoint: subdomain === null ? `https://${account.location ?? "eastus"}.api.cognitive.microsoft.com/` : `https://${subdomain}.openai.azure.com/`,
        endpoints: subdomain === null ? {} : { "OpenAI Language Model Instance API": `https://${subdomain}.openai.azure.com/` },
        ...(subdomain === null ? {} : { customSubDomainName: subdomain }),
        ...(account.disableLocalAuth === undefined ? {} : { disableLocalAuth: account.disableLocalAuth }),
        provisioningState: "Succeeded",
      },
    };
  }

  private inScope(body: { subscriptions?: string[]; managementGroups?: string[] }): EmulatedAccount[] {
    const subscriptions = this.world.subscriptions.filter(
      (subscription) =>
        (body.subscriptions === undefined || body.subscriptions.includes(subscription.id)) &&
        (body.managementGroups === undefined || (subscription.managementGroup !== undefined && body.managementGroups.includes(subscription.managementGroup))),
    );
    return this.world.accounts
      .filter((account) => subscriptions.some((subscription) => subscription.id === account.subscriptionId))
      .sort((a, b) => (accountId(a) < accountId(b) ? -1 : 1));
  }

  private graph(request: LoggedRequest, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    if (this.world.graphForbidden === true) {
      return send(403, { error: { code: "AuthorizationFailed", message: "The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read'." } });
    }
    const body = request.body as { query?: string; subscriptions?: string[]; managementGroups?: string[]; options?: { $skipToken?: string; $top?: number } };
    if (!/microsoft\.cognitiveservices\/accounts/i.test(body.query ?? "")) return send(400, { error: { code: "BadRequest", message: "unexpected query" } });
    const offset = Number(body.options?.$skipToken ?? "0");
    const pageSize = Math.min(this.world.graphPageSize ?? 1000, body.options?.$top ?? 1000);
    if (this.world.graphThrottlePage !== undefined && offset === this.world.graphThrottlePage * pageSize && !this.throttled) {
      this.throttled = true;
      return send(429, { error: { code: "RateLimiting", message: "Please provide below info when asking for support" } }, { "retry-after": "1" });
    }
    const all = this.inScope(body);
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? String(offset + pageSize) : undefined;
    send(
      200,
      {
        totalRecords: all.length,
        count: page.length,
        resultTruncated: "false",
        ...(next === undefined ? {} : { $skipToken: next }),
        data: page.map((account) => {
          const { id, name, kind, location, tags, properties } = this.resource(account);
          return { id, name, kind, location, tags, properties };
        }),
      },
      { "x-ms-user-quota-remaining": "14", "x-ms-user-quota-resets-after": "00:00:05" },
    );
  }

  private listBySubscription(request: LoggedRequest, subscriptionId: string, send: (status: number, body: unknown) => void): void {
    const subscription = this.world.subscriptions.find((candidate) => candidate.id === subscriptionId);
    if (subscription === undefined) return send(404, { error: { code: "SubscriptionNotFound", message: `The subscription '${subscriptionId}' could not be found.` } });
    if (subscription.denied === true) {
      return send(403, {
        error: { code: "AuthorizationFailed", message: `The client does not have authorization to perform action 'Microsoft.CognitiveServices/accounts/read' over scope '/subscriptions/${subscriptionId}'.` },
      });
    }
    const all = this.inScope({ subscriptions: [subscriptionId] });
    const offset = Number(request.url.searchParams.get("$skiptoken") ?? "0");
    const pageSize = this.world.armPageSize ?? 1000;
    const next = new URL(request.url.href);
    next.searchParams.set("$skiptoken", String(offset + pageSize));
    send(200, {
      value: all.slice(offset, offset + pageSize).map((account) => this.resource(account)),
      ...(offset + pageSize < all.length ? { nextLink: next.href } : {}),
    });
  }

  private patch(request: LoggedRequest, account: EmulatedAccount, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const body = request.body as { properties?: { disableLocalAuth?: unknown } } | undefined;
    if (body?.properties?.disableLocalAuth !== true || Object.keys(body).length !== 1 || Object.keys(body.properties).length !== 1) {
      return send(400, { error: { code: "UnexpectedBody", message: JSON.stringify(body) } });
    }
    switch (account.patch ?? "sync") {
      case "forbidden":
        return send(403, {
          error: {
            code: "AuthorizationFailed",
            message: `The client does not have authorization to perform action 'Microsoft.CognitiveServices/accounts/write' over scope '${accountId(account)}'.`,
          },
        });
      case "unavailable-once":
        if (!this.unavailable.has(account.name)) {
          this.unavailable.add(account.name);
          return send(503, { error: { code: "ServiceUnavailable", message: "try again" } }, { "retry-after": "0" });
        }
        account.disableLocalAuth = true;
        return send(200, this.resource(account));
      case "long-running": {
        const operation = `op-${this.operations.size + 1}`;
        this.operations.set(operation, { account, polls: 0 });
        const accepted = this.resource(account);
        (accepted.properties as Record<string, unknown>).provisioningState = "Accepted";
        return send(202, accepted, {
          "azure-asyncoperation": `${this.origin}/operations/${operation}?api-version=2025-09-01`,
          location: `${this.origin}/operationResults/${operation}?api-version=2025-09-01`,
          "retry-after": "0",
        });
      }
      case "sync":
        account.disableLocalAuth = true;
        return send(200, this.resource(account));
    }
  }

  private operation(name: string, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const operation = this.operations.get(name);
    if (operation === undefined) return send(404, { error: { code: "NotFound", message: name } });
    operation.polls += 1;
    if (operation.polls < 2) return send(200, { id: name, status: "InProgress" }, { "retry-after": "0" });
    operation.account.disableLocalAuth = true;
    return send(200, { id: name, status: "Succeeded" });
  }

  private policy(request: LoggedRequest, collection: string, send: (status: number, body: unknown) => void): void {
    const store = collection === "policyAssignments" ? this.assignments : this.exemptions;
    const key = decodeURIComponent(request.url.pathname).toLowerCase();
    const existing = store.get(key);
    if (request.method === "GET") {
      return existing === undefined ? send(404, { error: { code: `${collection === "policyAssignments" ? "PolicyAssignment" : "PolicyExemption"}NotFound`, message: "not found" } }) : send(200, existing);
    }
    const stored = { ...(request.body as Record<string, unknown>), id: decodeURIComponent(request.url.pathname) };
    store.set(key, stored);
    return send(existing === undefined ? 201 : 200, stored);
  }

  private dataPlane(request: LoggedRequest, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const prefix = request.url.pathname.split("/")[1] ?? "";
    const mode = this.world.dataPlane?.[prefix];
    const headers = { "apim-request-id": `apim-${this.requests.length}`, "x-ms-region": "East US" };
    if (mode === undefined || !request.url.pathname.endsWith("/openai/models") || request.url.searchParams.get("api-version") !== "2024-10-21") {
      this.unrouted.push(`${request.method} ${request.url.pathname}`);
      return send(404, { error: { code: "404", message: "Resource not found" } }, headers);
    }
    const wrongKey = { error: { code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint." } };
    if (request.authorization !== undefined) {
      if (request.authorization !== `Bearer ${tokenFor(COGNITIVE_AUDIENCE)}`) return send(401, { error: { code: "401", message: "invalid audience" } }, headers);
      if (mode === "no-role") return send(401, { error: { code: "PermissionDenied", message: "Principal does not have access to API/Operation." } }, headers);
      return send(200, { object: "list", data: [{ id: "gpt-4o", object: "model" }] }, headers);
    }
    if (request.apiKey === undefined || request.apiKey !== this.world.realKey) return send(401, wrongKey, headers);
    if (mode === "keys-on") return send(200, { object: "list", data: [{ id: "gpt-4o", object: "model" }] }, headers);
    return send(403, { error: { code: "AuthenticationTypeDisabled", message: "Key based authentication is disabled for this resource." } }, headers);
  }
}
