/**
 * Money after the sale, as docs/ecwid-api-notes.md "Refunds, payments, deleted orders" describes it: refunds live on the order
 * (`refunds[]` {date, source, reason, amount}, `refundedAmount`, REFUNDED / PARTIALLY_REFUNDED, the update time
 * moves, the total does not), refunds marked by status alone (no entry), and `/orders/deleted`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import { Clock } from '../../../tools/sandbox/clock.js';
import { generateStore, type Order } from '../../../tools/sandbox/store.js';
import { ApiClient, call, DAY_S, NOW, NOW_S, startTestSandbox } from './helpers.js';

const cents = (amount: number) => Math.round(amount * 100);
const refundedCents = (o: Order) => o.refunds.reduce((acc, r) => acc + cents(r.amount), 0);
const ECWID_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/;
const seconds = (date: string) => Date.parse(date.replace(' ', 'T').replace(' +0000', 'Z')) / 1000;

describe('generated stores hold every shape of refund', () => {
  const store = generateStore({ seed: 11, orders: 3000, now: NOW });
  const isRefunded = (o: Order) => o.paymentStatus === 'REFUNDED' || o.paymentStatus === 'PARTIALLY_REFUNDED';
  const refunded = store.orders.filter(isRefunded);

  test('each shape occurs', () => {
    const shapes = {
      fullWithEntry: refunded.filter(
        (o) => o.paymentStatus === 'REFUNDED' && o.refunds.length === 1 && refundedCents(o) === cents(o.total),
      ),
      statusOnly: refunded.filter((o) => o.paymentStatus === 'REFUNDED' && o.refunds.length === 0),
      entryRecordedAfterStatus: refunded.filter(
        (o) => o.paymentStatus === 'REFUNDED' && o.refunds.length === 1 && o.refunds[0].source === 'EXTERNAL',
      ),
      onePartial: refunded.filter((o) => o.paymentStatus === 'PARTIALLY_REFUNDED' && o.refunds.length === 1),
      twoPartials: refunded.filter((o) => o.paymentStatus === 'PARTIALLY_REFUNDED' && o.refunds.length === 2),
      partialsThenMarkedRefunded: refunded.filter(
        (o) => o.paymentStatus === 'REFUNDED' && o.refunds.length > 0 && refundedCents(o) < cents(o.total),
      ),
    };
    for (const [shape, orders] of Object.entries(shapes)) expect([shape, orders.length > 0]).toEqual([shape, true]);
  });

  test('entries are well formed, never exceed the total, and the update time is at or after the last one', () => {
    for (const o of refunded) {
      for (const r of o.refunds) {
        expect(r.date).toMatch(ECWID_DATE);
        expect(['CP', 'API', 'EXTERNAL']).toContain(r.source);
        expect(r.reason).not.toBe('');
        expect(r.amount).toBeGreaterThan(0);
        expect(seconds(r.date)).toBeLessThanOrEqual(o.updateTimestamp);
        expect(seconds(r.date)).toBeGreaterThan(o.createTimestamp);
      }
      expect(cents(o.refundedAmount)).toBe(refundedCents(o));
      expect(refundedCents(o)).toBeLessThanOrEqual(cents(o.total));
    }
    // Orders nobody refunded carry none.
    expect(
      store.orders.filter((o) => !isRefunded(o)).every((o) => o.refunds.length === 0 && o.refundedAmount === 0),
    ).toBe(true);
  });
});

describe('refunding over virtual time', () => {
  test('full, partial, repeated partial and status-only refunds; the update time moves, the total does not', () => {
    const clock = new Clock(NOW);
    const s = generateStore({ seed: 4, orders: 30, now: NOW }, clock);
    const placed = s.createOrder({ paymentStatus: 'PAID' });
    const total = cents(placed.total);

    clock.advance(60_000);
    const first = s.refundOrder(placed.id, { amount: 1.5, reason: 'Scratched' });
    expect([first.paymentStatus, first.updateTimestamp, cents(first.refundedAmount)]).toEqual([
      'PARTIALLY_REFUNDED',
      NOW_S + 60,
      150,
    ]);
    expect(first.refunds).toEqual([{ date: first.updateDate, source: 'CP', reason: 'Scratched', amount: 1.5 }]);

    clock.advance(60_000);
    const second = s.refundOrder(placed.id, 2);
    expect([second.paymentStatus, second.updateTimestamp, second.refunds.length, cents(second.refundedAmount)]).toEqual(
      ['PARTIALLY_REFUNDED', NOW_S + 120, 2, 350],
    );

    clock.advance(60_000);
    const rest = s.refundOrder(placed.id);
    expect([rest.paymentStatus, cents(rest.refunds[2].amount), cents(rest.refundedAmount), cents(rest.total)]).toEqual([
      'REFUNDED',
      total - 350,
      total,
      total,
    ]);
    expect(s.searchOrderIds({ updatedFrom: NOW_S + 180 })).toEqual([placed.id]);

    const other = s.createOrder({ paymentStatus: 'PAID' });
    clock.advance(60_000);
    const marked = s.refundOrder(other.id, { statusOnly: true });
    expect([marked.paymentStatus, marked.refunds, marked.refundedAmount, marked.updateTimestamp]).toEqual([
      'REFUNDED',
      [],
      0,
      NOW_S + 240,
    ]);
    clock.advance(86_400_000);
    const recorded = s.recordRefund(other.id, marked.total);
    expect([
      recorded.paymentStatus,
      recorded.refunds.length,
      recorded.refunds[0].source,
      recorded.updateTimestamp,
    ]).toEqual(['REFUNDED', 1, 'EXTERNAL', NOW_S + 240 + DAY_S]);
  });
});

describe('over HTTP', () => {
  let sandbox: Sandbox;
  let api: ApiClient;
  const admin = (path: string, body: unknown = {}) =>
    call(`${sandbox.url}/__sandbox${path}`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed: 9, orders: 600, orderIdPrefix: 'SHOP-' });
    api = new ApiClient(sandbox);
  });
  afterAll(() => sandbox.close());

  test('GET /orders/deleted: the envelope of {id (number), orderId (string), date}, bounded by from_date/to_date inclusive', async () => {
    const everything = await api.all('/orders/deleted');
    expect(everything.length).toBe(12); // 2% of the generated orders
    for (const row of everything) {
      expect(Object.keys(row).sort()).toEqual(['date', 'id', 'orderId']);
      expect(typeof row.id).toBe('number');
      expect(row.orderId).toMatch(/^SHOP-[2-9A-HJ-NP-Z]{5}$/);
      expect(row.date).toMatch(ECWID_DATE);
      expect((await api.get(`/orders/${row.orderId}`)).status).toBe(404);
    }
    const times = everything.map((row) => seconds(row.date)).sort((a, b) => a - b);
    const [from, to] = [times[3], times[8]];
    const bounded = await api.get('/orders/deleted', { from_date: from, to_date: to, limit: 100 });
    expect(bounded.body).toMatchObject({ total: 6, count: 6, offset: 0, limit: 100 });
    expect(bounded.body.items.every((row: any) => seconds(row.date) >= from && seconds(row.date) <= to)).toBe(true);
    const paged = await api.get('/orders/deleted', { offset: 10, limit: 5 });
    expect(paged.body).toMatchObject({ total: 12, count: 2, offset: 10, limit: 5 });
  });

  test('admin: delete and refund at the clock’s time; a deleted order leaves every search; new ids never reuse it', async () => {
    await admin('/clock', { now: NOW + 3_600_000 });
    const [id] = (await admin('/orders', { paymentStatus: 'PAID' })).body.ids;
    const partial = await admin(`/orders/${id}/refund`, { amount: 2, reason: 'Late' });
    expect(partial.body).toMatchObject({
      paymentStatus: 'PARTIALLY_REFUNDED',
      refundedAmount: 2,
      refunds: [{ source: 'API', reason: 'Late', amount: 2 }],
    });
    expect((await admin(`/orders/${id}/refund`, { amount: -1 })).status).toBe(400);
    const full = await admin(`/orders/${id}/refund`, { statusOnly: true });
    expect(full.body).toMatchObject({ paymentStatus: 'REFUNDED', refundedAmount: 2 });
    expect(full.body.refunds).toHaveLength(1);

    await admin('/clock', { advanceMs: 60_000 });
    const deleted = await admin(`/orders/${id}/delete`);
    expect(deleted.body).toMatchObject({ orderId: id, deletedAt: NOW_S + 3660 });
    expect((await api.get(`/orders/${id}`)).status).toBe(404);
    expect((await api.all('/orders', { updatedFrom: NOW_S })).map((o) => o.id)).not.toContain(id);
    const recent = await api.get('/orders/deleted', { from_date: NOW_S + 3660, limit: 100 });
    expect(recent.body.items).toEqual([
      { id: deleted.body.internalId, orderId: id, date: '2024-09-04 13:01:00 +0000' },
    ]);
    expect((await admin(`/orders/${id}/delete`)).status).toBe(404);

    const deletedIds = new Set((await api.all('/orders/deleted')).map((row) => row.orderId));
    const { ids } = (await admin('/orders', { count: 20 })).body;
    expect(ids.filter((newId: string) => deletedIds.has(newId))).toEqual([]);
  });
});
