import { beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import newAbandonedCart from '../../triggers/new_abandoned_cart.js';
import { CART_OUTPUT_FIELDS, CART_OUTPUT_SAMPLE, ECWID_SAMPLE_CART } from '../../lib/carts/carts.js';
import { DAY, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../fake-ecwid.js';
import { ecwidDate, ecwidGet, liveProblems, liveWindowQuery, page, poll, refusalOf, windowQuery } from '../helpers.js';
import { NOW, testTrigger, useOfflineStore } from './trigger-fixtures.js';

const MINUTE = 60;
let now = NOW;

useOfflineStore(() => now);
beforeEach(() => {
  now = NOW;
});

/** A cart as Ecwid's /carts lists it: no `id`, its key is `cartId`. */
const cart = (n: number, idleFor: number, extra: Record<string, unknown> = {}) => ({
  cartId: `CART-${String(n).padStart(4, '0')}`,
  email: `shopper${n}@example.com`,
  hidden: false,
  createTimestamp: NOW - idleFor - 600,
  updateTimestamp: NOW - idleFor,
  createDate: ecwidDate(NOW - idleFor - 600),
  updateDate: ecwidDate(NOW - idleFor),
  total: 10 * n,
  items: [{ id: n, productId: 500 + n, sku: `SKU-${n}`, name: `Thing ${n}`, price: 10, quantity: n }],
  ...extra,
});

const asFake = (carts: unknown[]) => carts as FakeRecord[];

describe('New Abandoned Cart: the exact query and the output', () => {
  test('a live poll asks /carts once for carts active in the last three days, leaving out deleted ones', async () => {
    ecwidGet('/carts', liveWindowQuery(NOW, 'updated', { showHidden: 'false' })).reply(
      200,
      page([
        cart(1, 5 * 3600),
        { ...ECWID_SAMPLE_CART, updateTimestamp: NOW - 2 * 3600, createTimestamp: NOW - 3 * 3600 },
        cart(3, 90 * MINUTE),
      ]),
    );
    const result = await poll(newAbandonedCart);
    // newest activity first; the cart's own id is Zapier's id
    expect(result.map((c) => c.id)).toEqual(['CART-0003', '0B299518-FB54-491A-A6E0-5B6BA6E20868', 'CART-0001']);
    expect(result[0]).toEqual({
      id: 'CART-0003',
      cartId: 'CART-0003',
      email: 'shopper3@example.com',
      customerId: null,
      customerName: '',
      firstName: '',
      lastName: '',
      phone: '',
      countryCode: '',
      createDate: ecwidDate(NOW - 90 * MINUTE - 600)
        .replace(' ', 'T')
        .replace(' +0000', '+00:00'),
      updateDate: ecwidDate(NOW - 90 * MINUTE)
        .replace(' ', 'T')
        .replace(' +0000', '+00:00'),
      subtotal: 0,
      couponDiscount: 0,
      discount: 0,
      tax: 0,
      total: 30,
      currency: 'NZD',
      couponCode: '',
      paymentMethod: '',
      shippingMethod: '',
      itemCount: 3,
      lineItems: [
        expect.objectContaining({
          productId: 503,
          sku: 'SKU-3',
          name: 'Thing 3',
          quantity: 3,
          price: 10,
          lineTotal: 30,
        }),
      ],
    });
    expect(result[1]).toMatchObject({
      email: 'jane.doe@example.com',
      customerName: 'Jane Doe',
      firstName: 'Jane',
      couponCode: 'WELCOME10',
      itemCount: 3,
    });
    expect(liveProblems('new_abandoned_cart', CART_OUTPUT_SAMPLE, result, CART_OUTPUT_FIELDS)).toEqual([]);
  });

  test('carts still in use (less than the wait), deleted by the merchant or already turned into an order do not fire', async () => {
    ecwidGet('/carts', true).reply(
      200,
      page([
        cart(1, 59 * MINUTE), // active a minute before the 60-minute wait is over
        cart(2, 61 * MINUTE),
        cart(3, 5 * 3600, { hidden: true }),
        cart(4, 5 * 3600, { recoveredOrderId: 516723402 }),
        cart(5, 5 * 3600, { recoveredPublicUid: 'K8XTQ' }),
      ]),
    );
    expect((await poll(newAbandonedCart)).map((c) => c.id)).toEqual(['CART-0002']);
  });

  test.each([
    [{ waitMinutes: '0' }, ['CART-0001', 'CART-0002']],
    [{ waitMinutes: 10 }, ['CART-0002']],
    [{ waitMinutes: '' }, []], // the default, 60 minutes
  ])("the wait is the merchant's: %p", async (input, expected) => {
    ecwidGet('/carts', true).reply(200, page([cart(1, 2 * MINUTE), cart(2, 30 * MINUTE)]));
    expect((await poll(newAbandonedCart, input)).map((c) => c.id)).toEqual(expected);
  });

  test.each([
    ['-5', 'Wait Before Triggering (Minutes) must be between 0 and 1440 (got "-5").'],
    ['2000', 'Wait Before Triggering (Minutes) must be between 0 and 1440 (got "2000").'],
    ['an hour', 'Wait Before Triggering (Minutes) must be a number, like 10 or 12.5 (got "an hour").'],
  ])('a wait of %p is refused before any request, naming the field', async (waitMinutes, message) => {
    expect(await refusalOf(poll(newAbandonedCart, { waitMinutes }))).toBe(message);
  });

  test('a cart fires once its wait is over, in a later poll, and only once', async () => {
    const carts = [cart(1, 10 * MINUTE)];
    fakeSearch('/carts', asFake(carts));
    const seen = new Set<string>();
    const next = async () => {
      const fresh = (await poll(newAbandonedCart)).map((c) => c.id).filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      return fresh;
    };
    expect(await next()).toEqual([]);
    now += 55 * MINUTE;
    expect(await next()).toEqual(['CART-0001']);
    now += 10 * MINUTE;
    expect(await next()).toEqual([]);
  });
});

describe('never miss, never repeat, whatever the row order', () => {
  const carts = () => Array.from({ length: 230 }, (_, i) => cart(i + 1, 2 * DAY - i * 300));

  test.each<RowOrder>(['oldest', 'newest', 'shuffled'])(
    'rows %s first: the same carts, newest activity first, within the request bound',
    async (rowOrder) => {
      const endpoint = fakeSearch('/carts', asFake(carts()), { rowOrder, seed: 3 });
      const ids = (await poll(newAbandonedCart)).map((c) => c.id);
      expect(ids).toEqual(Array.from({ length: 230 }, (_, i) => `CART-${String(230 - i).padStart(4, '0')}`));
      expect(endpoint.queries.length).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
      expect(endpoint.queries.every((q) => q.showHidden === 'false')).toBe(true);
    },
  );
});

describe('Test trigger and turning the Zap on', () => {
  test('the dedupe-seeding poll reads 90 days of cart ids only', async () => {
    nock.cleanAll(); // no profile stub: turning the Zap on needs no currency, and any other request would fail
    const endpoint = fakeSearch('/carts', asFake([cart(1, 80 * DAY), cart(2, 100 * DAY), cart(3, 5 * MINUTE)]));
    const result = await poll(newAbandonedCart, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries).toEqual([
      windowQuery('updated', NOW - 90 * DAY, NOW, {
        showHidden: 'false',
        responseFields:
          'total,count,offset,limit,items(cartId,createTimestamp,updateTimestamp,hidden,recoveredOrderId,recoveredPublicUid)',
      }),
    ]);
    // the cart still in use is not seeded: it fires once it has waited
    expect(result).toEqual([{ id: 'CART-0001' }]);
  });

  test('"Test trigger" shows the newest carts, at most 3, whatever their wait, in at most 3 requests', async () => {
    const quiet = asFake([cart(1, 380 * DAY), cart(2, 370 * DAY), cart(3, 369 * DAY), cart(4, 368 * DAY)]);
    const { shown, requests } = await testTrigger(newAbandonedCart, '/carts', quiet);
    expect(shown.map((c) => c.id)).toEqual(['CART-0004', 'CART-0003', 'CART-0002']);
    expect(requests).toBeLessThanOrEqual(3);
    nock.cleanAll();
    fakeSearch('/carts', asFake([cart(9, MINUTE)]));
    expect((await poll(newAbandonedCart, {}, { isLoadingSample: true })).map((c) => c.id)).toEqual(['CART-0009']);
  });
});
