import { describe, expect, test } from '@jest/globals';
import App from '../../../index.js';
import { liveProblems } from '../../helpers.js';
import { useSandboxStore } from '../../sandbox-store.js';

/**
 * Zapier's live-result checks (T002 id, T003 ISO dates, T004 every key of the static sample, T005 types) on what
 * every public trigger and search returns from the sandbox store — the checks Zapier runs on a real account.
 */

// Rows listed in a different order on every request.
const shop = useSandboxStore({ orders: 300, knobs: { orderRowOrder: 'shuffled' } }, { freshCaches: true });
const operation = (kind: 'triggers' | 'searches', key: string) => (App[kind] as Record<string, any>)[key];

const publicTriggers = Object.values(App.triggers as Record<string, any>).filter((trigger) => !trigger.display.hidden);

describe("live output has the static sample's keys, ISO dates and declared types", () => {
  test.each(publicTriggers.map((trigger) => [trigger.key]))('trigger %s ("Test trigger")', async (key) => {
    const trigger = operation('triggers', key);
    const items = await shop.perform<any[]>('triggers', key, {}, { isLoadingSample: true });
    expect(items.length).toBeGreaterThan(0);
    expect(liveProblems(`triggers.${key}`, trigger.operation.sample, items, trigger.operation.outputFields)).toEqual(
      [],
    );
  });

  test('every search, with a record the store has', async () => {
    const order = shop.sandbox.store.lastOrder();
    const customer = shop.sandbox.store.searchCustomers({}).find((c) => c.email);
    const product = shop.sandbox.store.searchProducts({}).find((p) => p.sku);
    const coupon = shop.sandbox.store.searchCoupons({})[0];
    const inputs: Record<string, Record<string, unknown>> = {
      find_order: { orderId: order!.id },
      find_customer: { email: customer!.email },
      find_product: { sku: product!.sku },
      find_discount_coupon: { code: coupon!.code },
    };
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(App.searches as object).sort());
    for (const [key, inputData] of Object.entries(inputs)) {
      const search = operation('searches', key);
      const items = await shop.perform<any[]>('searches', key, inputData);
      expect(items).toHaveLength(1);
      expect(liveProblems(`searches.${key}`, search.operation.sample, items, search.operation.outputFields)).toEqual(
        [],
      );
    }
  });
});
