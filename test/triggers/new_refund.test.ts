/**
 * New Refund: the exact query, the id scheme (one firing per refund, both shapes Ecwid may record), the output,
 * and end to end against the sandbox (an independent reading of Ecwid), driven as Zapier drives a Zap.
 */
import { describe, expect, test } from '@jest/globals';
import { REFUND_OUTPUT_FIELDS, REFUND_OUTPUT_SAMPLE, ECWID_SAMPLE_REFUNDED_ORDER } from '../../lib/refunds/refunds.js';
import { DEDUPE_LOOKBACK_SECONDS, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import {
  liveProblems,
  bundleFor,
  ecwidDate,
  ecwidGet,
  liveWindowQuery,
  page,
  perform,
  windowQuery,
} from '../helpers.js';
import { useSandboxStore } from '../sandbox-store.js';
import { NOW, useOfflineStore } from './trigger-fixtures.js';

const poll = (meta = {}) => perform<Array<Record<string, any>>>('triggers', 'new_refund', bundleFor({}, meta));

const refundedOrder = (n: number, updatedAgo: number, extra: Record<string, unknown>) => ({
  id: `SHOP-${String(n).padStart(5, '0')}`,
  createTimestamp: NOW - 20 * 86400,
  updateTimestamp: NOW - updatedAgo,
  updateDate: ecwidDate(NOW - updatedAgo),
  fulfillmentStatus: 'DELIVERED',
  total: 100,
  items: [],
  ...extra,
});
const entry = (agoSeconds: number, amount: number, reason = 'Damaged item', source = 'CP') => ({
  date: ecwidDate(NOW - agoSeconds),
  source,
  reason,
  amount,
});

describe('New Refund against a stubbed Ecwid', () => {
  useOfflineStore();

  test('a live poll asks once for refunded orders updated in the last three days; one record per refund, newest first', async () => {
    ecwidGet('/orders', liveWindowQuery(NOW, 'updated', { paymentStatus: 'REFUNDED,PARTIALLY_REFUNDED' })).reply(
      200,
      page([
        // two partial refunds, listed newest first by Ecwid: ids follow the dates, not the list order
        refundedOrder(1, 600, {
          paymentStatus: 'PARTIALLY_REFUNDED',
          refundedAmount: 50,
          refunds: [entry(600, 20, 'Late'), entry(7200, 30)],
        }),
        // marked REFUNDED by hand: no entry, fires once for the whole total
        refundedOrder(2, 60, { paymentStatus: 'REFUNDED', refunds: [] }),
        // one partial refund recorded, then marked REFUNDED by hand: the rest fires by status
        refundedOrder(3, 120, { paymentStatus: 'REFUNDED', refundedAmount: 30, refunds: [entry(9000, 30)] }),
      ]),
    );
    const result = await poll();
    expect(result.map((r) => [r.id, r.amount, r.refundedSoFar, r.isOrderFullyRefunded, r.recordedByEcwid])).toEqual([
      ['SHOP-00002:refund:100.00', 100, 100, true, false],
      ['SHOP-00003:refund:100.00', 70, 100, true, false],
      ['SHOP-00003:refund:30.00', 30, 30, false, true],
      ['SHOP-00001:refund:50.00', 20, 50, false, true],
      ['SHOP-00001:refund:30.00', 30, 30, false, true],
    ]);
    expect(result[3]).toMatchObject({
      orderId: 'SHOP-00001',
      invoiceReference: 'SHOP-00001',
      reason: 'Late',
      source: 'CP',
      currency: 'NZD',
      isFullRefund: false,
    });
    expect(result[3].date).toBe(new Date((NOW - 600) * 1000).toISOString().replace('.000Z', '+00:00'));
    expect(result[0]).toMatchObject({
      reason: '',
      source: '',
      isFullRefund: true,
      date: new Date((NOW - 60) * 1000).toISOString().replace('.000Z', '+00:00'),
    });
  });

  test('the Zap-on seed reads 90 days of refunded orders, ids only, and returns every refund id', async () => {
    const idsOnly =
      'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus,total,refundedAmount,refunds(amount,date))';
    ecwidGet(
      '/orders',
      windowQuery('updated', NOW - DEDUPE_LOOKBACK_SECONDS, NOW, {
        paymentStatus: 'REFUNDED,PARTIALLY_REFUNDED',
        responseFields: idsOnly,
      }),
    ).reply(
      200,
      page([
        refundedOrder(1, 40 * 86400, {
          paymentStatus: 'PARTIALLY_REFUNDED',
          refunds: [entry(40 * 86400, 10), entry(41 * 86400, 15)],
        }),
      ]),
    );
    expect(await poll({ isPopulatingDedupe: true })).toEqual([
      { id: 'SHOP-00001:refund:25.00' },
      { id: 'SHOP-00001:refund:15.00' },
    ]);
  });

  test('the sample is the live output of a refunded order and passes Zapier’s output checks', () => {
    expect(REFUND_OUTPUT_SAMPLE).toMatchObject({
      id: `${ECWID_SAMPLE_REFUNDED_ORDER.id}:refund:12.50`,
      amount: 12.5,
      reason: 'Damaged item',
      currency: 'USD',
    });
    expect(liveProblems('new_refund', REFUND_OUTPUT_SAMPLE, [REFUND_OUTPUT_SAMPLE], REFUND_OUTPUT_FIELDS)).toEqual([]);
  });
});

describe('New Refund against the sandbox store', () => {
  const app = useSandboxStore({ orders: 1500, knobs: { orderRowOrder: 'shuffled' } }, { freshCaches: true });
  const run = (meta = {}) => app.perform<Array<Record<string, any>>>('triggers', 'new_refund', {}, meta);
  const advance = (seconds: number) => app.sandbox.clock.advance(seconds * 1000);

  test('"Test trigger" returns real refunds from the store’s history', async () => {
    const sample = await run({ isLoadingSample: true });
    expect(sample.length).toBe(3);
    for (const refund of sample) {
      const order = app.sandbox.store.getOrder(refund.orderId)!;
      expect(['REFUNDED', 'PARTIALLY_REFUNDED']).toContain(order.paymentStatus);
      expect(refund.amount).toBeGreaterThan(0);
      expect(refund.refundedSoFar).toBeLessThanOrEqual(order.total);
    }
  });

  test('each refund fires once: full, partial, a second partial, status only, and the entry recorded later never again', async () => {
    const seen = new Set((await run({ isPopulatingDedupe: true })).map((r) => r.id));
    const next = async () => {
      const before = app.sandbox.requests.length;
      const fresh = (await run()).filter((r) => !seen.has(r.id));
      expect(app.sandbox.requests.length - before).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
      fresh.forEach((r) => seen.add(r.id));
      return fresh.map((r) => [r.orderId, r.amount, r.recordedByEcwid]);
    };
    expect(await next()).toEqual([]);

    const paid = app.sandbox.store.orders.filter((o) => o.paymentStatus === 'PAID' && o.total > 20).slice(-3);
    const [a, b, c] = paid.map((o) => o.id);
    const totalOf = (id: string) => app.sandbox.store.getOrder(id)!.total;
    advance(60);
    app.sandbox.store.refundOrder(a, 5);
    advance(60);
    app.sandbox.store.refundOrder(b);
    expect(await next()).toEqual([
      [b, totalOf(b), true],
      [a, 5, true],
    ]);

    advance(3600);
    app.sandbox.store.refundOrder(a, 7.25);
    advance(60);
    app.sandbox.store.refundOrder(c, { statusOnly: true });
    expect(await next()).toEqual([
      [c, totalOf(c), false],
      [a, 7.25, true],
    ]);

    // The gateway's entry for c's money arrives a day later; a's rest is refunded by status.
    advance(86400);
    app.sandbox.store.recordRefund(c, totalOf(c));
    advance(60);
    app.sandbox.store.updateOrder(a, { paymentStatus: 'REFUNDED' });
    expect(await next()).toEqual([[a, Math.round((totalOf(a) - 12.25) * 100) / 100, false]]);
    advance(600);
    expect(await next()).toEqual([]);
  });
});
