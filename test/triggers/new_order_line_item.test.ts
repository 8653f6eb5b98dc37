import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import newOrderLineItem from '../../triggers/new_order_line_item.js';
import { LINE_ITEM_OUTPUT_FIELDS, LINE_ITEM_OUTPUT_SAMPLE } from '../../lib/orders/line-item-records.js';
import { POLL_MAX_OUTPUT_BYTES } from '../../lib/polling/output-bound.js';
import { DAY, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { ECWID_SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../fake-ecwid.js';
import { ecwidDate, ecwidGet, liveProblems, liveWindowQuery, page, poll, refusalOf, windowQuery } from '../helpers.js';
import { NOW, testTrigger, useOfflineStore } from './trigger-fixtures.js';

useOfflineStore();

const item = (id: number | undefined, sku: string, quantity = 1) => ({
  ...(id === undefined ? {} : { id }),
  productId: 100 + (id ?? 0),
  sku,
  name: `Product ${sku}`,
  price: 10,
  quantity,
});

const order = (n: number, createdAgo: number, items: unknown[], extra: Partial<FakeRecord> = {}): FakeRecord => ({
  id: `SHOP-${String(n).padStart(5, '0')}`,
  createTimestamp: NOW - createdAgo,
  updateTimestamp: NOW - createdAgo,
  createDate: ecwidDate(NOW - createdAgo),
  paymentStatus: 'PAID',
  fulfillmentStatus: 'AWAITING_PROCESSING',
  items,
  ...extra,
});

describe('New Order Line Item: the exact query and the output', () => {
  test('a live poll reads orders placed in the last three days, once; one record per item, the order flattened onto each', async () => {
    const full = { ...ECWID_SAMPLE_ORDER, createTimestamp: NOW - 60, updateTimestamp: NOW - 60 };
    ecwidGet('/orders', liveWindowQuery(NOW, 'created')).reply(200, page([order(2, 3600, [item(21, 'A')]), full]));
    const result = await poll(newOrderLineItem);
    expect(result.map((r) => r.id)).toEqual(['SHOP-X8UYE:1', 'SHOP-X8UYE:2', 'SHOP-00002:21']);
    expect(result[0]).toEqual({
      id: 'SHOP-X8UYE:1',
      itemId: 1,
      position: 1,
      productId: 7011,
      sku: 'TEE-BLK-L',
      name: 'Organic T-shirt',
      options: 'Size: L; Color: Black',
      quantity: 2,
      price: 20,
      priceWithoutTax: 20,
      lineTotal: 40,
      tax: 3.42,
      taxRate: 10,
      taxNames: 'VAT',
      couponAmount: 4,
      discountAmount: 1.8,
      digital: false,
      imageUrl: 'https://images.example.com/tee-black.jpg',
      orderId: 'SHOP-X8UYE',
      orderInternalId: 516723402,
      orderCreateDate: '2026-11-02T14:05:09+00:00',
      orderUpdateDate: '2026-11-02T14:07:41+00:00',
      orderPaymentStatus: 'PAID',
      orderFulfillmentStatus: 'AWAITING_PROCESSING',
      orderPaymentMethod: 'Credit or debit card',
      orderSubtotal: 60,
      orderTax: 6.1,
      orderTotal: 67.1,
      orderCurrency: 'NZD',
      orderCouponCode: 'WELCOME10',
      orderItemCount: 2,
      orderEmail: 'jane.doe@example.com',
      orderCustomerId: 277225117,
      orderCustomerName: 'Jane Doe',
      orderCustomerPhone: '+64 4 555 0101',
      orderShippingMethod: 'Standard shipping',
      orderShippingName: 'Jane Doe',
      orderShippingCompany: 'Doe Studio',
      orderShippingStreet: '12 Harbour Road',
      orderShippingCity: 'Wellington',
      orderShippingRegion: 'WGN',
      orderShippingPostalCode: '6011',
      orderShippingCountryCode: 'NZ',
      orderShippingPhone: '+64 4 555 0101',
    });
    // Zapier's live checks: the same keys and types as the static sample, on every record, even a sparse order.
    expect(liveProblems('new_order_line_item', LINE_ITEM_OUTPUT_SAMPLE, result, LINE_ITEM_OUTPUT_FIELDS)).toEqual([]);
    expect(result[2]).toMatchObject({
      orderEmail: '',
      orderCustomerId: null,
      orderShippingName: '',
      orderCreateDate: ecwidDate(NOW - 3600)
        .replace(' ', 'T')
        .replace(' +0000', '+00:00'),
    });
  });

  test('an item without an Ecwid id is named by its position; an order without items gives nothing', async () => {
    ecwidGet('/orders', true).reply(
      200,
      page([order(1, 60, [item(undefined, 'A'), item(undefined, 'B')]), order(2, 30, [])]),
    );
    expect((await poll(newOrderLineItem)).map((r) => [r.id, r.itemId, r.position])).toEqual([
      ['SHOP-00001:#1', null, 1],
      ['SHOP-00001:#2', null, 2],
    ]);
  });

  test('with statuses chosen, orders are read by update time with the statuses as filters (as New Order does)', async () => {
    ecwidGet('/orders', liveWindowQuery(NOW, 'updated', { paymentStatus: 'PAID' })).reply(
      200,
      page([
        order(1, 10 * DAY, [item(1, 'A')], { updateTimestamp: NOW - 60 }),
        order(2, 60, [item(2, 'B')], { paymentStatus: 'AWAITING_PAYMENT' }),
      ]),
    );
    // the second order came back although it is not paid: it must not fire
    expect((await poll(newOrderLineItem, { paymentStatus: ['Paid'] })).map((r) => r.id)).toEqual(['SHOP-00001:1']);
  });

  test('an unknown status names the field, before any request', async () => {
    expect(await refusalOf(poll(newOrderLineItem, { paymentStatus: 'Paid-ish' }))).toMatch(
      /^The Payment Status field has "Paid-ish", which is not an Ecwid status/,
    );
  });
});

describe('never miss, never repeat, whatever the row order', () => {
  const store = () =>
    Array.from({ length: 180 }, (_, i) =>
      order(i + 1, 3600 * 30 - i * 60, [item(i * 10 + 1, `A${i}`), item(i * 10 + 2, `B${i}`, 3)]),
    );

  test.each<RowOrder>(['oldest', 'newest', 'shuffled'])(
    'rows %s first: every item of every order once, newest order first',
    async (rowOrder) => {
      const endpoint = fakeSearch('/orders', store(), { rowOrder, seed: 5 });
      const ids = (await poll(newOrderLineItem)).map((r) => r.id);
      expect(ids).toHaveLength(360);
      expect(new Set(ids).size).toBe(360);
      expect(ids.slice(0, 4)).toEqual(['SHOP-00180:1791', 'SHOP-00180:1792', 'SHOP-00179:1781', 'SHOP-00179:1782']);
      expect(endpoint.queries.length).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
    },
  );
});

describe('Test trigger and turning the Zap on', () => {
  test('the dedupe-seeding poll reads item ids only, of the live window, and returns every item id', async () => {
    nock.cleanAll(); // no profile stub: turning the Zap on needs no currency, and any other request would fail
    const endpoint = fakeSearch('/orders', [
      order(1, 2 * DAY, [item(1, 'A'), item(2, 'B')]),
      order(2, 4 * DAY, [item(3, 'C')]),
    ]);
    const result = await poll(newOrderLineItem, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries).toEqual([
      windowQuery('created', NOW - 3 * DAY, NOW, {
        responseFields:
          'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus,items(id))',
      }),
    ]);
    expect(result).toEqual([{ id: 'SHOP-00001:1' }, { id: 'SHOP-00001:2' }]);
  });

  test('"Test trigger" returns at most 3 items, from the newest orders, in at most 3 requests', async () => {
    const quiet = [
      order(1, 380 * DAY, [item(1, 'A'), item(2, 'B')]),
      order(2, 370 * DAY, [item(3, 'C'), item(4, 'D')]),
    ];
    const { shown, requests } = await testTrigger(newOrderLineItem, '/orders', quiet);
    expect(shown.map((r) => r.id)).toEqual(['SHOP-00002:3', 'SHOP-00002:4', 'SHOP-00001:1']);
    expect(requests).toBeLessThanOrEqual(3);
  });

  test('bundle.meta.limit is honoured in items', async () => {
    fakeSearch(
      '/orders',
      Array.from({ length: 5 }, (_, i) => order(i + 1, 100 + i, [item(i * 2 + 1, 'A'), item(i * 2 + 2, 'B')])),
    );
    expect(await poll(newOrderLineItem, {}, { limit: 3 })).toHaveLength(3);
  });
});

describe('New Order Line Item: a poll stays within what Zapier accepts', () => {
  test("heavy orders are cut whole under 5 MB: an order's items fire together or wait together", async () => {
    // 600 orders of 3 items with long names: ~20 KB of output an order
    const long = (id: number, sku: string) => ({ ...item(id, sku), name: sku.repeat(6000) });
    const heavy = Array.from({ length: 600 }, (_, i) =>
      order(i + 1, 60 + i * 60, [long(1, 'A'), long(2, 'B'), long(3, 'C')]),
    );
    fakeSearch('/orders', heavy, { rowOrder: 'shuffled' });
    const result = await poll(newOrderLineItem);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(POLL_MAX_OUTPUT_BYTES);
    expect(result.length).toBeGreaterThan(100);
    expect(result.length % 3).toBe(0);
    const orders = [...new Set(result.map((r) => String(r.id).split(':')[0]))];
    // the newest orders, each with all three of its items
    expect(orders).toEqual(heavy.slice(0, orders.length).map((o) => o.id));
    expect(result.length).toBe(orders.length * 3);
  });
});
