import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import nock from 'nock';
import newOrder from '../../triggers/new_order.js';
import { clearProfileCache } from '../../lib/ecwid/client.js';
import newPaidOrder from '../../triggers/new_paid_order.js';
import { POLL_MAX_OUTPUT_BYTES } from '../../lib/polling/output-bound.js';
import { DAY, DEDUPE_MAX_REQUESTS, POLL_LOOKBACK_SECONDS, POLL_MAX_RECORDS, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { ORDER_DEDUPE_FIELDS } from '../../lib/orders/window.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../fake-ecwid.js';
import { API, API_PATH, bundleFor, offline, rejectionOf, resetEnv, run, shownMessage, stubProfile, freshCaches } from '../helpers.js';

const NOW = 1_800_000_000; // fixed clock, unix seconds

beforeEach(() => {
  offline();
  resetEnv();
  freshCaches();
  stubProfile('NZD');
  jest.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
});
afterEach(() => {
  jest.restoreAllMocks();
  nock.cleanAll();
});

const order = (n: number, createdAgo: number, extra: Partial<FakeRecord> = {}): FakeRecord => ({
  id: `SHOP-${String(n).padStart(5, '0')}`,
  createTimestamp: NOW - createdAgo,
  updateTimestamp: NOW - createdAgo,
  createDate: '2027-01-15 08:00:00 +0000',
  paymentStatus: 'AWAITING_PAYMENT',
  fulfillmentStatus: 'AWAITING_PROCESSING',
  items: [],
  ...extra,
});

const poll = (trigger: any, inputData = {}, meta = {}) =>
  run(trigger.operation.perform, bundleFor(inputData, meta)) as Promise<Array<Record<string, any>>>;

describe('New Order: the exact query', () => {
  test('a live poll asks once for orders created in the last three days', async () => {
    nock(API)
      .get(`${API_PATH}/orders`)
      .query({ createdFrom: String(NOW - POLL_LOOKBACK_SECONDS), createdTo: String(NOW), offset: '0', limit: '100' })
      .reply(200, { total: 1, count: 1, offset: 0, limit: 100, items: [order(1, 60)] });
    const result = await poll(newOrder);
    expect(result.map((o) => o.id)).toEqual(['SHOP-00001']);
    expect(result[0].createDate).toBe('2027-01-15T08:00:00+00:00');
  });

  test('with statuses chosen, it asks for orders updated in the window with those statuses', async () => {
    nock(API)
      .get(`${API_PATH}/orders`)
      .query({
        updatedFrom: String(NOW - POLL_LOOKBACK_SECONDS),
        updatedTo: String(NOW),
        paymentStatus: 'PAID',
        fulfillmentStatus: 'SHIPPED,DELIVERED',
        offset: '0',
        limit: '100',
      })
      .reply(200, { total: 0, count: 0, offset: 0, limit: 100, items: [] });
    expect(await poll(newOrder, { paymentStatus: ['PAID'], fulfillmentStatus: ['SHIPPED', 'Delivered'] })).toEqual([]);
  });

  test('New Paid Order asks for PAID orders by update time', async () => {
    nock(API)
      .get(`${API_PATH}/orders`)
      .query({ updatedFrom: String(NOW - POLL_LOOKBACK_SECONDS), updatedTo: String(NOW), paymentStatus: 'PAID', offset: '0', limit: '100' })
      .reply(200, { total: 0, count: 0, offset: 0, limit: 100, items: [] });
    expect(await poll(newPaidOrder)).toEqual([]);
  });

  test('an unknown status names the field and the choices, before any request', async () => {
    const error = await rejectionOf(poll(newOrder, { paymentStatus: 'Paid, Sort of' }));
    expect(shownMessage(error)).toMatch(/^The Payment Status field has "Sort of", which is not an Ecwid status\. Choose from: Awaiting payment, Paid/);
  });
});

describe('never miss, never repeat, whatever the row order', () => {
  const store = [
    ...Array.from({ length: 250 }, (_, i) => order(i + 1, 3600 * 40 - i * 60)), // 250 in the window, a burst
    ...Array.from({ length: 30 }, (_, i) => order(1000 + i, 10 * DAY + i)), // older than the window
  ];

  test.each<RowOrder>(['oldest', 'newest', 'shuffled'])('rows %s first: the same answer, newest first, every window order', async (rowOrder) => {
    const endpoint = fakeSearch('/orders', store, { rowOrder });
    const result = await poll(newOrder);
    const ids = result.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(250);
    // newest first
    const created = result.map((o) => o.createTimestamp);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(ids[0]).toBe('SHOP-00250');
    // the newest 100 are all there, and nothing outside the window
    expect(ids.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, i) => `SHOP-${String(250 - i).padStart(5, '0')}`));
    expect(ids.some((id) => id >= 'SHOP-01000')).toBe(false);
    if (rowOrder === 'shuffled') {
      // rows listed differently on every request: offset pages can't be trusted, so the window is cut by time
      expect(endpoint.queries.length).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
      expect(endpoint.queries.slice(3).every((q) => q.offset === '0')).toBe(true);
    } else {
      // a stable row order: three pages, checked complete (250 distinct ids = total)
      expect(endpoint.queries.map((q) => q.offset)).toEqual(['0', '100', '200']);
    }
  });

  test('the same poll gives the same answer under every row order', async () => {
    const answers = [];
    for (const rowOrder of ['oldest', 'newest', 'shuffled'] as RowOrder[]) {
      fakeSearch('/orders', store, { rowOrder, seed: 99 });
      answers.push((await poll(newOrder)).map((o) => o.id));
      nock.cleanAll();
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  test('an order paid now but placed 10 days ago is in the next New Paid Order poll', async () => {
    fakeSearch('/orders', [
      order(1, 10 * DAY, { paymentStatus: 'PAID', updateTimestamp: NOW - 30 }),
      order(2, 10 * DAY, { paymentStatus: 'AWAITING_PAYMENT', updateTimestamp: NOW - 30 }),
    ]);
    expect((await poll(newPaidOrder)).map((o) => o.id)).toEqual(['SHOP-00001']);
  });

  test('an order that Ecwid returns with the wrong status never fires', async () => {
    nock(API)
      .get(`${API_PATH}/orders`)
      .query(true)
      .reply(200, { total: 2, count: 2, offset: 0, limit: 100, items: [order(1, 60, { paymentStatus: 'PAID' }), order(2, 60, { paymentStatus: 'INCOMPLETE' })] });
    expect((await poll(newPaidOrder)).map((o) => o.id)).toEqual(['SHOP-00001']);
  });

  test('a page that fails fails the whole poll: no partial answer that would let a later order skip ahead', async () => {
    const many = Array.from({ length: 150 }, (_, i) => order(i + 1, 3600 + i));
    nock(API).get(`${API_PATH}/orders`).query((q) => q.offset === '0').reply(200, { total: 150, count: 100, offset: 0, limit: 100, items: many.slice(0, 100) });
    nock(API).get(`${API_PATH}/orders`).query((q) => q.offset === '100').reply(503, '');
    const error = await rejectionOf(poll(newOrder));
    expect(error.name).toBe('ThrottledError');
  });
});

describe('a flood: the window is narrowed to its newest part, within a fixed number of requests', () => {
  test('2,000 orders in three days: the complete newest part is returned, within the request bound', async () => {
    const flood = Array.from({ length: 2000 }, (_, i) => order(i + 1, POLL_LOOKBACK_SECONDS - 1 - i * 120));
    const endpoint = fakeSearch('/orders', flood, { rowOrder: 'shuffled' });
    const result = await poll(newOrder);
    const ids = result.map((o) => o.id);
    expect(endpoint.queries.length).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    expect(ids.length).toBeLessThanOrEqual(POLL_MAX_RECORDS);
    // exactly the newest N, in order
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `SHOP-${String(2000 - i).padStart(5, '0')}`));
  });
});

describe('Test trigger and turning the Zap on', () => {
  test('"Test trigger" returns at most 3, newest first, and finds a year-old order in a quiet store', async () => {
    const endpoint = fakeSearch('/orders', [order(1, 380 * DAY), order(2, 370 * DAY), order(3, 369 * DAY), order(4, 368 * DAY)], { rowOrder: 'shuffled' });
    const result = await poll(newOrder, {}, { isLoadingSample: true });
    expect(result.map((o) => o.id)).toEqual(['SHOP-00004', 'SHOP-00003', 'SHOP-00002']);
    expect(endpoint.queries).toHaveLength(3); // 3 days, 31 days, 400 days
  });

  test('the dedupe-seeding poll reads 90 days of ids only', async () => {
    const endpoint = fakeSearch('/orders', Array.from({ length: 120 }, (_, i) => order(i + 1, (i + 1) * DAY * 0.7, { paymentStatus: 'PAID' })));
    const result = await poll(newPaidOrder, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries[0]).toEqual({
      updatedFrom: String(NOW - 90 * DAY),
      updatedTo: String(NOW),
      paymentStatus: 'PAID',
      responseFields: 'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus)',
      offset: '0',
      limit: '100',
    });
    expect(result).toHaveLength(120); // all within 90 days (the oldest is 84 days old)
    expect(result[0]).toEqual({ id: 'SHOP-00001' });
  });

  test('New Order seeds only the live window: an order created earlier can never enter a later poll', async () => {
    const endpoint = fakeSearch('/orders', Array.from({ length: 40 }, (_, i) => order(i + 1, (i + 1) * DAY * 0.1)));
    const result = await poll(newOrder, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries[0]).toMatchObject({ createdFrom: String(NOW - 3 * DAY), createdTo: String(NOW) });
    expect(result).toHaveLength(30); // created 0.1 … 3.0 days ago (bounds are inclusive)
  });

  test('New Paid Order seeds every paid order of a busy store (5,000 updated in 90 days), ids only', async () => {
    const paid = Array.from({ length: 5000 }, (_, i) => order(i + 1, Math.round((i + 1) * DAY * 0.015), { paymentStatus: 'PAID' }));
    const endpoint = fakeSearch('/orders', paid, { rowOrder: 'shuffled' });
    const result = await poll(newPaidOrder, {}, { isPopulatingDedupe: true });
    expect(new Set(result.map((record) => record.id)).size).toBe(5000);
    expect(endpoint.queries.length).toBeLessThanOrEqual(DEDUPE_MAX_REQUESTS);
    expect(endpoint.queries.every((query) => query.responseFields === ORDER_DEDUPE_FIELDS)).toBe(true);
  });

  test('the seed reads past a second too dense to show complete, so older paid orders are still seeded', async () => {
    // 400 orders paid in one second, listed in a new order on every request: no budget can prove that second complete.
    const dense = Array.from({ length: 400 }, (_, i) => order(i + 1, DAY, { paymentStatus: 'PAID' }));
    const older = Array.from({ length: 300 }, (_, i) => order(1000 + i, 2 * DAY + i * 600, { paymentStatus: 'PAID' }));
    fakeSearch('/orders', [...dense, ...older], { rowOrder: 'shuffled' });
    const seeded = new Set((await poll(newPaidOrder, {}, { isPopulatingDedupe: true })).map((record) => record.id));
    // Before, reading stopped at the dense second and seeded none of them. A few of the closest may still share a
    // slice with that second and stay unread within the budget (each would fire once if it were updated later).
    expect(older.filter((record) => !seeded.has(String(record.id))).length).toBeLessThanOrEqual(10);
    // a live poll still stops at that second: nothing at or before it is returned as if complete
    nock.cleanAll();
    stubProfile('USD');
    fakeSearch('/orders', [...dense, ...older], { rowOrder: 'shuffled' });
    const live = await poll(newPaidOrder);
    expect({ liveOlder: live.filter((record) => older.some((o) => String(o.id) === record.id)).map((r) => r.id) }).toEqual({ liveOlder: [] });
  });

  test('an order shipped while the seed is reading (paid days ago) is seeded all the same', async () => {
    // 2,000 paid orders over 60 days; one paid 40 days ago is shipped just after the seed has read the newest slices
    const paid = Array.from({ length: 2000 }, (_, i) => order(i + 1, 600 + i * 2580, { paymentStatus: 'PAID' }));
    const moved = paid[1500];
    const before = Number(moved.updateTimestamp);
    let endpoint: { queries: unknown[] } = { queries: [] };
    // shipped once the seed has read the newest days (its first dozen requests) and before it reaches 40 days back
    Object.defineProperty(moved, 'updateTimestamp', { get: () => (endpoint.queries.length > 12 ? NOW : before), enumerable: true });
    endpoint = fakeSearch('/orders', paid, { rowOrder: 'shuffled' });
    const seeded = new Set((await poll(newPaidOrder, {}, { isPopulatingDedupe: true })).map((record) => record.id));
    expect(seeded.has(String(moved.id))).toBe(true);
    expect(seeded.size).toBe(2000);
    // the second look asked for what was updated since the seed began
    expect(endpoint.queries).toContainEqual(expect.objectContaining({ updatedFrom: String(NOW), updatedTo: String(NOW) }));
  });

  test('bundle.meta.limit is honoured', async () => {
    fakeSearch('/orders', Array.from({ length: 10 }, (_, i) => order(i + 1, 100 + i)));
    expect(await poll(newOrder, {}, { limit: 4 })).toHaveLength(4);
  });
});

describe('accounting fields on every order', () => {
  test('invoice fields in the store currency; the profile is read once for many polls', async () => {
    nock.cleanAll();
    const profile = stubProfile('EUR');
    fakeSearch('/orders', [order(1, 60, { paymentStatus: 'PAID', items: [{ sku: 'A', name: 'Apple', price: 2.5, quantity: 4, tax: 0 }], subtotal: 10, total: 10 })]);
    const first = await poll(newPaidOrder);
    await poll(newPaidOrder);
    await poll(newOrder);
    expect(profile.reads()).toBe(1);
    // a new process (empty memory) still finds it in Zapier's cache: no request
    clearProfileCache();
    await poll(newOrder);
    expect(profile.reads()).toBe(1);
    expect(first[0]).toMatchObject({ currency: 'EUR', invoiceReference: 'SHOP-00001', invoiceTotal: 10, lineAmountTypes: 'NoTax' });
    expect(first[0].invoiceLines).toEqual([expect.objectContaining({ kind: 'product', itemCode: 'A', quantity: 4, unitAmount: 2.5, lineAmount: 10 })]);
  });

  test('an order without billing, shipping or email still has every contact key, empty', async () => {
    fakeSearch('/orders', [order(1, 60)]);
    const [result] = await poll(newOrder);
    for (const key of ['customerName', 'customerEmail', 'billingAddressLine1', 'shippingCity', 'contactName', 'contactEmail']) {
      expect(result[key]).toBe('');
    }
  });
});

describe('New Order on a busy store: the next poll reads the slices the last one found', () => {
  // ~700 orders a day for three days, listed in a different order on every request
  const busy = Array.from({ length: 2100 }, (_, i) => order(i + 10, 120 + i * 123));
  const newestIds = (store: FakeRecord[]) =>
    [...store].sort((a, b) => Number(b.createTimestamp) - Number(a.createTimestamp)).slice(0, POLL_MAX_RECORDS).map((o) => o.id);

  test('later live polls ask one page per planned slice and still return the complete newest part', async () => {
    let store = busy;
    const asked: number[] = [];
    let last: Array<Record<string, any>> = [];
    let endpoint = fakeSearch('/orders', store, { rowOrder: 'shuffled' });
    for (let round = 0; round < 3; round += 1) {
      nock.cleanAll();
      stubProfile('NZD');
      store = [...store, ...Array.from({ length: 3 }, (_, i) => order(5000 + round * 10 + i, 100 - round * 30 - i))];
      endpoint = fakeSearch('/orders', store, { rowOrder: 'shuffled' });
      last = await poll(newOrder);
      // the complete newest part, whatever was asked
      expect(last.map((o) => o.id)).toEqual(newestIds(store).slice(0, last.length));
      asked.push(endpoint.queries.length);
    }
    expect(last.length).toBeGreaterThanOrEqual(995);
    expect(asked[2]).toBe(12);
    expect(asked[0]).toBeGreaterThan(12);
    // slices, not offset pages, and no two alike
    expect(endpoint.queries.every((query) => query.offset === '0')).toBe(true);
    expect(new Set(endpoint.queries.map((query) => `${query.createdFrom}-${query.createdTo}`)).size).toBe(12);
  });

  test('Test trigger, the Zap-on seed and a filtered Zap on the same store start from the whole window, not the plan', async () => {
    fakeSearch('/orders', busy, { rowOrder: 'shuffled' });
    await poll(newOrder);
    nock.cleanAll();
    stubProfile('NZD');
    const endpoint = fakeSearch('/orders', busy, { rowOrder: 'shuffled' });
    await poll(newOrder, {}, { isLoadingSample: true, limit: 3 });
    await poll(newOrder, {}, { isPopulatingDedupe: true });
    await poll(newOrder, { paymentStatus: ['PAID'] });
    const windowStarts = endpoint.queries.filter((query) => query.offset === '0' && (query.createdTo ?? query.updatedTo) === String(NOW));
    // each of the three began with one request for its whole window
    expect(windowStarts.filter((query) => query.createdFrom === String(NOW - POLL_LOOKBACK_SECONDS) || query.updatedFrom === String(NOW - POLL_LOOKBACK_SECONDS))).toHaveLength(3);
  });
});

describe('New Order: a poll stays within what Zapier accepts', () => {
  test('1,000 heavy orders are cut to the newest whole seconds under 5 MB; the rest wait for the next poll', async () => {
    // long notes and item lists: ~9 KB of output an order, two orders a second
    const heavy = Array.from({ length: 1000 }, (_, i) =>
      order(i + 1, 60 + Math.floor(i / 2) * 60, { orderComments: 'n'.repeat(8000), items: [{ id: 1, sku: 'S', name: 'Thing', quantity: 1, price: 5 }] }),
    );
    fakeSearch('/orders', heavy, { rowOrder: 'shuffled' });
    const result = await poll(newOrder);
    const bytes = Buffer.byteLength(JSON.stringify(result));
    expect(bytes).toBeLessThanOrEqual(POLL_MAX_OUTPUT_BYTES);
    expect(result.length).toBeGreaterThan(400);
    expect(result.length).toBeLessThan(1000);
    // the newest orders, and whole seconds: both orders of the oldest second returned, or neither
    expect(result.map((o) => o.id).sort()).toEqual(heavy.slice(0, result.length).map((o) => String(o.id)).sort());
    expect(result.length % 2).toBe(0);
  });
});
