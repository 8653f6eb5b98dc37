/** `GET/PUT /orders…`: every filter against a brute-force reading of the store, row order, paging, responseFields. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Order } from '../../../tools/sandbox/store.js';
import { DAY_S, expectFilterPicks, HOUR_S, idsOf, NOW_S, type Query, sortedIds, useTestSandbox } from './helpers.js';

const live = useTestSandbox({ seed: 5, orders: 400, orderIdPrefix: 'SHOP-' });
/** Every order (abandoned included), as the store holds them at the start. */
let all: Order[];
/** What a search returns by default: abandoned checkouts are left out. */
let visible: Order[];

beforeAll(() => {
  all = live.sandbox.store.orders;
  visible = all.filter((o) => o.paymentStatus !== 'INCOMPLETE');
});

/** The API's answer to a filter, all pages, compared as a set with the orders the predicate picks. */
const expectFilter = (query: Query, pick: (order: Order) => boolean): Promise<Order[]> =>
  expectFilterPicks(live.api, '/orders', query, visible, pick);

describe('GET /orders filters', () => {
  test('createdFrom / createdTo in unix seconds, both bounds inclusive', async () => {
    const from = all[100].createTimestamp;
    const to = all[200].createTimestamp;
    await expectFilter(
      { createdFrom: from, createdTo: to },
      (o) => o.createTimestamp >= from && o.createTimestamp <= to,
    );
  });

  test('date filters also take "yyyy-MM-dd HH:mm:ss Z" in any offset', async () => {
    const from = NOW_S - 10 * DAY_S;
    const asText = new Date((from + 2 * HOUR_S) * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' +0200';
    const rows = await expectFilter({ createdFrom: asText }, (o) => o.createTimestamp >= from);
    expect(rows.length).toBe(visible.filter((o) => o.createTimestamp >= from).length);
  });

  test('malformed dates are a 400 WRONG_PARAMETER — milliseconds are not rejected but find nothing', async () => {
    for (const bad of ['2024-09-04', '2024-09-04T07:22:09Z', '2024-09-04 07:22:09  0000', 'yesterday']) {
      const answer = await live.api.get('/orders', { createdFrom: bad });
      expect([bad, answer.status, answer.body.errorCode]).toEqual([bad, 400, 'WRONG_PARAMETER']);
    }
    expect((await live.api.get('/orders', { createdFrom: NOW_S * 1000 })).body.total).toBe(0);
  });

  test('updatedFrom / updatedTo', async () => {
    const from = NOW_S - 5 * DAY_S;
    const to = NOW_S - DAY_S;
    await expectFilter(
      { updatedFrom: from, updatedTo: to },
      (o) => o.updateTimestamp >= from && o.updateTimestamp <= to,
    );
  });

  test('ids (comma list of string ids)', async () => {
    const wanted = [visible[3].id, visible[50].id];
    await expectFilter({ ids: wanted.join(',') }, (o) => wanted.includes(o.id));
    expect(wanted[0]).toMatch(/^SHOP-/);
  });

  test('keywords: item SKU, buyer name, e-mail or order id, case-insensitive', async () => {
    const sku = visible[10].items[0].sku;
    await expectFilter({ keywords: sku.toLowerCase() }, (o) => o.items.some((i) => i.sku === sku));
    const named = visible.find((o) => o.billingPerson?.lastName === 'Patel' || o.billingPerson?.lastName === 'Smith')!;
    const last = named.billingPerson!.lastName!;
    const rows = await live.api.all('/orders', { keywords: last.toUpperCase() });
    expect(sortedIds(rows)).toContain(named.id);
    expect(rows.every((o: Order) => JSON.stringify(o).toLowerCase().includes(last.toLowerCase()))).toBe(true);
  });

  test('email: exact, case-insensitive', async () => {
    const email = visible.find((o) => o.customerId !== undefined && o.email !== '')!.email;
    await expectFilter({ email: email.toUpperCase() }, (o) => o.email.toLowerCase() === email.toLowerCase());
  });

  test('customerId, productId', async () => {
    const customerId = visible.find((o) => o.customerId !== undefined)!.customerId!;
    await expectFilter({ customerId }, (o) => o.customerId === customerId);
    const productId = visible[0].items[0].productId;
    await expectFilter({ productId }, (o) => o.items.some((i) => i.productId === productId));
  });

  test('totalFrom / totalTo', async () => {
    await expectFilter({ totalFrom: 50, totalTo: 100.5 }, (o) => o.total >= 50 && o.total <= 100.5);
  });

  test('paymentMethod, shippingMethod, couponCode', async () => {
    await expectFilter({ paymentMethod: 'PayPal' }, (o) => o.paymentMethod === 'PayPal');
    await expectFilter({ shippingMethod: 'Express' }, (o) => o.shippingOption?.shippingMethodName === 'Express');
    const code = visible.find((o) => o.discountCoupon)!.discountCoupon!.code;
    await expectFilter({ couponCode: code }, (o) => o.discountCoupon?.code === code);
  });

  test('paymentStatus and fulfillmentStatus take comma lists; unknown values are a 400', async () => {
    await expectFilter({ paymentStatus: 'REFUNDED,CANCELLED' }, (o) =>
      ['REFUNDED', 'CANCELLED'].includes(o.paymentStatus),
    );
    await expectFilter({ fulfillmentStatus: 'SHIPPED,PROCESSING' }, (o) =>
      ['SHIPPED', 'PROCESSING'].includes(o.fulfillmentStatus),
    );
    await expectFilter(
      { paymentStatus: 'PAID', fulfillmentStatus: 'DELIVERED' },
      (o) => o.paymentStatus === 'PAID' && o.fulfillmentStatus === 'DELIVERED',
    );
    const bad = await live.api.get('/orders', { paymentStatus: 'PAID,SETTLED' });
    expect([bad.status, bad.body.errorCode]).toEqual([400, 'WRONG_PARAMETER']);
  });

  test('abandoned (INCOMPLETE) orders appear only when paymentStatus asks for them', async () => {
    const abandoned = all.filter((o) => o.paymentStatus === 'INCOMPLETE');
    expect(abandoned.length).toBeGreaterThan(0);
    expect((await live.api.get('/orders', { limit: 1 })).body.total).toBe(visible.length);
    const rows = await live.api.all('/orders', { paymentStatus: 'INCOMPLETE' });
    expect(sortedIds(rows)).toEqual(sortedIds(abandoned));
    expect((await live.api.get('/orders', { paymentStatus: 'INCOMPLETE,PAID', limit: 1 })).body.total).toBe(
      all.filter((o) => ['INCOMPLETE', 'PAID'].includes(o.paymentStatus)).length,
    );
  });
});

describe('GET /orders paging and row order', () => {
  test('the envelope is {total, count, offset, limit, items}; limit is capped at 100', async () => {
    const answer = await live.api.get('/orders', { limit: 250, offset: 5 });
    expect(Object.keys(answer.body).sort()).toEqual(['count', 'items', 'limit', 'offset', 'total']);
    expect(answer.body).toMatchObject({ total: visible.length, count: 100, offset: 5, limit: 100 });
    expect(answer.body.items).toHaveLength(100);
    const tail = await live.api.get('/orders', { offset: visible.length - 3, limit: 100 });
    expect([tail.body.count, tail.body.items.length]).toEqual([3, 3]);
    expect((await live.api.get('/orders', { limit: -1 })).status).toBe(400);
    expect((await live.api.get('/orders', { offset: 'x' })).status).toBe(400);
  });

  test('without limit the page size is the defaultLimit knob (10 by default, older docs); the knob can say 100', async () => {
    expect((await live.api.get('/orders')).body).toMatchObject({ limit: 10, count: 10 });
    live.sandbox.setKnobs({ defaultLimit: 100 });
    try {
      expect((await live.api.get('/orders')).body).toMatchObject({ limit: 100, count: 100 });
    } finally {
      live.sandbox.setKnobs({ defaultLimit: 10 });
    }
  });

  test('paging with offset visits every order exactly once', async () => {
    const rows = await live.api.all('/orders');
    expect(rows).toHaveLength(visible.length);
    expect(new Set(idsOf(rows)).size).toBe(visible.length);
  });

  test('row order follows the orderRowOrder knob: oldest (default), newest, shuffled per request', async () => {
    const created = (rows: Order[]) => rows.map((o) => o.createTimestamp);
    const ascending = [...created(visible)].sort((a, b) => a - b);
    expect(created(await live.api.all('/orders'))).toEqual(ascending);
    live.sandbox.setKnobs({ orderRowOrder: 'newest' });
    expect(created(await live.api.all('/orders'))).toEqual([...ascending].reverse());
    live.sandbox.setKnobs({ orderRowOrder: 'shuffled' });
    const first = (await live.api.get('/orders', { limit: 100 })).body.items as Order[];
    const second = (await live.api.get('/orders', { limit: 100 })).body.items as Order[];
    expect(idsOf(first)).not.toEqual(idsOf(second));
    expect(created(first)).not.toEqual([...created(first)].sort((a, b) => a - b));
    const everything = await live.api.all('/orders');
    expect(new Set(idsOf(everything)).size).toBeGreaterThan(visible.length * 0.5); // pages of different shuffles
    live.sandbox.setKnobs({ orderRowOrder: 'oldest' });
  });
});

describe('responseFields', () => {
  test('keeps only the named fields, at any depth', async () => {
    const answer = await live.api.get('/orders', {
      limit: 3,
      responseFields: 'total,items(id,email,total,billingPerson(name),items(sku))',
    });
    expect(Object.keys(answer.body)).toEqual(['total', 'items']);
    for (const order of answer.body.items) {
      expect(Object.keys(order).every((k) => ['id', 'email', 'total', 'billingPerson', 'items'].includes(k))).toBe(
        true,
      );
      if (order.billingPerson) expect(Object.keys(order.billingPerson)).toEqual(['name']);
      for (const item of order.items) expect(Object.keys(item)).toEqual(['sku']);
    }
    const one = await live.api.get(`/orders/${visible[0].id}`, { responseFields: 'id,total' });
    expect(one.body).toEqual({ id: visible[0].id, total: visible[0].total });
  });

  test('a malformed selection is a 400', async () => {
    for (const bad of ['items(id', 'total,,count', 'items)', 'a b']) {
      expect((await live.api.get('/orders', { responseFields: bad })).status).toBe(400);
    }
  });
});

describe('one order', () => {
  test('GET /orders/{id} by the string id; internalId and unknown ids are ORDER_NOT_FOUND', async () => {
    const order = visible[7];
    expect((await live.api.get(`/orders/${order.id}`)).body).toEqual(order);
    for (const id of [String(order.internalId), 'SHOP-NOPE1']) {
      const answer = await live.api.get(`/orders/${id}`);
      expect([answer.status, answer.body.errorCode]).toEqual([404, 'ORDER_NOT_FOUND']);
    }
  });

  test('GET /orders/last is the newest order that is not abandoned', async () => {
    const newest = [...visible].sort((a, b) => b.createTimestamp - a.createTimestamp || b.internalId - a.internalId)[0];
    expect((await live.api.get('/orders/last')).body.id).toBe(newest.id);
  });

  test('PUT /orders/{id} changes only the given fields and stamps the update time', async () => {
    const before = visible.find((o) => o.paymentStatus === 'PAID' && o.fulfillmentStatus === 'PROCESSING')!;
    live.sandbox.clock.advance(90_000);
    const answer = await live.api.send('PUT', `/orders/${before.id}`, {
      fulfillmentStatus: 'SHIPPED',
      trackingNumber: 'TRACK-1',
      total: 0.01,
      id: 'HACKED',
    });
    expect(answer).toMatchObject({ status: 200, body: { updateCount: 1 } });
    const after = (await live.api.get(`/orders/${before.id}`)).body;
    const nowS = live.sandbox.clock.nowSeconds();
    expect(after).toEqual({
      ...before,
      fulfillmentStatus: 'SHIPPED',
      trackingNumber: 'TRACK-1',
      updateTimestamp: nowS,
      updateDate: expect.any(String),
    });
    expect(after.updateDate).not.toBe(before.updateDate);
    const changed = await live.api.all('/orders', { updatedFrom: nowS });
    expect(idsOf(changed)).toEqual([before.id]);
  });

  test('PUT validates statuses, needs JSON, and 404s on unknown orders', async () => {
    const id = visible[1].id;
    expect((await live.api.send('PUT', `/orders/${id}`, { paymentStatus: 'SETTLED' })).body.errorCode).toBe(
      'WRONG_PARAMETER',
    );
    expect((await live.api.send('PUT', `/orders/${id}`, { email: 42 })).status).toBe(400);
    expect((await live.api.send('PUT', `/orders/${id}`, '{"paymentStatus":')).status).toBe(400);
    expect(
      (await live.api.send('PUT', `/orders/${id}`, 'paymentStatus=PAID', 'application/x-www-form-urlencoded')).status,
    ).toBe(415);
    expect((await live.api.send('PUT', `/orders/NOPE`, { paymentStatus: 'PAID' })).body.errorCode).toBe(
      'ORDER_NOT_FOUND',
    );
  });
});
