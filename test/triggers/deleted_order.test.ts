/** Deleted Order: the exact query on /orders/deleted, the output, and once per deletion against the sandbox. */
import { describe, expect, test } from '@jest/globals';
import { DELETED_ORDER_OUTPUT_FIELDS, DELETED_ORDER_OUTPUT_SAMPLE } from '../../lib/orders/deleted-orders.js';
import { POLL_LOOKBACK_SECONDS } from '../../lib/polling/poll-limits.js';
import { liveProblems, bundleFor, ecwidDate, page, perform, ecwidGet } from '../helpers.js';
import { useSandboxStore } from '../sandbox-store.js';
import { NOW, useOfflineStore } from './trigger-fixtures.js';

const poll = (meta = {}) => perform<Array<Record<string, any>>>('triggers', 'deleted_order', bundleFor({}, meta));

/** The query of the first page of deletions in the live window (in unix seconds), plus `extra`. */
const liveDeletions = (extra: Record<string, string> = {}) => ({
  from_date: String(NOW - POLL_LOOKBACK_SECONDS),
  to_date: String(NOW),
  ...extra,
  offset: '0',
  limit: '100',
});

describe('Deleted Order against a stubbed Ecwid', () => {
  useOfflineStore();

  test('a live poll asks /orders/deleted for the last three days in unix seconds; newest deletion first, id = the order id', async () => {
    ecwidGet('/orders/deleted', liveDeletions()).reply(
      200,
      page([
        { id: 512000007, orderId: 'SHOP-AAAAA', date: ecwidDate(NOW - 7200) },
        { id: 512000009, orderId: 'SHOP-BBBBB', date: ecwidDate(NOW - 60) },
      ]),
    );
    const result = await poll();
    expect(result).toEqual([
      {
        id: 'SHOP-BBBBB',
        orderId: 'SHOP-BBBBB',
        internalId: 512000009,
        invoiceReference: 'SHOP-BBBBB',
        deleteDate: new Date((NOW - 60) * 1000).toISOString().replace('.000Z', '+00:00'),
      },
      {
        id: 'SHOP-AAAAA',
        orderId: 'SHOP-AAAAA',
        internalId: 512000007,
        invoiceReference: 'SHOP-AAAAA',
        deleteDate: new Date((NOW - 7200) * 1000).toISOString().replace('.000Z', '+00:00'),
      },
    ]);
  });

  test('the Zap-on seed is the live window itself (a deletion never moves), ids only', async () => {
    ecwidGet(
      '/orders/deleted',
      liveDeletions({ responseFields: 'total,count,offset,limit,items(id,orderId,date)' }),
    ).reply(200, page([{ id: 512000007, orderId: 'SHOP-AAAAA', date: ecwidDate(NOW - 7200) }]));
    expect(await poll({ isPopulatingDedupe: true })).toEqual([{ id: 'SHOP-AAAAA' }]);
  });

  test('the sample passes Zapier’s output checks', () => {
    expect(
      liveProblems(
        'deleted_order',
        DELETED_ORDER_OUTPUT_SAMPLE,
        [DELETED_ORDER_OUTPUT_SAMPLE],
        DELETED_ORDER_OUTPUT_FIELDS,
      ),
    ).toEqual([]);
  });
});

describe('Deleted Order against the sandbox store', () => {
  const app = useSandboxStore({ orders: 800, knobs: { orderRowOrder: 'shuffled' } }, { freshCaches: true });
  const run = (meta = {}) => app.perform<Array<Record<string, any>>>('triggers', 'deleted_order', {}, meta);

  test('"Test trigger" finds deletions in the history; each later deletion fires once; earlier ones never', async () => {
    const sample = await run({ isLoadingSample: true });
    expect(sample.length).toBeGreaterThan(0);
    const history = new Set(app.sandbox.store.searchDeletedOrders().map((d) => d.orderId));
    expect(sample.every((r) => history.has(r.id))).toBe(true);

    const seen = new Set((await run({ isPopulatingDedupe: true })).map((r) => r.id));
    const next = async () => {
      const fresh = (await run()).filter((r) => !seen.has(r.id));
      fresh.forEach((r) => seen.add(r.id));
      return fresh.map((r) => r.id);
    };
    expect(await next()).toEqual([]);
    const [a, b] = app.sandbox.store.orders.slice(-2).map((o) => o.id);
    app.sandbox.clock.advance(60_000);
    app.sandbox.store.deleteOrder(a);
    app.sandbox.clock.advance(60_000);
    app.sandbox.store.deleteOrder(b);
    expect(await next()).toEqual([b, a]);
    app.sandbox.clock.advance(3_600_000);
    expect(await next()).toEqual([]);
  });
});
