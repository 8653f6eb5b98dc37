/** `/carts` (Ecwid's abandoned carts): the generated carts, every filter against a brute-force reading, paging,
 * row order, one cart, hiding, recovery into an order, and the store and admin ways of adding carts. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parseEcwidDate } from '../../../tools/sandbox/dates.js';
import { generateStore, type AbandonedCart, type Order } from '../../../tools/sandbox/store.js';
import { call, DAY_S, expectFilterPicks, HOUR_S, NOW, NOW_S, type Query, useTestSandbox } from './helpers.js';

const live = useTestSandbox({ seed: 21, orders: 500, carts: 150 });
/** Every cart as the store holds them at the start, oldest first (hidden and recovered ones included). */
let all: AbandonedCart[];

beforeAll(() => {
  all = live.sandbox.store.carts;
});

const cartIdsOf = (rows: AbandonedCart[]) => rows.map((c) => c.cartId);
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
const cents = (amount: number) => Math.round(amount * 100);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The API's answer to a filter, all pages, compared as a set with the carts the predicate picks. */
const expectFilter = (query: Query, pick: (cart: AbandonedCart) => boolean): Promise<AbandonedCart[]> =>
  expectFilterPicks(live.api, '/carts', query, all, pick, (c) => c.cartId);

describe('the generated carts', () => {
  test('about 8% of the orders by default; UUID ids; Ecwid dates matching the timestamps, inside the span', () => {
    expect(generateStore({ seed: 2, orders: 300, now: NOW }).cartCount).toBe(24);
    expect(live.sandbox.store.cartCount).toBe(150); // asked for
    expect(all.every((c) => UUID.test(c.cartId))).toBe(true);
    expect(new Set(cartIdsOf(all)).size).toBe(all.length);
    for (const c of all) {
      expect([parseEcwidDate(c.createDate), parseEcwidDate(c.updateDate)]).toEqual([
        c.createTimestamp,
        c.updateTimestamp,
      ]);
      expect(c.createTimestamp).toBeGreaterThanOrEqual(NOW_S - 60 * DAY_S);
      expect(c.updateTimestamp).toBeGreaterThanOrEqual(c.createTimestamp);
      expect(c.updateTimestamp).toBeLessThanOrEqual(NOW_S);
    }
    expect(live.sandbox.store.carts).toEqual(all); // a second reading is the same (views are built afresh)
  });

  test('some are recent, touched again later, hidden, recovered, without people or without an e-mail', () => {
    const count = (p: (c: AbandonedCart) => boolean) => all.filter(p).length;
    expect(count((c) => c.createTimestamp >= NOW_S - 6 * HOUR_S && c.recoveredOrderId === undefined)).toBeGreaterThan(
      3,
    );
    expect(
      count((c) => c.updateTimestamp > c.createTimestamp && c.recoveredOrderId === undefined && !c.hidden),
    ).toBeGreaterThan(5);
    expect(count((c) => c.hidden)).toBeGreaterThan(0);
    expect(count((c) => c.recoveredOrderId !== undefined)).toBe(30); // a fifth
    expect(count((c) => c.billingPerson === undefined && c.shippingPerson === undefined)).toBeGreaterThan(5);
    expect(count((c) => c.email === '')).toBeGreaterThan(0);
    expect(count((c) => c.customerId !== undefined)).toBeGreaterThan(10);
    expect(count((c) => c.discountCoupon !== undefined && c.couponDiscount > 0)).toBeGreaterThan(5);
    expect(count((c) => c.shippingOption !== undefined && c.paymentMethod !== undefined)).toBeGreaterThan(100);
  });

  test('items are shaped like order items, and the money adds up like an order’s', () => {
    const itemKeys = new Set(live.sandbox.store.orders.flatMap((o) => o.items.flatMap((i) => Object.keys(i))));
    const problems = all.flatMap((c) => {
      const found: string[] = [];
      if (c.items.length === 0) found.push(`${c.cartId}: no items`);
      for (const item of c.items) {
        const extra = Object.keys(item).filter((k) => !itemKeys.has(k));
        if (extra.length > 0 || typeof item.productId !== 'number' || typeof item.sku !== 'string')
          found.push(`${c.cartId}: item ${JSON.stringify(extra)}`);
      }
      if (cents(c.subtotal) !== sum(c.items.map((i) => cents(i.price * i.quantity))))
        found.push(`${c.cartId}: subtotal`);
      if (cents(c.couponDiscount) !== sum(c.items.map((i) => cents(i.couponAmount))))
        found.push(`${c.cartId}: couponDiscount`);
      if (Math.abs(cents(c.total) - cents(c.totalWithoutTax) - cents(c.tax)) > 1)
        found.push(`${c.cartId}: total − tax`);
      return found;
    });
    expect(problems).toEqual([]);
    for (const field of ['id', 'paymentStatus', 'fulfillmentStatus', 'refunds', 'orderNumber'])
      expect(all.some((c) => field in c)).toBe(false);
  });

  test('a recovered cart is the checkout that became an existing order: same buyer, items and total', () => {
    const recovered = all.filter((c) => c.recoveredOrderId !== undefined);
    for (const cart of recovered) {
      const order = live.sandbox.store.getOrder(cart.recoveredPublicUid!)!;
      expect(order).toBeDefined();
      expect(order.internalId).toBe(cart.recoveredOrderId);
      expect([cart.email, cart.customerId, cart.total, cart.couponDiscount]).toEqual([
        order.email,
        order.customerId,
        order.total,
        order.couponDiscount,
      ]);
      expect(cart.items.map((i) => [i.productId, i.quantity, i.price])).toEqual(
        order.items.map((i) => [i.productId, i.quantity, i.price]),
      );
      expect(cart.createTimestamp).toBeLessThanOrEqual(order.createTimestamp);
      expect(cart.updateTimestamp).toBe(order.createTimestamp);
      expect(cart.refundedAmount).toBe(0);
      expect(order.paymentStatus).not.toBe('INCOMPLETE');
    }
  });
});

describe('GET /carts filters', () => {
  test('showHidden defaults to true (hidden carts are listed); false leaves them out', async () => {
    const hidden = all.filter((c) => c.hidden);
    expect((await live.api.get('/carts', { limit: 1 })).body.total).toBe(all.length);
    expect((await live.api.get('/carts', { limit: 1, showHidden: true })).body.total).toBe(all.length);
    await expectFilter({ showHidden: false }, (c) => !c.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect((await live.api.get('/carts', { showHidden: 'yes' })).status).toBe(400);
  });

  test('createdFrom / createdTo in unix seconds, both bounds inclusive', async () => {
    const from = all[40].createTimestamp;
    const to = all[90].createTimestamp;
    await expectFilter(
      { createdFrom: from, createdTo: to },
      (c) => c.createTimestamp >= from && c.createTimestamp <= to,
    );
  });

  test('updatedFrom / updatedTo, also as "yyyy-MM-dd HH:mm:ss Z" in any offset; malformed dates are a 400', async () => {
    const from = NOW_S - 20 * DAY_S;
    const to = NOW_S - 2 * DAY_S;
    await expectFilter(
      { updatedFrom: from, updatedTo: to },
      (c) => c.updateTimestamp >= from && c.updateTimestamp <= to,
    );
    const asText = new Date((from + 2 * HOUR_S) * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' +0200';
    await expectFilter({ updatedFrom: asText }, (c) => c.updateTimestamp >= from);
    const exact = all.find((c) => c.updateTimestamp > c.createTimestamp)!;
    const atBound = await live.api.all('/carts', {
      updatedFrom: exact.updateTimestamp,
      updatedTo: exact.updateTimestamp,
    });
    expect(cartIdsOf(atBound)).toContain(exact.cartId);
    for (const bad of ['2024-09-04', '2024-09-04T07:22:09Z', 'yesterday']) {
      const answer = await live.api.get('/carts', { updatedFrom: bad });
      expect([bad, answer.status, answer.body.errorCode]).toEqual([bad, 400, 'WRONG_PARAMETER']);
    }
  });

  test('totalFrom / totalTo', async () => {
    await expectFilter({ totalFrom: 40, totalTo: 90.5 }, (c) => c.total >= 40 && c.total <= 90.5);
    const exact = all[3].total;
    const rows = await live.api.all('/carts', { totalFrom: exact, totalTo: exact });
    expect(cartIdsOf(rows)).toContain(all[3].cartId);
  });

  test('couponCode (case-insensitive)', async () => {
    const code = all.find((c) => c.discountCoupon)!.discountCoupon!.code;
    await expectFilter({ couponCode: code.toLowerCase() }, (c) => c.discountCoupon?.code === code);
  });

  test('customer: a customer id, or an e-mail (case-insensitive)', async () => {
    const registered = all.find((c) => c.customerId !== undefined)!;
    await expectFilter({ customer: registered.customerId! }, (c) => c.customerId === registered.customerId);
    const guest = all.find((c) => c.customerId === undefined && c.email !== '')!;
    await expectFilter(
      { customer: guest.email.toUpperCase() },
      (c) => c.email.toLowerCase() === guest.email.toLowerCase(),
    );
    expect((await live.api.get('/carts', { customer: 'nobody@example.org' })).body.total).toBe(0);
  });

  test('filters combine', async () => {
    const from = NOW_S - 30 * DAY_S;
    await expectFilter(
      { createdFrom: from, showHidden: false, totalFrom: 30 },
      (c) => c.createTimestamp >= from && !c.hidden && c.total >= 30,
    );
  });
});

describe('GET /carts paging, row order and responseFields', () => {
  test('the envelope is {total, count, offset, limit, items}; limit is capped at 100; default is the defaultLimit knob', async () => {
    const answer = await live.api.get('/carts', { limit: 250, offset: 5 });
    expect(Object.keys(answer.body).sort()).toEqual(['count', 'items', 'limit', 'offset', 'total']);
    expect(answer.body).toMatchObject({ total: all.length, count: 100, offset: 5, limit: 100 });
    expect((await live.api.get('/carts', { offset: all.length - 3 })).body).toMatchObject({ count: 3, limit: 10 });
    live.sandbox.setKnobs({ defaultLimit: 100 });
    try {
      expect((await live.api.get('/carts')).body).toMatchObject({ limit: 100, count: 100 });
    } finally {
      live.sandbox.setKnobs({ defaultLimit: 10 });
    }
    expect((await live.api.get('/carts', { limit: -1 })).status).toBe(400);
  });

  test('paging with offset visits every cart exactly once, oldest first by default', async () => {
    const rows = await live.api.all('/carts');
    expect(cartIdsOf(rows)).toEqual(cartIdsOf(all));
    expect(rows).toEqual(all);
  });

  test('row order follows the orderRowOrder knob: newest, shuffled per request', async () => {
    try {
      live.sandbox.setKnobs({ orderRowOrder: 'newest' });
      expect(cartIdsOf(await live.api.all('/carts'))).toEqual(cartIdsOf(all).reverse());
      live.sandbox.setKnobs({ orderRowOrder: 'shuffled' });
      const first = cartIdsOf((await live.api.get('/carts', { limit: 100 })).body.items);
      const second = cartIdsOf((await live.api.get('/carts', { limit: 100 })).body.items);
      expect(first).not.toEqual(second);
      expect(new Set(first).size).toBe(100);
    } finally {
      live.sandbox.setKnobs({ orderRowOrder: 'oldest' });
    }
  });

  test('responseFields trims the envelope and each cart (what a dedupe poll asks for)', async () => {
    const answer = await live.api.get('/carts', {
      limit: 5,
      responseFields: 'total,items(cartId,updateTimestamp,hidden,recoveredOrderId,items(sku))',
    });
    expect(Object.keys(answer.body)).toEqual(['total', 'items']);
    for (const cart of answer.body.items) {
      expect(
        Object.keys(cart).every((k) =>
          ['cartId', 'updateTimestamp', 'hidden', 'recoveredOrderId', 'items'].includes(k),
        ),
      ).toBe(true);
      for (const item of cart.items) expect(Object.keys(item)).toEqual(['sku']);
    }
  });
});

describe('one cart', () => {
  test('GET /carts/{cartId} is the search row; unknown ids are 404 CART_NOT_FOUND', async () => {
    const cart = all.find((c) => c.recoveredOrderId !== undefined)!;
    expect((await live.api.get(`/carts/${cart.cartId}`)).body).toEqual(cart);
    expect((await live.api.get(`/carts/${cart.cartId}`, { responseFields: 'cartId,total' })).body).toEqual({
      cartId: cart.cartId,
      total: cart.total,
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'NOPE']) {
      const answer = await live.api.get(`/carts/${id}`);
      expect([answer.status, answer.body.errorCode]).toEqual([404, 'CART_NOT_FOUND']);
    }
  });

  test('PUT /carts/{cartId} with hidden hides or restores it and stamps the update time; validates its body', async () => {
    const cart = all.find((c) => !c.hidden && c.recoveredOrderId === undefined)!;
    live.sandbox.clock.set(NOW + 60_000);
    expect(await live.api.send('PUT', `/carts/${cart.cartId}`, { hidden: true })).toMatchObject({
      status: 200,
      body: { updateCount: 1 },
    });
    const hidden = (await live.api.get(`/carts/${cart.cartId}`)).body;
    expect(hidden).toEqual({
      ...cart,
      hidden: true,
      updateTimestamp: NOW_S + 60,
      updateDate: '2024-09-04 12:01:00 +0000',
    });
    expect(cartIdsOf(await live.api.all('/carts', { showHidden: false }))).not.toContain(cart.cartId);
    expect(cartIdsOf(await live.api.all('/carts', { updatedFrom: NOW_S + 60 }))).toEqual([cart.cartId]);
    await live.api.send('PUT', `/carts/${cart.cartId}`, { hidden: false });
    expect(cartIdsOf(await live.api.all('/carts', { showHidden: false }))).toContain(cart.cartId);

    expect((await live.api.send('PUT', `/carts/${cart.cartId}`, { hidden: 'yes' })).status).toBe(400);
    expect(
      (await live.api.send('PUT', `/carts/${cart.cartId}`, 'hidden=true', 'application/x-www-form-urlencoded')).status,
    ).toBe(415);
    expect((await live.api.send('PUT', '/carts/NOPE', { hidden: true })).body.errorCode).toBe('CART_NOT_FOUND');
    expect((await live.api.send('DELETE', `/carts/${cart.cartId}`)).status).toBe(405);
  });
});

describe('carts over virtual time (store methods and admin HTTP)', () => {
  test('createCart, touchCart and recoverCart act at the clock’s time; recovery places a real order', async () => {
    const store = live.sandbox.store;
    live.sandbox.clock.set(NOW + 3_600_000);
    const cart = store.createCart({ customerId: null });
    expect([cart.createTimestamp, cart.updateTimestamp, cart.customerId, cart.hidden]).toEqual([
      NOW_S + 3600,
      NOW_S + 3600,
      undefined,
      false,
    ]);
    expect(UUID.test(cart.cartId)).toBe(true);
    expect(cartIdsOf(await live.api.all('/carts', { createdFrom: NOW_S + 3600 }))).toEqual([cart.cartId]);

    live.sandbox.clock.advance(600_000);
    const touched = store.touchCart(cart.cartId);
    expect([touched.createTimestamp, touched.updateTimestamp]).toEqual([NOW_S + 3600, NOW_S + 4200]);
    expect({ ...touched, updateTimestamp: 0, updateDate: '' }).toEqual({ ...cart, updateTimestamp: 0, updateDate: '' }); // only the time moved

    live.sandbox.clock.advance(600_000);
    const ordersBefore = store.orderCount;
    const order: Order = store.recoverCart(cart.cartId, 'PAID');
    expect(store.orderCount).toBe(ordersBefore + 1);
    expect([order.createTimestamp, order.paymentStatus, order.fulfillmentStatus, order.email, order.total]).toEqual([
      NOW_S + 4800,
      'PAID',
      'AWAITING_PROCESSING',
      cart.email,
      cart.total,
    ]);
    expect(order.items.map((i) => i.sku)).toEqual(cart.items.map((i) => i.sku));
    expect((await live.api.get(`/orders/${order.id}`)).body).toEqual(order);
    const after = (await live.api.get(`/carts/${cart.cartId}`)).body;
    expect(after).toMatchObject({
      recoveredOrderId: order.internalId,
      recoveredPublicUid: order.id,
      updateTimestamp: NOW_S + 4800,
    });
    expect(() => store.recoverCart(cart.cartId)).toThrow(/already/);
    expect((await live.api.get('/latest-stats')).body.abandonedSalesUpdated).toBe('2024-09-04 13:20:00 +0000');
  });

  test('POST /__sandbox/carts leaves carts at the clock’s time for another process', async () => {
    live.sandbox.clock.set(NOW + 7_200_000);
    const customer = live.sandbox.store.customers[0];
    const admin = (body: unknown) =>
      call(`${live.sandbox.url}/__sandbox/carts`, { method: 'POST', body: JSON.stringify(body) });
    const { cartIds } = (await admin({ count: 2, customerId: customer.id })).body;
    expect(cartIds).toHaveLength(2);
    for (const cartId of cartIds) {
      expect((await live.api.get(`/carts/${cartId}`)).body).toMatchObject({
        cartId,
        createTimestamp: NOW_S + 7200,
        customerId: customer.id,
        email: customer.email,
      });
    }
    expect((await admin({})).body.cartIds).toHaveLength(1);
    expect((await admin({ count: 0 })).status).toBe(400);
    expect((await admin({ customerId: 1 })).status).toBe(400);
  });
});
