/** Tokens and scopes, plan (402), rate limit (429), injected faults, content types, admin HTTP, the request log. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { FaultInjector, defaultKnobs } from '../../../tools/sandbox/knobs.js';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import type { Scope } from '../../../tools/sandbox/store.js';
import { ApiClient, NOW, call, startTestSandbox } from './helpers.js';

let sandbox: Sandbox;
let api: ApiClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 3, orders: 120 });
  api = new ApiClient(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  // Every test starts from the defaults (rate limit off: the clock is frozen).
  sandbox.setKnobs({ ...defaultKnobs(), rateLimit: 0 });
  sandbox.clock.set(NOW);
});

const errorOf = (answer: { status: number; body: any }) => [answer.status, answer.body?.errorCode];

describe('tokens', () => {
  test('only Authorization: Bearer is accepted; ?token= is refused; unknown and revoked tokens are 403 INVALID_API_TOKEN', async () => {
    expect((await api.get('/profile')).status).toBe(200);
    const url = api.url('/profile');
    expect(errorOf(await call(url))).toEqual([403, 'INVALID_API_TOKEN']);
    const viaQuery = await call(`${url}?token=${sandbox.token}`);
    expect(errorOf(viaQuery)).toEqual([403, 'INVALID_API_TOKEN']);
    expect(viaQuery.body.errorMessage).toMatch(/Bearer/);
    expect(errorOf(await call(url, { headers: { Authorization: sandbox.token } }))).toEqual([403, 'INVALID_API_TOKEN']);
    expect(errorOf(await new ApiClient(sandbox, 'secret_guessed').get('/profile'))).toEqual([403, 'INVALID_API_TOKEN']);

    const token = sandbox.issueToken();
    const client = new ApiClient(sandbox, token);
    expect((await client.get('/orders')).status).toBe(200);
    sandbox.revokeToken(token);
    expect(errorOf(await client.get('/orders'))).toEqual([403, 'INVALID_API_TOKEN']);
  });

  test('the full-scope token is the same every run for a store id and seed', async () => {
    const again = await startTestSandbox({ seed: 3, orders: 10 });
    try {
      expect(again.token).toBe(sandbox.token);
      expect(again.token).toMatch(/^secret_/);
    } finally {
      await again.close();
    }
  });

  const ENDPOINT_SCOPES: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, Scope, unknown?][] = [
    ['profile', 'GET', '/profile', 'read_store_profile', undefined],
    ['shipping options', 'GET', '/profile/shippingOptions', 'read_store_profile', undefined],
    ['orders', 'GET', '/orders', 'read_orders', undefined],
    ['order update', 'PUT', '/orders/ANY', 'update_orders', { hidden: false }],
    ['abandoned carts', 'GET', '/carts', 'read_orders', undefined],
    ['abandoned cart', 'GET', '/carts/ANY', 'read_orders', undefined],
    ['abandoned cart update', 'PUT', '/carts/ANY', 'update_orders', { hidden: true }],
    ['customers', 'GET', '/customers', 'read_customers', undefined],
    ['customer groups', 'GET', '/customer_groups', 'read_customers', undefined],
    ['customer create', 'POST', '/customers', 'create_customers', { email: 'scope@example.org' }],
    ['customer update', 'PUT', '/customers/1', 'update_customers', { name: 'x' }],
    ['products', 'GET', '/products', 'read_catalog', undefined],
    ['categories', 'GET', '/categories', 'read_catalog', undefined],
    ['product create', 'POST', '/products', 'create_catalog', { name: 'x' }],
    ['product update', 'PUT', '/products/1', 'update_catalog', { name: 'x' }],
    ['inventory', 'PUT', '/products/1/inventory', 'update_catalog', { quantityDelta: 1 }],
    ['coupons', 'GET', '/discount_coupons', 'read_discount_coupons', undefined],
    ['coupon create', 'POST', '/discount_coupons', 'create_discount_coupons', { name: 'x', code: 'SCOPE-1' }],
    ['coupon update', 'PUT', '/discount_coupons/X', 'update_discount_coupons', { name: 'x' }],
    ['coupon delete', 'DELETE', '/discount_coupons/X', 'update_discount_coupons', undefined],
  ];

  test.each(ENDPOINT_SCOPES)('%s needs %s %s → %s', async (_, method, path, scope, body) => {
    const send = (client: ApiClient) => (method === 'GET' ? client.get(path) : client.send(method, path, body));
    const without = new ApiClient(
      sandbox,
      sandbox.issueToken(['read_store_profile', 'read_orders'].filter((s) => s !== scope) as Scope[]),
    );
    const answer = await send(without);
    expect(errorOf(answer)).toEqual([403, 'INSUFFICIENT_APP_SCOPE']);
    expect(answer.body.errorMessage).toContain(scope);
    const withIt = new ApiClient(sandbox, sandbox.issueToken([scope]));
    expect((await send(withIt)).status).not.toBe(403);
  });
});

describe('store and plan', () => {
  test('a wrong store id in the path is 404 STORE_NOT_FOUND', async () => {
    const answer = await call(`${sandbox.apiBaseUrl}/999999/orders`, {
      headers: { Authorization: `Bearer ${sandbox.token}` },
    });
    expect(errorOf(answer)).toEqual([404, 'STORE_NOT_FOUND']);
  });

  test('plan free → 402 NOT_AVAILABLE_ON_CURRENT_PLAN, suspended → 402 STORE_IS_SUSPENDED, on every endpoint', async () => {
    sandbox.setKnobs({ plan: 'free' });
    for (const path of ['/profile', '/orders', '/customers', '/discount_coupons']) {
      expect(errorOf(await api.get(path))).toEqual([402, 'NOT_AVAILABLE_ON_CURRENT_PLAN']);
    }
    sandbox.knobs.plan = 'suspended'; // the live object works too
    expect(errorOf(await api.send('POST', '/customers', { email: 'p@example.org' }))).toEqual([
      402,
      'STORE_IS_SUSPENDED',
    ]);
    sandbox.setKnobs({ plan: 'paid' });
    expect((await api.get('/profile')).status).toBe(200);
  });

  test('unknown endpoints are 404; a known path with the wrong method is 405 with Allow', async () => {
    expect((await api.get('/webhooks')).status).toBe(404);
    const answer = await api.send('DELETE', '/orders');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
  });

  test('writes need Content-Type: application/json (415), then a JSON object (400)', async () => {
    const url = api.url('/customers');
    const auth = { Authorization: `Bearer ${sandbox.token}` };
    /** The status of a POST of `body` with `headers` besides the token. */
    const post = async (headers: Record<string, string>, body: string) =>
      (await call(url, { method: 'POST', headers: { ...auth, ...headers }, body })).status;
    expect(await post({}, '{"email":"a@b.c"}')).toBe(415);
    expect(await post({ 'Content-Type': 'text/plain' }, '{"email":"a@b.c"}')).toBe(415);
    expect(await post({ 'Content-Type': 'application/json; charset=utf-8' }, '{"email":"ct@example.org"}')).toBe(200);
    expect((await api.send('POST', '/customers', '[1,2]')).status).toBe(400);
    expect((await api.send('POST', '/customers', '{oops')).status).toBe(400);
  });
});

describe('rate limit', () => {
  test('per token, on the sandbox clock: the request over the limit gets 429 RATE_LIMITED with Retry-After', async () => {
    sandbox.setKnobs({ rateLimit: 5 });
    for (let i = 0; i < 5; i++) {
      expect((await api.get('/profile')).status).toBe(200);
      sandbox.clock.advance(1_000);
    }
    const limited = await api.get('/profile');
    expect(errorOf(limited)).toEqual([429, 'RATE_LIMITED']);
    // The oldest request (at t+0) leaves the 60 s window at t+60 s; the clock is at t+5 s.
    expect(limited.headers.get('retry-after')).toBe('55');
    expect((await new ApiClient(sandbox, sandbox.issueToken()).get('/profile')).status).toBe(200); // other token
    sandbox.clock.advance(55_000);
    expect((await api.get('/profile')).status).toBe(200);
    expect((await api.get('/profile')).status).toBe(429); // t+1 s request still in the window
  });

  test('the default limit is 600 requests per minute', () => {
    expect(defaultKnobs().rateLimit).toBe(600);
  });
});

describe('injected faults', () => {
  test('errorRate 1 answers every API call with one of the given statuses; 503 has an empty body, 429 a Retry-After', async () => {
    sandbox.setKnobs({ faults: { errorRate: 1, statuses: [503] } });
    const unavailable = await api.get('/orders');
    expect([unavailable.status, unavailable.text]).toEqual([503, '']);
    sandbox.setKnobs({ faults: { statuses: [429] } });
    const throttled = await api.get('/orders');
    expect(errorOf(throttled)).toEqual([429, 'RATE_LIMITED']);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    sandbox.setKnobs({ faults: { statuses: [500] } });
    expect(errorOf(await api.get('/orders'))).toEqual([500, 'INTERNAL_ERROR']);
  });

  test('errorRate 0.3 fails about 30% of calls, with the same pattern for the same seed', async () => {
    // The rate is a property of the injector: 2,000 draws show it without 2,000 requests.
    const faults = { ...defaultKnobs().faults, errorRate: 0.3, statuses: [500, 503], seed: 77 };
    const injector = new FaultInjector();
    const expected = Array.from({ length: 2000 }, () => injector.decide(faults).errorStatus ?? 200);
    const failures = expected.filter((s) => s !== 200);
    expect(failures.length).toBeGreaterThan(0.27 * 2000);
    expect(failures.length).toBeLessThan(0.33 * 2000);
    expect(new Set(failures)).toEqual(new Set([500, 503]));

    // Over HTTP, the requests after the seed is set follow that very pattern.
    const pattern = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await api.get('/profile', { responseFields: 'generalInfo(storeId)' })).status);
      return statuses;
    };
    sandbox.setKnobs({ faults: { errorRate: 0.3, statuses: [500, 503], seed: 77 } });
    const first = await pattern();
    expect(first).toEqual(expected.slice(0, 30));
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
    sandbox.setKnobs({ faults: { seed: 77 } }); // setting the seed restarts the pattern
    expect(await pattern()).toEqual(first);
    sandbox.setKnobs({ faults: { seed: 78 } });
    expect(await pattern()).not.toEqual(first);
  });

  test('truncateRate 1 sends a 200 whose JSON body is cut off', async () => {
    sandbox.setKnobs({ faults: { truncateRate: 1 } });
    const answer = await api.get('/orders', { limit: 5 });
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeGreaterThan(10);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(answer.text.startsWith('{"total":')).toBe(true);
  });

  test('latencyMs delays every API answer', async () => {
    sandbox.setKnobs({ faults: { latencyMs: 300 } });
    const started = performance.now();
    await api.get('/profile');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    sandbox.setKnobs({ faults: { latencyMs: 0 } });
    const quick = performance.now();
    await api.get('/profile');
    expect(performance.now() - quick).toBeLessThan(290);
  });
});

describe('profile and latest-stats', () => {
  test('GET /profile has what the connection test reads, and trims with responseFields', async () => {
    const answer = await api.get('/profile', {
      responseFields: 'generalInfo(storeId,storeUrl),account(accountName,accountEmail),settings(storeName)',
    });
    expect(answer.body).toEqual({
      generalInfo: { storeId: sandbox.storeId, storeUrl: expect.stringMatching(/^https:\/\//) },
      account: { accountName: expect.any(String), accountEmail: expect.stringContaining('@') },
      settings: { storeName: 'Sandbox Goods' },
    });
    const full = (await api.get('/profile')).body;
    expect(full.formatsAndUnits).toMatchObject({ currency: 'USD', timezone: expect.any(String) });
    expect(full.taxSettings.pricesIncludeTax).toBe(false);
  });

  test('the profile lists the shipping methods under shipping.shippingOptions; GET /profile/shippingOptions is the same bare array', async () => {
    const options = (await api.get('/profile')).body.shipping.shippingOptions;
    expect((await api.get('/profile/shippingOptions')).body).toEqual(options);
    expect(options.map((o: any) => [o.id, o.title, o.enabled, o.fulfilmentType])).toEqual([
      ['standard', 'Standard shipping', true, 'shipping'],
      ['express', 'Express', true, 'shipping'],
      ['pickup', 'Store pickup', true, 'pickup'],
      ['freight', 'Freight', false, 'shipping'],
    ]);
    expect(options.map((o: any) => o.orderby)).toEqual([10, 20, 30, 40]);
    expect(options[1]).toMatchObject({
      ratesCalculationType: 'flat',
      flatRate: { rateType: 'ABSOLUTE', rate: 14.99 },
      deliveryTimeDays: '1-2',
    });
    // What the app's dropdown asks for.
    const trimmed = await api.get('/profile', { responseFields: 'shipping(shippingOptions(id,title,enabled))' });
    expect(trimmed.body).toEqual({
      shipping: { shippingOptions: options.map(({ id, title, enabled }: any) => ({ id, title, enabled })) },
    });
    // Orders name the enabled methods by these ids; a disabled method is never chosen at checkout.
    const used = new Set(
      sandbox.store.orders.flatMap((o) =>
        o.shippingOption ? [`${o.shippingOption.shippingMethodId}/${o.shippingOption.shippingMethodName}`] : [],
      ),
    );
    expect(used).toEqual(new Set(['standard/Standard shipping', 'express/Express', 'pickup/Store pickup']));
  });

  test('GET /latest-stats moves when orders, customers, products or coupons change', async () => {
    const before = (await api.get('/latest-stats')).body;
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['ordersUpdated', 'productsUpdated', 'customersUpdated', 'discountCouponsUpdated']),
    );
    sandbox.clock.set(NOW + 3_600_000);
    sandbox.store.createOrder({ paymentStatus: 'PAID' });
    await api.send('POST', '/customers', { email: 'stats@example.org' });
    const after = (await api.get('/latest-stats')).body;
    expect(after.ordersUpdated).toBe('2024-09-04 13:00:00 +0000');
    expect(after.customersUpdated).toBe('2024-09-04 13:00:00 +0000');
    expect(after.productsUpdated).toBe(before.productsUpdated);
  });
});

describe('admin HTTP (/__sandbox) and the request log', () => {
  const admin = (path: string, init: RequestInit = {}) => call(`${sandbox.url}/__sandbox${path}`, init);
  const post = (path: string, body: unknown) => admin(path, { method: 'POST', body: JSON.stringify(body) });

  test('knobs can be read and patched over HTTP; bad patches are 400 and change nothing', async () => {
    expect((await admin('/knobs')).body).toMatchObject({ plan: 'paid', defaultLimit: 10 });
    expect((await post('/knobs', { plan: 'free', faults: { latencyMs: 5 } })).body).toMatchObject({
      plan: 'free',
      faults: { latencyMs: 5, errorRate: 0 },
    });
    expect(errorOf(await api.get('/orders'))).toEqual([402, 'NOT_AVAILABLE_ON_CURRENT_PLAN']);
    expect((await post('/knobs', { plan: 'gold' })).status).toBe(400);
    expect((await post('/knobs', { plan: 'paid', bogus: 1 })).status).toBe(400);
    expect(sandbox.knobs.plan).toBe('free'); // the bad patch above did not half-apply
    expect((await post('/knobs', { faults: { errorRate: 2 } })).status).toBe(400);
  });

  test('the clock can be set and advanced over HTTP', async () => {
    expect((await post('/clock', { now: '2024-10-01T00:00:00Z' })).body).toMatchObject({
      now: Date.UTC(2024, 9, 1),
      virtual: true,
    });
    expect(sandbox.clock.now()).toBe(Date.UTC(2024, 9, 1));
    await post('/clock', { advanceMs: 90_000 });
    expect(sandbox.clock.now()).toBe(Date.UTC(2024, 9, 1, 0, 1, 30));
    await post('/clock', { now: '2024-10-02 00:00:00 +0000' });
    expect(sandbox.clock.now()).toBe(Date.UTC(2024, 9, 2));
    expect((await post('/clock', { now: 'soon' })).status).toBe(400);
  });

  test('tokens can be issued with scopes and revoked; orders placed at the clock time', async () => {
    const { token } = (await post('/tokens', { scopes: ['read_store_profile'] })).body;
    const client = new ApiClient(sandbox, token);
    expect((await client.get('/profile')).status).toBe(200);
    expect(errorOf(await client.get('/orders'))).toEqual([403, 'INSUFFICIENT_APP_SCOPE']);
    expect((await admin(`/tokens/${token}`, { method: 'DELETE' })).body).toEqual({ revoked: true });
    expect(errorOf(await client.get('/profile'))).toEqual([403, 'INVALID_API_TOKEN']);
    expect((await post('/tokens', { scopes: ['read_everything'] })).status).toBe(400);

    sandbox.clock.set(NOW + 7_200_000);
    const { ids } = (await post('/orders', { count: 2, paymentStatus: 'PAID' })).body;
    expect(ids).toHaveLength(2);
    const placed = (await api.get(`/orders/${ids[0]}`)).body;
    expect([placed.paymentStatus, placed.createTimestamp]).toEqual(['PAID', (NOW + 7_200_000) / 1000]);
  });

  test('every API and OAuth request is logged with method, path, query and status; admin calls are not', async () => {
    sandbox.requests.length = 0;
    await api.get('/orders', { limit: 2, paymentStatus: 'PAID' });
    await api.get('/nowhere');
    await admin('/knobs');
    await call(`${sandbox.oauthBaseUrl}/token/${sandbox.storeId}`);
    expect(sandbox.requests.map(({ method, path, query, status }) => ({ method, path, query, status }))).toEqual([
      {
        method: 'GET',
        path: `/api/v3/${sandbox.storeId}/orders`,
        query: { limit: '2', paymentStatus: 'PAID' },
        status: 200,
      },
      { method: 'GET', path: `/api/v3/${sandbox.storeId}/nowhere`, query: {}, status: 404 },
      { method: 'GET', path: `/api/oauth/token/${sandbox.storeId}`, query: {}, status: 405 },
    ]);
    expect(sandbox.requests[0].at).toBe(sandbox.clock.now());
    expect((await admin('/requests')).body).toHaveLength(3);
  });
});
