import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import newOrder from '../../triggers/new_order.js';
import { clearProfileCache } from '../../lib/ecwid/client.js';
import newPaidOrder from '../../triggers/new_paid_order.js';
import { DAY, DEDUPE_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { ORDER_DEDUPE_FIELDS } from '../../lib/orders/window.js';
import { fakeSearch } from '../fake-ecwid.js';
import { stubProfile, poll, liveWindowQuery, ecwidGet } from '../helpers.js';
import { NOW, order, useOfflineStore } from './trigger-fixtures.js';

useOfflineStore();

describe('New Paid Order: the exact query', () => {
  test('a live poll asks for PAID orders by update time', async () => {
    ecwidGet('/orders', liveWindowQuery(NOW, 'updated', { paymentStatus: 'PAID' })).reply(200, {
      total: 0,
      count: 0,
      offset: 0,
      limit: 100,
      items: [],
    });
    expect(await poll(newPaidOrder)).toEqual([]);
  });
});

describe('never miss, never repeat', () => {
  test('an order paid now but placed 10 days ago is in the next New Paid Order poll', async () => {
    fakeSearch('/orders', [
      order(1, 10 * DAY, { paymentStatus: 'PAID', updateTimestamp: NOW - 30 }),
      order(2, 10 * DAY, { paymentStatus: 'AWAITING_PAYMENT', updateTimestamp: NOW - 30 }),
    ]);
    expect((await poll(newPaidOrder)).map((o) => o.id)).toEqual(['SHOP-00001']);
  });

  test('an order that Ecwid returns with the wrong status never fires', async () => {
    ecwidGet('/orders', true).reply(200, {
      total: 2,
      count: 2,
      offset: 0,
      limit: 100,
      items: [order(1, 60, { paymentStatus: 'PAID' }), order(2, 60, { paymentStatus: 'INCOMPLETE' })],
    });
    expect((await poll(newPaidOrder)).map((o) => o.id)).toEqual(['SHOP-00001']);
  });
});

describe('turning the Zap on', () => {
  test('the dedupe-seeding poll reads 90 days of ids only', async () => {
    const endpoint = fakeSearch(
      '/orders',
      Array.from({ length: 120 }, (_, i) => order(i + 1, (i + 1) * DAY * 0.7, { paymentStatus: 'PAID' })),
    );
    const result = await poll(newPaidOrder, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries[0]).toEqual({
      updatedFrom: String(NOW - 90 * DAY),
      updatedTo: String(NOW),
      paymentStatus: 'PAID',
      responseFields:
        'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus)',
      offset: '0',
      limit: '100',
    });
    expect(result).toHaveLength(120); // all within 90 days (the oldest is 84 days old)
    expect(result[0]).toEqual({ id: 'SHOP-00001' });
  });

  test('seeds every paid order of a busy store (5,000 updated in 90 days), ids only', async () => {
    const paid = Array.from({ length: 5000 }, (_, i) =>
      order(i + 1, Math.round((i + 1) * DAY * 0.015), { paymentStatus: 'PAID' }),
    );
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
    expect({
      liveOlder: live.filter((record) => older.some((o) => String(o.id) === record.id)).map((r) => r.id),
    }).toEqual({ liveOlder: [] });
  });

  test('an order shipped while the seed is reading (paid days ago) is seeded all the same', async () => {
    // 2,000 paid orders over 60 days; one paid 40 days ago is shipped just after the seed has read the newest slices
    const paid = Array.from({ length: 2000 }, (_, i) => order(i + 1, 600 + i * 2580, { paymentStatus: 'PAID' }));
    const moved = paid[1500];
    const before = Number(moved.updateTimestamp);
    let endpoint: { queries: unknown[] } = { queries: [] };
    // shipped once the seed has read the newest days (its first dozen requests) and before it reaches 40 days back
    Object.defineProperty(moved, 'updateTimestamp', {
      get: () => (endpoint.queries.length > 12 ? NOW : before),
      enumerable: true,
    });
    endpoint = fakeSearch('/orders', paid, { rowOrder: 'shuffled' });
    const seeded = new Set((await poll(newPaidOrder, {}, { isPopulatingDedupe: true })).map((record) => record.id));
    expect(seeded.has(String(moved.id))).toBe(true);
    expect(seeded.size).toBe(2000);
    // the second look asked for what was updated since the seed began
    expect(endpoint.queries).toContainEqual(
      expect.objectContaining({ updatedFrom: String(NOW), updatedTo: String(NOW) }),
    );
  });
});

describe('accounting fields on every order', () => {
  test('invoice fields in the store currency; the profile is read once for many polls', async () => {
    nock.cleanAll();
    const profile = stubProfile('EUR');
    fakeSearch('/orders', [
      order(1, 60, {
        paymentStatus: 'PAID',
        items: [{ sku: 'A', name: 'Apple', price: 2.5, quantity: 4, tax: 0 }],
        subtotal: 10,
        total: 10,
      }),
    ]);
    const first = await poll(newPaidOrder);
    await poll(newPaidOrder);
    await poll(newOrder);
    expect(profile.reads()).toBe(1);
    // a new process (empty memory) still finds it in Zapier's cache: no request
    clearProfileCache();
    await poll(newOrder);
    expect(profile.reads()).toBe(1);
    expect(first[0]).toMatchObject({
      currency: 'EUR',
      invoiceReference: 'SHOP-00001',
      invoiceTotal: 10,
      lineAmountTypes: 'NoTax',
    });
    expect(first[0].invoiceLines).toEqual([
      expect.objectContaining({ kind: 'product', itemCode: 'A', quantity: 4, unitAmount: 2.5, lineAmount: 10 }),
    ]);
  });
});
