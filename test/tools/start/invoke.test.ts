import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import { invoke, PROJECT_ROOT, throwawayApp, type ThrowawayApp } from '../../../tools/start/invoke.js';
import { startTestSandbox } from '../sandbox/helpers.js';

/**
 * The app run by the real `zapier-platform invoke` CLI (a separate Node 22 process loading dist/), against the
 * sandbox on loopback — the path `npm start` takes. Needs `npm run build` first (npm test builds in `validate`).
 */
const built = fs.existsSync(path.join(PROJECT_ROOT, 'dist/index.js'));
// Jest runs no beforeAll/afterAll in a file without a test to run, so test/setup.ts would not take this file's nock
// off the http patch: left on, it would answer the next files in this worker (501 "no match") instead of theirs.
if (!built) nock.restore();

let sandbox: Sandbox;
let app: ThrowawayApp;

beforeAll(async () => {
  // The CLI runs on the real clock: let the sandbox's store be "now" too.
  sandbox = await startTestSandbox({ now: Date.now(), orders: 150, recentShare: 0.2 });
  app = throwawayApp(sandbox);
});
afterAll(async () => {
  app?.remove();
  await sandbox?.close();
});

(built ? describe : describe.skip)('zapier-platform invoke against the sandbox', () => {
  test('New Paid Order returns every paid order of the 3-day window, newest first, as invoices that add up', async () => {
    const orders = (await invoke(app, 'trigger', 'new_paid_order')) as Array<Record<string, any>>;
    const since = sandbox.clock.now() / 1000 - 3 * 86400;
    const expected = sandbox.store.orders
      .filter((o) => o.paymentStatus === 'PAID' && o.updateTimestamp >= since)
      .sort((a, b) => b.updateTimestamp - a.updateTimestamp || (a.id < b.id ? 1 : -1))
      .map((o) => o.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(orders.map((o) => o.id)).toEqual(expected);
    for (const order of orders) {
      const lines = order.invoiceLines as Array<{ lineAmount: number; taxAmount: number }>;
      const sum = lines.reduce(
        (total, line) => total + line.lineAmount + (order.lineAmountTypes === 'Exclusive' ? line.taxAmount : 0),
        0,
      );
      expect(Math.round(sum * 100)).toBe(Math.round((order.total + (order.giftCardRedemption ?? 0)) * 100));
      expect(order.createDate).toMatch(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    }
  }, 120_000);
});
