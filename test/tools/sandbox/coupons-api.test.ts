/** `/discount_coupons`: Ecwid's validation, 409 on a taken code, id-or-code paths, filters, the feature flag. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import type { DiscountCoupon } from '../../../tools/sandbox/store.js';
import { ApiClient, NOW_S, sortedIds, startTestSandbox } from './helpers.js';

let sandbox: Sandbox;
let api: ApiClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 21, orders: 800, coupons: 40 });
  api = new ApiClient(sandbox);
});
afterAll(() => sandbox.close());

const valid = { name: 'Autumn sale', code: 'AUTUMN-10', discountType: 'PERCENT', discount: 10, status: 'ACTIVE' };

describe('POST /discount_coupons', () => {
  test('creates a coupon → {id, code}; it reads back by id and by code, with defaults filled in', async () => {
    sandbox.clock.advance(1_000);
    const created = await api.send('POST', '/discount_coupons', {
      ...valid,
      launchDate: '2024-09-04 14:00:00 +0200',
      expirationDate: '2024-12-31 23:59:59 +0000',
      totalLimit: 50,
      usesLimit: 'ONCEPERCUSTOMER',
      applicationLimit: 'NEW_CUSTOMER_ONLY',
      catalogLimit: { products: [sandbox.store.products[0].id] },
      shippingLimit: { shippingMethods: ['standard'] },
      unknownField: 'ignored',
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(Number), code: 'AUTUMN-10' });
    const byId = (await api.get(`/discount_coupons/${created.body.id}`)).body;
    const byCode = (await api.get('/discount_coupons/autumn-10')).body;
    expect(byCode).toEqual(byId);
    expect(byId).toMatchObject({
      ...valid,
      launchDate: '2024-09-04 12:00:00 +0000', // stored in UTC
      expirationDate: '2024-12-31 23:59:59 +0000',
      totalLimit: 50,
      usesLimit: 'ONCEPERCUSTOMER',
      applicationLimit: 'NEW_CUSTOMER_ONLY',
      repeatCustomerOnly: false,
      catalogLimit: { products: [sandbox.store.products[0].id], categories: [] },
      shippingLimit: { shippingMethods: ['standard'] },
      orderCount: 0,
    });
    expect(byId.unknownField).toBeUndefined();

    const minimal = await api.send('POST', '/discount_coupons', { name: 'Five off', code: 'FIVE-OFF' });
    expect((await api.get(`/discount_coupons/${minimal.body.id}`)).body).toMatchObject({
      discountType: 'ABS',
      status: 'ACTIVE',
      usesLimit: 'UNLIMITED',
      applicationLimit: 'UNLIMITED',
      discount: 0,
    });
  });

  test('a code that already exists (any case) is a 409 with Ecwid’s message', async () => {
    await api.send('POST', '/discount_coupons', { ...valid, code: 'TAKEN-1' });
    const again = await api.send('POST', '/discount_coupons', { ...valid, code: 'taken-1' });
    expect(again.status).toBe(409);
    expect(again.body.errorMessage).toBe('The coupon with the given code already exists');
    expect(typeof again.body.errorCode).toBe('string');
  });

  test('a code of 128 characters is fine; 129 is not', async () => {
    expect((await api.send('POST', '/discount_coupons', { ...valid, code: 'C'.repeat(128) })).status).toBe(200);
    expect((await api.send('POST', '/discount_coupons', { ...valid, code: 'D'.repeat(129) })).status).toBe(400);
  });

  test.each([
    ['no name', { code: 'X-1' }],
    ['empty name', { name: ' ', code: 'X-2' }],
    ['no code', { name: 'x' }],
    ['empty code', { name: 'x', code: '' }],
    ['unknown discountType', { ...valid, code: 'X-3', discountType: 'BOGO' }],
    ['status Ecwid sets itself', { ...valid, code: 'X-4', status: 'EXPIRED' }],
    ['unknown status', { ...valid, code: 'X-5', status: 'ON' }],
    ['percent over 100', { ...valid, code: 'X-6', discount: 150 }],
    ['negative discount', { ...valid, code: 'X-7', discountType: 'ABS', discount: -5 }],
    ['ISO date', { ...valid, code: 'X-8', launchDate: '2024-09-04T10:00:00Z' }],
    ['date without offset', { ...valid, code: 'X-9', expirationDate: '2024-09-04 10:00:00' }],
    [
      'expires before launch',
      { ...valid, code: 'X-10', launchDate: '2024-10-01 00:00:00 +0000', expirationDate: '2024-09-01 00:00:00 +0000' },
    ],
    ['unknown usesLimit', { ...valid, code: 'X-11', usesLimit: 'TWICE' }],
    ['unknown applicationLimit', { ...valid, code: 'X-12', applicationLimit: 'VIP_ONLY' }],
    ['catalogLimit products not ids', { ...valid, code: 'X-13', catalogLimit: { products: ['mug'] } }],
    ['catalogLimit not an object', { ...valid, code: 'X-14', catalogLimit: [1, 2] }],
    ['negative totalLimit', { ...valid, code: 'X-15', totalLimit: -1 }],
    ['shippingLimit not strings', { ...valid, code: 'X-16', shippingLimit: { shippingMethods: [1] } }],
  ])('%s → 400 WRONG_PARAMETER', async (_, body) => {
    const answer = await api.send('POST', '/discount_coupons', body);
    expect([answer.status, answer.body.errorCode]).toEqual([400, 'WRONG_PARAMETER']);
    expect(answer.body.errorMessage.length).toBeGreaterThan(10);
  });

  test('the deprecated repeatCustomerOnly still maps to applicationLimit', async () => {
    const created = await api.send('POST', '/discount_coupons', {
      ...valid,
      code: 'REPEAT-1',
      repeatCustomerOnly: true,
    });
    expect((await api.get(`/discount_coupons/${created.body.id}`)).body).toMatchObject({
      applicationLimit: 'REPEAT_CUSTOMER_ONLY',
      repeatCustomerOnly: true,
    });
  });

  test('needs application/json', async () => {
    expect(
      (await api.send('POST', '/discount_coupons', 'name=x&code=y', 'application/x-www-form-urlencoded')).status,
    ).toBe(415);
  });
});

describe('GET | PUT | DELETE /discount_coupons/{idOrCode}', () => {
  test('PUT by code changes the given fields and updateDate; renaming to a taken code is a 409', async () => {
    const { body } = await api.send('POST', '/discount_coupons', { ...valid, code: 'EDIT-ME' });
    sandbox.clock.advance(60_000);
    expect((await api.send('PUT', '/discount_coupons/EDIT-ME', { discount: 25, status: 'PAUSED' })).body).toEqual({
      updateCount: 1,
    });
    const after = (await api.get(`/discount_coupons/${body.id}`)).body;
    expect(after).toMatchObject({ discount: 25, status: 'PAUSED', name: valid.name, code: 'EDIT-ME' });
    expect(after.updateDate).not.toBe(after.creationDate);
    expect((await api.send('PUT', `/discount_coupons/${body.id}`, { code: 'AUTUMN-10' })).status).toBe(409);
    expect((await api.send('PUT', `/discount_coupons/${body.id}`, { discount: 101 })).status).toBe(400); // still PERCENT
    expect((await api.send('PUT', `/discount_coupons/${body.id}`, { code: 'EDITED' })).status).toBe(200);
    expect((await api.get('/discount_coupons/EDITED')).body.id).toBe(body.id);
  });

  test('DELETE by id or code → {deleteCount: 1}; then DISCOUNT_COUPON_NOT_FOUND', async () => {
    const { body } = await api.send('POST', '/discount_coupons', { ...valid, code: 'DELETE-ME' });
    expect((await api.send('DELETE', '/discount_coupons/delete-me')).body).toEqual({ deleteCount: 1 });
    for (const path of [`/discount_coupons/${body.id}`, '/discount_coupons/DELETE-ME']) {
      const answer = await api.get(path);
      expect([answer.status, answer.body.errorCode]).toEqual([404, 'DISCOUNT_COUPON_NOT_FOUND']);
    }
    expect((await api.send('DELETE', `/discount_coupons/${body.id}`)).status).toBe(404);
  });
});

describe('GET /discount_coupons', () => {
  let coupons: DiscountCoupon[];
  beforeAll(async () => {
    coupons = await api.all('/discount_coupons');
  });

  test('lists every coupon with its effective status: past expirationDate reads EXPIRED', async () => {
    expect(coupons.length).toBe(sandbox.store.coupons.length);
    const expired = coupons.filter(
      (c) =>
        c.expirationDate &&
        c.expirationDate < '2024-09-04 12:00:00 +0000' &&
        sandbox.store.getCoupon(String(c.id))!.status === 'ACTIVE',
    );
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((c) => c.status === 'EXPIRED')).toBe(true);
  });

  test('filters: code, discount_type (snake_case), availability, createdFrom, updatedFrom', async () => {
    const check = async (query: Record<string, string | number>, pick: (c: DiscountCoupon) => boolean) => {
      const expected = coupons.filter(pick);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(coupons.length);
      expect(sortedIds(await api.all('/discount_coupons', query))).toEqual(sortedIds(expected));
    };
    await check({ code: coupons[3].code.toLowerCase() }, (c) => c.code === coupons[3].code);
    await check({ discount_type: 'PERCENT,ABS' }, (c) => c.discountType === 'PERCENT' || c.discountType === 'ABS');
    await check({ availability: 'EXPIRED' }, (c) => c.status === 'EXPIRED');
    await check({ availability: 'ACTIVE' }, (c) => c.status === 'ACTIVE');
    const from = NOW_S - 60 * 86400;
    await check({ createdFrom: from }, (c) => c.creationDate >= '2024-07-06 12:00:00 +0000');
    await check({ updatedFrom: NOW_S }, (c) => c.updateDate >= '2024-09-04 12:00:00 +0000');
    expect((await api.get('/discount_coupons', { discount_type: 'BOGO' })).status).toBe(400);
  });

  test('with discounts off for the store, every coupon endpoint is 403 DISCOUNTS_FEATURE_NOT_AVAILABLE', async () => {
    sandbox.setKnobs({ discountsEnabled: false });
    try {
      for (const answer of [
        await api.get('/discount_coupons'),
        await api.get(`/discount_coupons/${coupons[0].id}`),
        await api.send('POST', '/discount_coupons', { ...valid, code: 'NOPE-1' }),
        await api.send('DELETE', `/discount_coupons/${coupons[0].id}`),
      ]) {
        expect([answer.status, answer.body.errorCode]).toEqual([403, 'DISCOUNTS_FEATURE_NOT_AVAILABLE']);
      }
      expect((await api.get('/orders')).status).toBe(200);
    } finally {
      sandbox.setKnobs({ discountsEnabled: true });
    }
  });
});
