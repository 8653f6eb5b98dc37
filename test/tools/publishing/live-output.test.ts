import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import App from '../../../index.js';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import { liveProblems, perform } from '../../helpers.js';
import { bundleFor, freshCaches, resetEnv } from '../../helpers.js';
import { startTestSandbox } from '../sandbox/helpers.js';

/**
 * Zapier's live-result checks (T002 id, T003 ISO dates, T004 every key of the static sample, T005 types) on what
 * every public trigger and search returns from the sandbox store — the checks Zapier runs on a real account.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ orders: 300, knobs: { orderRowOrder: 'shuffled' } });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  resetEnv();
  freshCaches();
  process.env.ECWID_API_BASE_URL = sandbox.apiBaseUrl;
  jest.spyOn(Date, 'now').mockImplementation(() => sandbox.clock.now());
});

const authData = () => ({ access_token: sandbox.token, store_id: String(sandbox.storeId) });
const operation = (kind: 'triggers' | 'searches', key: string) => (App[kind] as Record<string, any>)[key];

const publicTriggers = Object.values(App.triggers as Record<string, any>).filter((trigger) => !trigger.display.hidden);

describe('live output has the static sample\'s keys, ISO dates and declared types', () => {
  test.each(publicTriggers.map((trigger) => [trigger.key]))('trigger %s ("Test trigger")', async (key) => {
    const trigger = operation('triggers', key);
    const items = await perform<any[]>('triggers', key, bundleFor({}, { isLoadingSample: true }, authData()));
    expect(items.length).toBeGreaterThan(0);
    expect(liveProblems(`triggers.${key}`, trigger.operation.sample, items, trigger.operation.outputFields)).toEqual([]);
  });

  test('every search, with a record the store has', async () => {
    const order = sandbox.store.lastOrder();
    const customer = sandbox.store.searchCustomers({}).find((c) => c.email);
    const product = sandbox.store.searchProducts({}).find((p) => p.sku);
    const coupon = sandbox.store.searchCoupons({})[0];
    const inputs: Record<string, Record<string, unknown>> = {
      find_order: { orderId: order!.id },
      find_customer: { email: customer!.email },
      find_product: { sku: product!.sku },
      find_discount_coupon: { code: coupon!.code },
    };
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(App.searches as object).sort());
    for (const [key, inputData] of Object.entries(inputs)) {
      const search = operation('searches', key);
      const items = await perform<any[]>('searches', key, bundleFor(inputData, {}, authData()));
      expect(items).toHaveLength(1);
      expect(liveProblems(`searches.${key}`, search.operation.sample, items, search.operation.outputFields)).toEqual([]);
    }
  });
});
