/**
 * An Ecwid-compatible HTTP store on a loopback port:
 *   API    http://127.0.0.1:PORT/api/v3/{storeId}/…   (Bearer tokens, scopes, Ecwid errors, realism knobs)
 *   OAuth  http://127.0.0.1:PORT/api/oauth/authorize, /api/oauth/token/{storeId}
 *   Admin  http://127.0.0.1:PORT/__sandbox/…          (knobs, clock, tokens; see admin.ts)
 *
 * Every API request goes through, in order: store id in the path (404 STORE_NOT_FOUND) → Bearer token
 * (403 INVALID_API_TOKEN) → plan (402) → rate limit (429 + Retry-After) → injected faults → route (404/405) →
 * scope (403 INSUFFICIENT_APP_SCOPE) → feature flag (403) → Content-Type on writes (415) → JSON body (400) →
 * handler → `responseFields` trimming → injected truncation. `latencyMs` delays every API answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin.js';
import { ApiError } from './api-error.js';
import type { Clock } from './clock.js';
import { BodyReader, QueryReader } from './input.js';
import { FaultInjector, RateLimiter, applyKnobsPatch, defaultKnobs, type Knobs, type KnobsPatch } from './knobs.js';
import { OAuthProvider } from './oauth.js';
import type { Reply } from './reply.js';
import { parseResponseFields, selectFields } from './response-fields.js';
import { matchRoute } from './routes/index.js';
import { generateStore, type EcwidStore, type GenerateStoreOptions } from './store.js';
import { TokenRegistry, stableToken } from './tokens.js';
import { SCOPES, type Scope } from './types.js';

export type { FaultKnobs, Knobs, KnobsPatch, Plan, RowOrder } from './knobs.js';

export interface SandboxOptions extends GenerateStoreOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Serve this store instead of generating one from the options above. */
  store?: EcwidStore;
  /** Knob values to start with (the rest keep their defaults). */
  knobs?: KnobsPatch;
  /** OAuth client credentials; default `sandbox-client` / `sandbox-secret`. */
  clientId?: string;
  clientSecret?: string;
  /** The full-scope token; default the same one every run for a given store id and seed. */
  token?: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Sandbox clock, ms. */
  at: number;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** http://127.0.0.1:PORT/api/v3 — append `/{storeId}/orders` etc. */
  apiBaseUrl: string;
  /** http://127.0.0.1:PORT/api/oauth */
  oauthBaseUrl: string;
  storeId: number;
  /** A token with every scope. */
  token: string;
  clientId: string;
  clientSecret: string;
  store: EcwidStore;
  clock: Clock;
  /** Live: change fields directly or through `setKnobs`. */
  knobs: Knobs;
  /** API and OAuth requests received (admin requests are not logged). */
  requests: RequestLogEntry[];
  /** Validates and applies a partial patch; throws on an unknown knob or a bad value. */
  setKnobs(patch: KnobsPatch): Knobs;
  /** A new token with these scopes (default: all). */
  issueToken(scopes?: readonly Scope[]): string;
  revokeToken(token: string): boolean;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = options.store ?? generateStore(options);
  const knobs = defaultKnobs();
  if (options.knobs) applyKnobsPatch(knobs, options.knobs);
  const tokens = new TokenRegistry();
  const token = tokens.issue(SCOPES, options.token ?? stableToken(store.storeId, store.seed));
  const clientId = options.clientId ?? 'sandbox-client';
  const clientSecret = options.clientSecret ?? 'sandbox-secret';
  const oauth = new OAuthProvider(
    { clientId, clientSecret, storeId: store.storeId, ownerEmail: store.settings.ownerEmail },
    tokens,
    knobs,
  );
  const api = new ApiPipeline(store, knobs, tokens);
  const requests: RequestLogEntry[] = [];

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      // Only a broken socket gets here; the pipeline turns handler errors into 500 answers.
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const sandbox: Sandbox = {
    url,
    port,
    apiBaseUrl: `${url}/api/v3`,
    oauthBaseUrl: `${url}/api/oauth`,
    storeId: store.storeId,
    token,
    clientId,
    clientSecret,
    store,
    clock: store.clock,
    knobs,
    requests,
    setKnobs(patch) {
      applyKnobsPatch(knobs, patch);
      if (patch.faults?.seed !== undefined) api.restartFaults();
      return knobs;
    },
    issueToken: (scopes = SCOPES) => tokens.issue(scopes),
    revokeToken: (t) => tokens.revoke(t),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    const path = target.pathname;
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch {
      send(res, {
        status: 413,
        body: { errorMessage: `Request body over ${MAX_BODY_BYTES} bytes`, errorCode: 'WRONG_PARAMETER' },
      });
      return;
    }
    if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
      send(res, handleAdmin(sandbox, method, path, rawBody));
      return;
    }
    let reply: Reply;
    if (path === '/api/oauth/authorize' && method === 'GET') {
      reply = oauth.authorize(target.searchParams);
    } else if (path.startsWith('/api/oauth/token/')) {
      reply = oauth.token(method, path.slice('/api/oauth/token/'.length), req.headers['content-type'] ?? '', rawBody);
    } else if (path.startsWith('/api/v3/')) {
      reply = await api.handle(req, method, path, target.searchParams, rawBody);
    } else {
      reply = { status: 404, body: { errorMessage: `Nothing at ${path}`, errorCode: 'NOT_FOUND' } };
    }
    requests.push({
      method,
      path,
      query: Object.fromEntries(target.searchParams),
      status: reply.status,
      at: store.clock.now(),
    });
    send(res, reply);
  }

  return sandbox;
}

/** The `/api/v3` request pipeline (see the file comment for the order of checks). */
class ApiPipeline {
  private readonly rateLimiter = new RateLimiter();
  private readonly faults = new FaultInjector();
  private requestCount = 0;

  constructor(
    private readonly store: EcwidStore,
    private readonly knobs: Knobs,
    private readonly tokens: TokenRegistry,
  ) {}

  restartFaults(): void {
    this.faults.restart();
  }

  async handle(
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
    rawBody: string,
  ): Promise<Reply> {
    const requestNumber = ++this.requestCount;
    if (this.knobs.faults.latencyMs > 0) await sleep(this.knobs.faults.latencyMs);
    let truncate = false;
    try {
      const token = this.authenticate(req, path, query);
      this.checkPlan();
      this.checkRateLimit(token);
      const fault = this.faults.decide(this.knobs.faults);
      if (fault.errorStatus !== undefined) return injectedError(fault.errorStatus);
      truncate = fault.truncate;

      const resourcePath = path.slice(`/api/v3/${this.store.storeId}`.length) || '/';
      const { match, allowed } = matchRoute(method, resourcePath);
      if (!match) {
        if (allowed)
          throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on ${resourcePath}`, {
            Allow: allowed.join(', '),
          });
        throw new ApiError(404, 'NOT_FOUND', `Unknown endpoint ${resourcePath}`);
      }
      const { route, params } = match;
      if (!this.tokens.scopesOf(token)!.has(route.scope)) {
        throw new ApiError(
          403,
          'INSUFFICIENT_APP_SCOPE',
          `This action needs the ${route.scope} scope; reconnect the app to grant it`,
        );
      }
      if (route.needsDiscounts && !this.knobs.discountsEnabled) {
        throw new ApiError(403, 'DISCOUNTS_FEATURE_NOT_AVAILABLE', 'Discount coupons are not available for this store');
      }
      const body = method === 'POST' || method === 'PUT' ? parseJsonBody(req, rawBody) : {};
      const result = route.handle({
        store: this.store,
        params,
        query: new QueryReader(query),
        body: new BodyReader(body),
        knobs: this.knobs,
        requestNumber,
      });
      const responseFields = query.get('responseFields');
      const trimmed =
        method === 'GET' && responseFields ? selectFields(result, parseResponseFields(responseFields)) : result;
      return truncate ? truncated(trimmed) : { status: 200, body: trimmed };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, headers: error.headers, body: error.body };
      return {
        status: 500,
        body: { errorMessage: `Sandbox error: ${(error as Error).message}`, errorCode: 'INTERNAL_ERROR' },
      };
    }
  }

  /** The store id in the path, then the Bearer token (the retired `?token=` parameter is refused). Returns the token. */
  private authenticate(req: IncomingMessage, path: string, query: URLSearchParams): string {
    const storeId = /^\/api\/v3\/([^/]+)/.exec(path)?.[1];
    if (storeId !== String(this.store.storeId))
      throw new ApiError(404, 'STORE_NOT_FOUND', `Store ${storeId} not found`);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      const why = query.has('token')
        ? 'The token query parameter is no longer accepted; send Authorization: Bearer <token>'
        : 'Missing Authorization: Bearer <token> header';
      throw new ApiError(403, 'INVALID_API_TOKEN', why);
    }
    if (!this.tokens.scopesOf(token))
      throw new ApiError(403, 'INVALID_API_TOKEN', 'The access token is invalid or was revoked');
    return token;
  }

  private checkPlan(): void {
    if (this.knobs.plan === 'free') {
      throw new ApiError(
        402,
        'NOT_AVAILABLE_ON_CURRENT_PLAN',
        'The API is not available on the store’s current plan; upgrade to Venture or higher',
      );
    }
    if (this.knobs.plan === 'suspended') throw new ApiError(402, 'STORE_IS_SUSPENDED', 'The store is suspended');
  }

  private checkRateLimit(token: string): void {
    const retryAfter = this.rateLimiter.check(token, this.store.clock.now(), this.knobs.rateLimit);
    if (retryAfter > 0) {
      throw new ApiError(429, 'RATE_LIMITED', `More than ${this.knobs.rateLimit} requests per minute`, {
        'Retry-After': String(retryAfter),
      });
    }
  }
}

function parseJsonBody(req: IncomingMessage, rawBody: string): Record<string, unknown> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(contentType)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type must be application/json, got '${contentType || 'none'}'`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw new ApiError(400, 'WRONG_PARAMETER', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ApiError(400, 'WRONG_PARAMETER', 'The request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Injected failures look like what Ecwid's front servers send: JSON for 4xx/500, empty bodies for gateway errors. */
function injectedError(status: number): Reply {
  if (status === 429)
    return {
      status,
      headers: { 'Retry-After': '1' },
      body: { errorMessage: 'Too many requests (injected)', errorCode: 'RATE_LIMITED' },
    };
  if (status === 500)
    return { status, body: { errorMessage: 'Internal server error (injected)', errorCode: 'INTERNAL_ERROR' } };
  if (status >= 502 && status <= 504) return { status };
  return { status, body: { errorMessage: `Injected fault ${status}`, errorCode: 'INJECTED_FAULT' } };
}

/** A 200 whose JSON stops halfway, as when a connection drops mid-body behind a proxy. */
function truncated(body: unknown): Reply {
  const json = JSON.stringify(body);
  return { status: 200, rawJson: json.slice(0, Math.floor(json.length / 2)) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.rawJson ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  const headers: Record<string, string | number> = { ...reply.headers, 'Content-Length': Buffer.byteLength(text) };
  if (text !== '') headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers);
  res.end(text);
}
