/**
 * Payment fields as docs/ecwid-api-notes.md describes them: `paymentMethod`, `paymentModule` (the gateway),
 * `externalTransactionId`, `paymentReference` (a `/orders` filter) and `keywords` matching the external transaction id.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import type { Order } from '../../../tools/sandbox/store.js';
import { ApiClient, startTestSandbox } from './helpers.js';

let sandbox: Sandbox;
let api: ApiClient;
let orders: Order[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 3, orders: 300 });
  api = new ApiClient(sandbox);
  orders = sandbox.store.orders.filter((o) => o.paymentStatus !== 'INCOMPLETE');
});
afterAll(() => sandbox.close());

test('online gateways report a transaction id and payment reference once paid; offline methods and unpaid orders none', () => {
  const paidOnline = orders.filter(
    (o) =>
      ['PAID', 'REFUNDED', 'PARTIALLY_REFUNDED'].includes(o.paymentStatus) &&
      ['Stripe', 'PayPalStandard'].includes(o.paymentModule!),
  );
  expect(paidOnline.length).toBeGreaterThan(50);
  expect(
    paidOnline.every(
      (o) => o.externalTransactionId && o.paymentReference && o.externalTransactionId !== o.paymentReference,
    ),
  ).toBe(true);
  expect(new Set(paidOnline.map((o) => o.externalTransactionId)).size).toBe(paidOnline.length);
  const without = orders.filter((o) => o.paymentModule === 'CUSTOM_OFFLINE' || o.paymentStatus === 'AWAITING_PAYMENT');
  expect(without.length).toBeGreaterThan(10);
  expect(without.every((o) => !('externalTransactionId' in o) && !('paymentReference' in o))).toBe(true);
});

test('paymentReference filters exactly; keywords find the order by its external transaction id', async () => {
  const order = orders.find((o) => o.paymentModule === 'Stripe' && o.paymentStatus === 'PAID')!;
  const byReference = await api.all('/orders', { paymentReference: order.paymentReference! });
  expect(byReference.map((o) => o.id)).toEqual([order.id]);
  expect(await api.all('/orders', { paymentReference: order.paymentReference!.toLowerCase() })).toEqual([]);
  const byKeyword = await api.all('/orders', { keywords: order.externalTransactionId! });
  expect(byKeyword.map((o) => o.id)).toEqual([order.id]);
});

test('an order paid later gets its gateway fields then', () => {
  const placed = sandbox.store.createOrder({ paymentStatus: 'AWAITING_PAYMENT' });
  const paid = sandbox.store.payOrder(placed.id);
  const online = paid.paymentModule !== 'CUSTOM_OFFLINE';
  expect([placed.externalTransactionId, Boolean(paid.externalTransactionId)]).toEqual([undefined, online]);
});
