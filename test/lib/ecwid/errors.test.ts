import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZObject } from 'zapier-platform-core';
import { ecwidRequest, pathSegment } from '../../../lib/ecwid/client.js';
import { rejectionOf, run, shownMessage, TOKEN, useOfflineEcwid, ecwidApi, ecwidGet } from '../../helpers.js';

useOfflineEcwid();

const getOrder = () =>
  run((z: ZObject, bundle) =>
    ecwidRequest(z, bundle, {
      path: `/orders/${pathSegment(z, 'K8XTQ', 'Order')}`,
      subject: { noun: 'order', id: 'K8XTQ', field: 'Order' },
    }),
  );

/** Requests that reached the interceptor. */
let attempts = 0;

/** One GET of an order through the app's client, answered (every time it is asked) with this status, body and headers. */
const failWith = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
  attempts = 0;
  nock.cleanAll();
  ecwidApi()
    .get('/orders/K8XTQ')
    .times(3)
    .reply(() => {
      attempts += 1;
      return [status, body as any, headers];
    });
  return rejectionOf(getOrder());
};

/** Statuses after which a read is tried once more at once: 5xx, and 429 when Ecwid asks for a short wait. */
const PASSING = new Set(['rate limit, short wait', 'server error', '503 HTML page']);

const rows: Array<[string, number, unknown, Record<string, string>, string, RegExp]> = [
  [
    'revoked token',
    403,
    { errorMessage: 'Token invalid', errorCode: 'INVALID_API_TOKEN' },
    {},
    'ExpiredAuthError',
    /Reconnect your Ecwid account/,
  ],
  ['401', 401, '', {}, 'ExpiredAuthError', /Reconnect your Ecwid account/],
  [
    'missing scope',
    403,
    { errorMessage: 'read_orders scope required', errorCode: 'INSUFFICIENT_APP_SCOPE' },
    {},
    'ExpiredAuthError',
    /lacks a permission.*read_orders scope required.*approve all the permissions/,
  ],
  [
    'plan without API',
    402,
    { errorMessage: 'Not available on current plan', errorCode: 'NOT_AVAILABLE_ON_CURRENT_PLAN' },
    {},
    'AppError',
    /Venture, Business and Unlimited plans: upgrade/,
  ],
  ['suspended store', 402, { errorCode: 'STORE_IS_SUSPENDED' }, {}, 'AppError', /suspended.*Reactivate it/],
  [
    'feature off',
    403,
    { errorCode: 'DISCOUNTS_FEATURE_NOT_AVAILABLE' },
    {},
    'AppError',
    /Turn them on in Ecwid \(Marketing → Discount Coupons\)/,
  ],
  [
    'not found',
    404,
    { errorMessage: 'Order not found', errorCode: 'ORDER_NOT_FOUND' },
    {},
    'AppError',
    /Ecwid has no order "K8XTQ" in this store\. Check the Order field\./,
  ],
  ['store not found', 404, { errorCode: 'STORE_NOT_FOUND' }, {}, 'AppError', /cannot find this store\. Reconnect/],
  [
    'conflict',
    409,
    { errorMessage: 'The coupon with the given code already exists' },
    {},
    'AppError',
    /already exists in this Ecwid store\. Ecwid says: "The coupon with the given code already exists" Use a different Order/,
  ],
  [
    'bad parameter',
    400,
    { errorMessage: 'Field "discount" must be positive', errorCode: 'WRONG_PARAMETER' },
    {},
    'AppError',
    /Ecwid says: "Field "discount" must be positive"/,
  ],
  ['422', 422, { errorMessage: 'Wrong URL', errorCode: 'WRONG_URL' }, {}, 'AppError', /Ecwid says: "Wrong URL"/],
  [
    'rate limit',
    429,
    { errorCode: 'RATE_LIMITED' },
    { 'Retry-After': '17' },
    'ThrottledError',
    /rate limit.*retry automatically/,
  ],
  [
    'rate limit, short wait',
    429,
    { errorCode: 'RATE_LIMITED' },
    { 'Retry-After': '2' },
    'ThrottledError',
    /rate limit.*retry automatically/,
  ],
  [
    'rate limit, no wait given',
    429,
    { errorCode: 'RATE_LIMITED' },
    {},
    'ThrottledError',
    /rate limit.*retry automatically/,
  ],
  ['server error', 500, { errorCode: 'INTERNAL_ERROR' }, {}, 'ThrottledError', /temporarily unavailable \(HTTP 500\)/],
  [
    '503 HTML page',
    503,
    '<html><body>Service Unavailable</body></html>',
    { 'Content-Type': 'text/html' },
    'ThrottledError',
    /temporarily unavailable \(HTTP 503\)/,
  ],
  ['empty 400', 400, '', {}, 'AppError', /Ecwid rejected the request \(HTTP 400\)\. Check the step's fields/],
  [
    'HTML 403',
    403,
    '<html>Forbidden</html>',
    { 'Content-Type': 'text/html' },
    'AppError',
    /Ecwid refused this request\. Reconnect/,
  ],
];

describe('every Ecwid answer becomes an error that says what to do', () => {
  test.each(rows)('%s', async (name, status, body, headers, errorName, message) => {
    const error = await failWith(status, body, headers);
    expect(attempts).toBe(PASSING.has(name) ? 2 : 1);
    expect(error.name).toBe(errorName);
    expect(shownMessage(error)).toMatch(message);
    expect(String(error.message)).not.toContain(TOKEN);
  });

  test("429 retries after Ecwid's Retry-After, and a 5xx after a minute", async () => {
    expect(JSON.parse((await failWith(429, {}, { 'Retry-After': '17' })).message).delay).toBe(17);
    expect(JSON.parse((await failWith(503, '')).message).delay).toBe(60);
  });

  test('a read that fails for a passing reason is tried once more, and its second answer is the result', async () => {
    ecwidApi().get('/orders/K8XTQ').reply(503, '').get('/orders/K8XTQ').reply(200, { id: 'K8XTQ' });
    expect(await getOrder()).toEqual({ id: 'K8XTQ' });
    ecwidApi()
      .get('/orders/K8XTQ')
      .reply(429, '', { 'Retry-After': '1' })
      .get('/orders/K8XTQ')
      .reply(200, { id: 'K8XTQ' });
    expect(await getOrder()).toEqual({ id: 'K8XTQ' });
  });

  test('a write is never repeated by the client (its caller looks up what landed)', async () => {
    let posts = 0;
    ecwidApi()
      .post('/discount_coupons')
      .times(2)
      .reply(() => {
        posts += 1;
        return [503, ''];
      });
    const error = await rejectionOf(
      run((z, bundle) => ecwidRequest(z, bundle, { method: 'POST', path: '/discount_coupons', body: { code: 'X' } })),
    );
    expect(error.name).toBe('ThrottledError');
    expect(posts).toBe(1);
  });

  test('a token echoed by Ecwid is masked', async () => {
    const error = await failWith(400, { errorMessage: `bad token ${TOKEN} in Bearer ${TOKEN}` });
    expect(String(error.message)).not.toContain(TOKEN);
    expect(shownMessage(error)).toContain('[hidden]');
  });
});

describe('answers that cannot be trusted are retried, never read as "no data"', () => {
  test('a 200 with a cut-off JSON body', async () => {
    ecwidGet('/orders', true)
      .times(2)
      .reply(200, '{"total": 3, "items": [{"id": "A"', { 'Content-Type': 'application/json' });
    const error = await rejectionOf(run((z, bundle) => ecwidRequest(z, bundle, { path: '/orders' })));
    expect(error.name).toBe('ThrottledError');
    expect(shownMessage(error)).toMatch(/incomplete/);
  });

  test('a request nock does not expect is not mistaken for a network fault', async () => {
    const error = await rejectionOf(run((z, bundle) => ecwidRequest(z, bundle, { path: '/unmocked' })));
    expect(String(error.message)).toMatch(/Disallowed net connect|Nock/);
  });

  test('a connection reset (a real loopback server that drops the socket)', async () => {
    const server = http.createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.ECWID_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
    try {
      const error = await rejectionOf(run((z, bundle) => ecwidRequest(z, bundle, { path: '/orders' })));
      expect(error.name).toBe('ThrottledError');
      expect(shownMessage(error)).toMatch(/no answer in time/);
    } finally {
      server.close();
    }
  });

  test('a timeout', async () => {
    // The app's own timeout is 25 s; shorten it to keep the test quick.
    process.env.ECWID_REQUEST_TIMEOUT_MS = '50';
    ecwidApi().get('/orders').delay(400).reply(200, { items: [] });
    const error = await rejectionOf(run((z, bundle) => ecwidRequest(z, bundle, { path: '/orders' })));
    delete process.env.ECWID_REQUEST_TIMEOUT_MS;
    expect(error.name).toBe('ThrottledError');
  });
});
