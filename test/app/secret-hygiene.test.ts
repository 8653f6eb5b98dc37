import { describe, expect, jest, test } from '@jest/globals';
import { inspect } from 'node:util';
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import authentication from '../../authentication.js';
import { clearProfileCache } from '../../lib/ecwid/client.js';
import type { Sandbox } from '../../tools/sandbox/server.js';
import { runSimulation } from '../../tools/simulation/simulation-core.js';
import { API, API_PATH, bundleFor, CLIENT_SECRET, TOKEN } from '../helpers.js';
import { useFullAppOnSandbox, type FullApp, type Operation } from './full-app.js';

/**
 * Secret hygiene: everything the app logs (z.console and Zapier's HTTP logs, printed with LOG_TO_STDOUT and
 * DETAILED_LOG_TO_STDOUT, plus anything written to the console or stdout/stderr) and everything it throws (name,
 * message, stack, own properties) across its error paths holds no access token, client secret or Bearer header.
 * The error paths: every status the error mapper knows (as injected by the sandbox and as Ecwid answers them),
 * plans, revoked and under-scoped tokens, disabled features, cut-off JSON, timeouts, refused connections, bad store
 * ids, the token exchange's failures, input validation, an Ecwid answer that quotes the token, and the simulation's
 * faults. Every trigger, create and search in the repository is run in each state.
 */

const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';
const WRONG_SECRET = 'Wrong-Client-Secret-Also-Private-77';
/** A Bearer header whose value is not Zapier's ":censored:" marker. */
const UNMASKED_BEARER = /Bearer\s+(?!:censored:)[A-Za-z0-9._~+/=-]{6,}/i;

/** Everything written to the console and to stdout/stderr, and every error thrown, as text. */
class Capture {
  readonly texts: string[] = [];
  errors = 0;
  private restore: Array<() => void> = [];

  start(): void {
    process.env.LOG_TO_STDOUT = '1';
    process.env.DETAILED_LOG_TO_STDOUT = '1';
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        this.texts.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 8 }))).join(' '));
      });
      this.restore.push(() => spy.mockRestore());
    }
    for (const stream of [process.stdout, process.stderr]) {
      const spy = jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
        this.texts.push(String(chunk));
        return true;
      }) as any);
      this.restore.push(() => spy.mockRestore());
    }
  }

  stop(): void {
    for (const restore of this.restore.splice(0)) restore();
    delete process.env.LOG_TO_STDOUT;
    delete process.env.DETAILED_LOG_TO_STDOUT;
  }

  error(error: unknown): void {
    this.errors += 1;
    let own = '';
    try {
      own = JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}));
    } catch {
      own = '(not serialisable)';
    }
    this.texts.push(
      [
        String((error as Error)?.name),
        String((error as Error)?.message),
        String((error as Error)?.stack),
        own,
        inspect(error, { depth: 8 }),
      ].join('\n'),
    );
  }

  /** Runs an operation; its error (if any) and its result are captured. */
  async attempt(run: () => Promise<unknown>, { keepResult = true } = {}): Promise<void> {
    try {
      const result = await run();
      if (keepResult) this.texts.push(inspect(result, { depth: 8 }));
    } catch (error) {
      this.error(error);
    }
  }
}

let sandbox: Sandbox;
let full: FullApp;
let orderId: string;
let productId: number;

useFullAppOnSandbox(
  {
    seed: 5,
    now: Date.UTC(2025, 0, 15, 12),
    orders: 60,
    token: TOKEN,
    clientId: 'client-id-123',
    clientSecret: CLIENT_SECRET,
    knobs: { rateLimit: 0 },
  },
  (setup) => ({ sandbox, full, orderId, productId } = setup),
);

const bundleWith = (
  inputData: Record<string, unknown>,
  authData: Record<string, string> = { access_token: TOKEN, store_id: String(sandbox.storeId) },
): Bundle => bundleFor(inputData, {}, authData);

/** Inputs that get each operation as far as a request to Ecwid. */
const plausibleInput = (operation: Operation): Record<string, unknown> => {
  const known: Record<string, unknown> = {
    email: 'someone@example.com',
    customerEmail: 'someone@example.com',
    orderId,
    productId: String(productId),
    code: 'SPRING-SALE',
    name: 'Spring sale',
    discountType: 'PERCENT',
    discount: 10,
    quantityDelta: 1,
    paymentStatus: 'PAID',
    price: 9.5,
    keyword: 'shirt',
  };
  const input: Record<string, unknown> = {};
  for (const field of operation.operation.inputFields ?? []) {
    if (typeof field?.key !== 'string') continue;
    if (field.key in known) input[field.key] = known[field.key];
    else if (field.required) input[field.key] = field.type === 'number' || field.type === 'integer' ? 1 : 'x';
  }
  return input;
};

/** One of each kind, with the subjects a 404 or 409 message names (an order, a coupon). */
const SOME = new Set(['new_order', 'new_customer', 'find_order', 'update_order', 'create_discount_coupon']);

/** Every operation of the app (or `SOME` of them), once, with inputs that reach Ecwid; then the connection test. */
const runOperations = async (
  capture: Capture,
  which: 'all' | 'some',
  authData?: Record<string, string>,
): Promise<void> => {
  for (const kind of ['triggers', 'searches', 'creates'] as const) {
    for (const [key, operation] of Object.entries(full.app[kind] as Record<string, Operation>)) {
      if (which === 'some' && !SOME.has(key)) continue;
      await capture.attempt(() => full.perform(kind, key, bundleWith(plausibleInput(operation), authData)));
    }
  }
  await capture.attempt(() => full.tester(authentication.test as any, bundleWith({}, authData) as any));
};

/** Waits until no request has reached the sandbox for a while: a poll that failed early leaves others in flight, and their logs count too. */
const settle = async (): Promise<void> => {
  for (let seen = -1; seen !== sandbox.requests.length; ) {
    seen = sandbox.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

const resetKnobs = (): void => {
  sandbox.setKnobs({
    plan: 'paid',
    rateLimit: 0,
    discountsEnabled: true,
    faults: { errorRate: 0, truncateRate: 0, latencyMs: 0, statuses: [500, 503, 429] },
  });
  process.env.ECWID_API_BASE_URL = sandbox.apiBaseUrl;
  process.env.ECWID_OAUTH_BASE_URL = sandbox.oauthBaseUrl;
  delete process.env.ECWID_REQUEST_TIMEOUT_MS;
  clearProfileCache();
};

/** A code from the sandbox's consent screen, as Zapier receives it on the redirect. */
const authorizationCode = async (): Promise<string> => {
  const query = new URLSearchParams({
    client_id: 'client-id-123',
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'read_orders read_store_profile',
  });
  const answer = await fetch(`${sandbox.oauthBaseUrl}/authorize?${query}`, { redirect: 'manual' });
  return new URL(answer.headers.get('location')!).searchParams.get('code')!;
};

const exchange = (code: string, storeId = String(sandbox.storeId), redirectUri = REDIRECT_URI) =>
  full.tester(
    authentication.oauth2Config.getAccessToken as any,
    {
      ...bundleWith({ code, redirect_uri: redirectUri }, {}),
      cleanedRequest: { querystring: { code, store_id: storeId } },
    } as any,
  ) as Promise<{ access_token: string }>;

describe('secret hygiene', () => {
  test('the capture sees what the app logs through z.console and what Zapier logs of its requests', async () => {
    resetKnobs();
    const capture = new Capture();
    capture.start();
    try {
      await capture.attempt(() =>
        full.tester(((z: any) => z.console.log('probe: seen by the capture')) as any, bundleWith({}) as any),
      );
      await capture.attempt(() => full.perform('triggers', 'new_order', bundleWith({})));
    } finally {
      capture.stop();
    }
    const all = capture.texts.join('\n');
    expect(all.includes('probe: seen by the capture')).toBe(true);
    // Zapier's detailed request log: method, URL with query, status, response body.
    expect(all.includes(`GET ${sandbox.apiBaseUrl}/${sandbox.storeId}/orders?`)).toBe(true);
  });

  test('no token, client secret or Bearer header in anything logged or thrown on any error path', async () => {
    const secrets: Record<string, string> = {
      'access token': TOKEN,
      'client secret': CLIENT_SECRET,
      'wrong client secret': WRONG_SECRET,
      'Bearer header': `Bearer ${TOKEN}`,
    };
    const capture = new Capture();
    capture.start();
    try {
      // Every status the error mapper knows, as the sandbox injects it (empty bodies for 502–504, Retry-After on 429).
      for (const status of [400, 401, 402, 403, 404, 405, 409, 410, 415, 422, 429, 500, 502, 503, 504]) {
        resetKnobs();
        sandbox.setKnobs({ faults: { errorRate: 1, statuses: [status] } });
        await runOperations(capture, status === 500 ? 'all' : 'some');
      }
      const states: Array<[string, () => Record<string, string> | void, ('all' | 'some')?]> = [
        ['cut-off JSON', () => void sandbox.setKnobs({ faults: { truncateRate: 1 } }), 'all'],
        ['no API on the plan', () => void sandbox.setKnobs({ plan: 'free' })],
        ['suspended store', () => void sandbox.setKnobs({ plan: 'suspended' })],
        ['discounts off', () => void sandbox.setKnobs({ discountsEnabled: false })],
        ['rate limit', () => void sandbox.setKnobs({ rateLimit: 1 })],
        [
          'timeouts',
          () => {
            sandbox.setKnobs({ faults: { latencyMs: 250 } });
            process.env.ECWID_REQUEST_TIMEOUT_MS = '50';
          },
        ],
        ['connection refused', () => void (process.env.ECWID_API_BASE_URL = 'http://127.0.0.1:9/api/v3')],
        [
          'revoked token',
          () => {
            const revoked = sandbox.issueToken();
            secrets['revoked token'] = revoked;
            sandbox.revokeToken(revoked);
            return { access_token: revoked, store_id: String(sandbox.storeId) };
          },
        ],
        [
          'token without the scopes',
          () => {
            const narrow = sandbox.issueToken(['read_store_profile']);
            secrets['narrow token'] = narrow;
            return { access_token: narrow, store_id: String(sandbox.storeId) };
          },
        ],
        ['unknown store', () => ({ access_token: TOKEN, store_id: '999999' })],
        ['store id that is no number', () => ({ access_token: TOKEN, store_id: '1003/../1004' })],
        ['no failure at all', () => undefined, 'all'],
      ];
      for (const [, enter, which = 'some'] of states) {
        resetKnobs();
        const authData = enter() ?? undefined;
        await runOperations(capture, which, authData);
      }
      await settle();

      // Records that do not exist, a coupon code that does, inputs the app refuses.
      resetKnobs();
      const bundle = (input: Record<string, unknown>) => bundleWith(input);
      await capture.attempt(() =>
        full.perform('creates', 'update_order', bundle({ orderId: 'NO-SUCH-ORDER', paymentStatus: 'PAID' })),
      );
      const existingCode = sandbox.store.coupons[0]?.code ?? 'SPRING';
      await capture.attempt(() =>
        full.perform(
          'creates',
          'create_discount_coupon',
          bundle({ name: 'Again', code: existingCode, discountType: 'PERCENT', discount: 5 }),
        ),
      );
      for (const [kind, key] of [
        ['creates', 'create_customer'],
        ['creates', 'create_discount_coupon'],
        ['creates', 'update_order'],
        ['searches', 'find_order'],
        ['triggers', 'new_order'],
      ] as const) {
        if (!(key in full.app[kind])) continue;
        await capture.attempt(() =>
          full.perform(
            kind,
            key,
            bundle({
              email: 'not an email',
              discount: 'lots',
              orderId: '..',
              paymentStatus: 'SOMETIMES',
              customerEmail: 'nope',
            }),
          ),
        );
      }

      // Ecwid's answer quoting the token and the secret: the message passed on must not.
      delete process.env.ECWID_API_BASE_URL;
      nock(API)
        .get(new RegExp(`^${API_PATH}/`))
        .query(true)
        .times(4)
        .reply(400, {
          errorMessage: `Token ${TOKEN} (Authorization: Bearer ${TOKEN}) rejected for app with secret ${CLIENT_SECRET}`,
          errorCode: 'WRONG_PARAMETER',
        });
      await capture.attempt(() =>
        full.perform('triggers', 'new_order', bundleWith({}, { access_token: TOKEN, store_id: '1003' })),
      );
      await capture.attempt(() =>
        full.perform(
          'searches',
          'find_order',
          bundleWith({ orderId: 'A1' }, { access_token: TOKEN, store_id: '1003' }),
        ),
      );
      nock.cleanAll();

      // The token exchange: a good one (its new token must then never show), a reused code, a wrong secret, an
      // unknown code, a redirect that differs, a bad store id, and the OAuth server down.
      resetKnobs();
      const code = await authorizationCode();
      const granted = await exchange(code);
      secrets['issued token'] = granted.access_token;
      await capture.attempt(() => exchange(code));
      process.env.CLIENT_SECRET = WRONG_SECRET;
      await capture.attempt(async () => exchange(await authorizationCode()));
      process.env.CLIENT_SECRET = CLIENT_SECRET;
      await capture.attempt(() => exchange('no-such-code'));
      await capture.attempt(async () =>
        exchange(await authorizationCode(), String(sandbox.storeId), 'https://elsewhere.example/return'),
      );
      await capture.attempt(async () => exchange(await authorizationCode(), 'abc'));
      process.env.ECWID_OAUTH_BASE_URL = 'http://127.0.0.1:9/api/oauth';
      await capture.attempt(() => exchange('any-code'));

      // The simulation's faults: 429s, 500s, 503s, cut-off JSON, timeouts, with every poll error captured.
      resetKnobs();
      await runSimulation({
        token: TOKEN,
        days: 0.01,
        orders: 20,
        warmupDays: 0.005,
        bursts: 0,
        drainHours: 0.2,
        zaps: ['new_order', 'new_customer'],
        errorRate: 0.3,
        truncateRate: 0.1,
        timeoutRate: 0.05,
        requestTimeoutMs: 400,
        onPollError: (error) => capture.error(error),
      });
      await settle();
    } finally {
      capture.stop();
      resetKnobs();
    }

    const all = capture.texts.join('\n');
    // Not vacuous: many errors of many kinds were seen, and Zapier's request logs were captured.
    expect(capture.errors).toBeGreaterThan(150);
    const kinds = [
      'ThrottledError',
      'ExpiredAuthError',
      'Ecwid rejected the request',
      'Ecwid did not complete the connection',
      'InvalidInput',
      `GET ${sandbox.apiBaseUrl}/`,
    ];
    expect(kinds.filter((kind) => !all.includes(kind))).toEqual([]);

    const leaks = Object.entries(secrets)
      .filter(([, secret]) => all.includes(secret))
      .map(([name, secret]) => {
        const text = capture.texts.find((t) => t.includes(secret))!;
        const at = text.indexOf(secret);
        return `${name}: …${text.slice(Math.max(0, at - 120), at).replace(/\s+/g, ' ')}[HERE]…`;
      });
    expect(leaks).toEqual([]);
    const bearer = capture.texts.find((text) => UNMASKED_BEARER.test(text));
    expect(bearer === undefined ? 'none' : bearer.slice(0, 300)).toBe('none');
  }, 120_000);
});
