import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import newOrder from '../../triggers/new_order.js';
import { POLL_MAX_OUTPUT_BYTES } from '../../lib/polling/output-bound.js';
import { DAY, POLL_LOOKBACK_SECONDS, POLL_MAX_RECORDS, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../fake-ecwid.js';
import { rejectionOf, shownMessage, stubProfile, poll, liveWindowQuery, ecwidGet } from '../helpers.js';
import { NOW, order, testTrigger, useOfflineStore } from './trigger-fixtures.js';

useOfflineStore();

describe('New Order: the exact query', () => {
  test('a live poll asks once for orders created in the last three days', async () => {
    ecwidGet('/orders', liveWindowQuery(NOW, 'created')).reply(200, {
      total: 1,
      count: 1,
      offset: 0,
      limit: 100,
      items: [order(1, 60)],
    });
    const result = await poll(newOrder);
    expect(result.map((o) => o.id)).toEqual(['SHOP-00001']);
    expect(result[0].createDate).toBe('2027-01-15T08:00:00+00:00');
  });

  test('with statuses chosen, it asks for orders updated in the window with those statuses', async () => {
    ecwidGet(
      '/orders',
      liveWindowQuery(NOW, 'updated', { paymentStatus: 'PAID', fulfillmentStatus: 'SHIPPED,DELIVERED' }),
    ).reply(200, { total: 0, count: 0, offset: 0, limit: 100, items: [] });
    expect(await poll(newOrder, { paymentStatus: ['PAID'], fulfillmentStatus: ['SHIPPED', 'Delivered'] })).toEqual([]);
  });

  test('an unknown status names the field and the choices, before any request', async () => {
    const error = await rejectionOf(poll(newOrder, { paymentStatus: 'Paid, Sort of' }));
    expect(shownMessage(error)).toMatch(
      /^The Payment Status field has "Sort of", which is not an Ecwid status\. Choose from: Awaiting payment, Paid/,
    );
  });
});

describe('never miss, never repeat, whatever the row order', () => {
  const store = [
    ...Array.from({ length: 250 }, (_, i) => order(i + 1, 3600 * 40 - i * 60)), // 250 in the window, a burst
    ...Array.from({ length: 30 }, (_, i) => order(1000 + i, 10 * DAY + i)), // older than the window
  ];

  test.each<RowOrder>(['oldest', 'newest', 'shuffled'])(
    'rows %s first: the same answer, newest first, every window order',
    async (rowOrder) => {
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
      expect(ids.slice(0, 100)).toEqual(
        Array.from({ length: 100 }, (_, i) => `SHOP-${String(250 - i).padStart(5, '0')}`),
      );
      expect(ids.some((id) => id >= 'SHOP-01000')).toBe(false);
      if (rowOrder === 'shuffled') {
        // rows listed differently on every request: offset pages can't be trusted, so the window is cut by time
        expect(endpoint.queries.length).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
        expect(endpoint.queries.slice(3).every((q) => q.offset === '0')).toBe(true);
      } else {
        // a stable row order: three pages, checked complete (250 distinct ids = total)
        expect(endpoint.queries.map((q) => q.offset)).toEqual(['0', '100', '200']);
      }
    },
  );

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

  test('a page that fails fails the whole poll: no partial answer that would let a later order skip ahead', async () => {
    const many = Array.from({ length: 150 }, (_, i) => order(i + 1, 3600 + i));
    ecwidGet('/orders', (q) => q.offset === '0').reply(200, {
      total: 150,
      count: 100,
      offset: 0,
      limit: 100,
      items: many.slice(0, 100),
    });
    ecwidGet('/orders', (q) => q.offset === '100').reply(503, '');
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
    const quiet = [order(1, 380 * DAY), order(2, 370 * DAY), order(3, 369 * DAY), order(4, 368 * DAY)];
    const { shown, requests } = await testTrigger(newOrder, '/orders', quiet);
    expect(shown.map((o) => o.id)).toEqual(['SHOP-00004', 'SHOP-00003', 'SHOP-00002']);
    expect(requests).toBe(3); // 3 days, 31 days, 400 days
  });

  test('seeds only the live window: an order created earlier can never enter a later poll', async () => {
    const endpoint = fakeSearch(
      '/orders',
      Array.from({ length: 40 }, (_, i) => order(i + 1, (i + 1) * DAY * 0.1)),
    );
    const result = await poll(newOrder, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries[0]).toMatchObject({ createdFrom: String(NOW - 3 * DAY), createdTo: String(NOW) });
    expect(result).toHaveLength(30); // created 0.1 … 3.0 days ago (bounds are inclusive)
  });

  test('bundle.meta.limit is honoured', async () => {
    fakeSearch(
      '/orders',
      Array.from({ length: 10 }, (_, i) => order(i + 1, 100 + i)),
    );
    expect(await poll(newOrder, {}, { limit: 4 })).toHaveLength(4);
  });
});

describe('accounting fields on every order', () => {
  test('an order without billing, shipping or email still has every contact key, empty', async () => {
    fakeSearch('/orders', [order(1, 60)]);
    const [result] = await poll(newOrder);
    for (const key of [
      'customerName',
      'customerEmail',
      'billingAddressLine1',
      'shippingCity',
      'contactName',
      'contactEmail',
    ]) {
      expect(result[key]).toBe('');
    }
  });
});

describe('New Order on a busy store: the next poll reads the slices the last one found', () => {
  // ~700 orders a day for three days, listed in a different order on every request
  const busy = Array.from({ length: 2100 }, (_, i) => order(i + 10, 120 + i * 123));
  const newestIds = (store: FakeRecord[]) =>
    [...store]
      .sort((a, b) => Number(b.createTimestamp) - Number(a.createTimestamp))
      .slice(0, POLL_MAX_RECORDS)
      .map((o) => o.id);

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
    const windowStarts = endpoint.queries.filter(
      (query) => query.offset === '0' && (query.createdTo ?? query.updatedTo) === String(NOW),
    );
    // each of the three began with one request for its whole window
    expect(
      windowStarts.filter(
        (query) =>
          query.createdFrom === String(NOW - POLL_LOOKBACK_SECONDS) ||
          query.updatedFrom === String(NOW - POLL_LOOKBACK_SECONDS),
      ),
    ).toHaveLength(3);
  });
});

describe('New Order: a poll stays within what Zapier accepts', () => {
  test('1,000 heavy orders are cut to the newest whole seconds under 5 MB; the rest wait for the next poll', async () => {
    // long notes and item lists: ~9 KB of output an order, two orders a second
    const heavy = Array.from({ length: 1000 }, (_, i) =>
      order(i + 1, 60 + Math.floor(i / 2) * 60, {
        orderComments: 'n'.repeat(8000),
        items: [{ id: 1, sku: 'S', name: 'Thing', quantity: 1, price: 5 }],
      }),
    );
    fakeSearch('/orders', heavy, { rowOrder: 'shuffled' });
    const result = await poll(newOrder);
    const bytes = Buffer.byteLength(JSON.stringify(result));
    expect(bytes).toBeLessThanOrEqual(POLL_MAX_OUTPUT_BYTES);
    expect(result.length).toBeGreaterThan(400);
    expect(result.length).toBeLessThan(1000);
    // the newest orders, and whole seconds: both orders of the oldest second returned, or neither
    expect(result.map((o) => o.id).sort()).toEqual(
      heavy
        .slice(0, result.length)
        .map((o) => String(o.id))
        .sort(),
    );
    expect(result.length % 2).toBe(0);
  });
});
