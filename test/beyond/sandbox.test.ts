import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { CART_OUTPUT_FIELDS, CART_SAMPLE } from '../../lib/carts/carts.js';
import { LINE_ITEM_OUTPUT_FIELDS, LINE_ITEM_SAMPLE } from '../../lib/orders/line-item-records.js';
import { POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { matchRoute } from '../../tools/sandbox/routes/index.js';
import type { Sandbox } from '../../tools/sandbox/server.js';
import { bundleFor, resetEnv } from '../helpers.js';
import { startTestSandbox } from '../sandbox/helpers.js';
import { liveProblems, perform } from './app.js';

/**
 * This task's triggers and action end to end against the sandbox store (sandbox/: an independent reading of
 * Ecwid's behaviour), with rows listed in a different order on every request, driven like Zapier drives them:
 * turn the Zap on (dedupe-seeding poll), change the store, poll, keep what is new.
 */

let sandbox: Sandbox;
const authData = () => ({ access_token: sandbox.token, store_id: String(sandbox.storeId) });
const run = <T = any>(kind: 'triggers' | 'creates', key: string, inputData: Record<string, unknown> = {}, meta = {}) =>
  perform<T>(kind, key, bundleFor(inputData, meta, authData()));

/** A Zap: seeds Zapier's dedupe table, then returns what each poll fires. */
const zap = async (key: string, inputData: Record<string, unknown> = {}) => {
  const seen = new Set((await run<Array<{ id: string }>>('triggers', key, inputData, { isPopulatingDedupe: true })).map((r) => r.id));
  return async () => {
    const before = sandbox.requests.length;
    const result = await run<Array<Record<string, any>>>('triggers', key, inputData);
    expect(sandbox.requests.length - before).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
    const fresh = result.filter((r) => !seen.has(r.id));
    fresh.forEach((r) => seen.add(r.id));
    return fresh;
  };
};

const advance = (seconds: number) => sandbox.clock.advance(seconds * 1000);

beforeAll(async () => {
  sandbox = await startTestSandbox({ orders: 400, knobs: { orderRowOrder: 'shuffled' } });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  resetEnv();
  process.env.ECWID_API_BASE_URL = sandbox.apiBaseUrl;
  // The app's "now" is the sandbox's (frozen, virtual) clock.
  jest.spyOn(Date, 'now').mockImplementation(() => sandbox.clock.now());
});

describe('against the sandbox store', () => {
  test('Order Status Changed and Update Order: each new combination once, edits without a status change never', async () => {
    const next = await zap('order_status_changed');
    expect(await next()).toEqual([]);

    const old = sandbox.store.orders.find((o) => o.paymentStatus === 'AWAITING_PAYMENT' && o.createTimestamp < sandbox.clock.nowSeconds() - 10 * 86400);
    const edited = sandbox.store.orders.find((o) => o !== old && o.paymentStatus === 'PAID');
    expect(old && edited).toBeTruthy();
    advance(60);
    sandbox.store.payOrder(old!.id);
    advance(60);
    sandbox.store.updateOrder(edited!.id, { privateAdminNotes: 'called the customer' });
    advance(60);
    const placed = sandbox.store.createOrder({ paymentStatus: 'PAID' });
    advance(60);
    expect((await next()).map((r) => r.id)).toEqual([
      `${placed.id}:PAID:${placed.fulfillmentStatus}`,
      `${old!.id}:PAID:${old!.fulfillmentStatus}`,
    ]);

    // The action changes the order through the API; the trigger sees the new combination once.
    const updated = await run('creates', 'update_order', { orderId: placed.id, fulfillmentStatus: 'Shipped', trackingNumber: '1Z999AA10123456784' });
    expect(updated).toMatchObject({ id: placed.id, fulfillmentStatus: 'SHIPPED', trackingNumber: '1Z999AA10123456784' });
    expect(sandbox.store.getOrder(placed.id)).toMatchObject({ fulfillmentStatus: 'SHIPPED', trackingNumber: '1Z999AA10123456784' });
    advance(60);
    const fired = await next();
    expect(fired.map((r) => r.id)).toEqual([`${placed.id}:PAID:SHIPPED`]);
    expect(fired[0]).toMatchObject({ orderId: placed.id, paymentStatus: 'PAID', fulfillmentStatus: 'SHIPPED', previousPaymentStatus: '' });

    // Only the tracking number again: the same statuses, nothing fires.
    await run('creates', 'update_order', { orderId: placed.id, trackingNumber: 'CHANGED' });
    advance(60);
    expect(await next()).toEqual([]);
  });

  test('New Order Line Item: every item of a new order once, the Zap-on orders never', async () => {
    const next = await zap('new_order_line_item');
    expect(await next()).toEqual([]);
    advance(60);
    const placed = [sandbox.store.createOrder(), sandbox.store.createOrder()];
    advance(60);
    const fired = await next();
    const expected = placed.flatMap((o) => o.items.map((item) => `${o.id}:${item.id}`));
    expect(new Set(fired.map((r) => r.id))).toEqual(new Set(expected));
    expect(fired).toHaveLength(expected.length);
    expect(liveProblems('new_order_line_item', LINE_ITEM_SAMPLE, fired, LINE_ITEM_OUTPUT_FIELDS)).toEqual([]);
    advance(60);
    expect(await next()).toEqual([]);
  });

  test('the Order dropdown lists the newest orders first, without abandoned checkouts', async () => {
    const choices = await run<Array<{ id: string; name: string }>>('triggers', 'order_list', {}, { page: 0 });
    const byId = new Map(sandbox.store.orders.map((o) => [o.id, o]));
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => byId.get(c.id) && byId.get(c.id)!.paymentStatus !== 'INCOMPLETE' && c.name.startsWith(c.id))).toBe(true);
    const created = choices.map((c) => byId.get(c.id)!.createTimestamp);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  // The sandbox serves /carts once its helper adds the route (see the task report); until then this is skipped.
  const cartsServed = matchRoute('GET', '/carts').match !== undefined;
  (cartsServed ? test : test.skip)('New Abandoned Cart: live shape, ISO dates and the request bound against the sandbox', async () => {
    const sample = await run<Array<Record<string, any>>>('triggers', 'new_abandoned_cart', {}, { isLoadingSample: true });
    expect(sample.length).toBeLessThanOrEqual(3);
    expect(liveProblems('new_abandoned_cart', CART_SAMPLE, sample, CART_OUTPUT_FIELDS)).toEqual([]);
    const next = await zap('new_abandoned_cart', { waitMinutes: 0 });
    expect(await next()).toEqual([]);
  });
});
