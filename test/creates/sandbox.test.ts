/**
 * The coupon and customer actions, searches and dropdowns against the sandbox (an independent reading of Ecwid's
 * behaviour): what the nock tests pin one request at a time, end to end.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../tools/sandbox/server.js';
import { startTestSandbox } from '../sandbox/helpers.js';
import { bundleFor, rejectionOf, resetEnv, shownMessage } from '../helpers.js';
import { perform } from './app.js';

let sandbox: Sandbox;
const bundle = (input: Record<string, unknown>, page = 0) =>
  bundleFor(input, { page }, { access_token: sandbox.token, store_id: String(sandbox.storeId) });

beforeAll(async () => {
  resetEnv();
  sandbox = await startTestSandbox();
  process.env.ECWID_API_BASE_URL = sandbox.apiBaseUrl;
});
afterAll(async () => {
  delete process.env.ECWID_API_BASE_URL;
  await sandbox?.close();
});

describe('against the sandbox', () => {
  test('a coupon per contact: created once, a replay returns it, the search finds it', async () => {
    const step = { name: 'Welcome', discountType: 'PERCENT', discount: 10, uniqueFor: 'xero-contact-1', codePrefix: 'HI', expirationDate: '2024-12-31' };
    const before = sandbox.store.coupons.length;
    const coupon = await perform('creates', 'create_discount_coupon', bundle(step));
    expect(coupon).toMatchObject({ name: 'Welcome', discountType: 'PERCENT', discount: 10, expirationDate: '2024-12-31T23:59:59+00:00' });
    expect(coupon.code).toMatch(/^HI[23456789A-HJ-NP-Z]{12}$/);
    expect(await perform('creates', 'create_discount_coupon', bundle(step))).toEqual(coupon);
    expect(sandbox.store.coupons.length).toBe(before + 1);
    expect(await perform('searches', 'find_discount_coupon', bundle({ code: coupon.code.toLowerCase() }))).toEqual([coupon]);
    const other = await rejectionOf(perform('creates', 'create_discount_coupon', bundle({ ...step, discount: 15 })));
    expect(shownMessage(other)).toContain(`"${coupon.code}"`);
  });

  test('a customer: created, found by email; the same email with other details is refused', async () => {
    const input = { email: 'zap.test@example.com', name: 'Zap Test', countryCode: 'de', acceptMarketing: 'yes' };
    const customer = await perform('creates', 'create_customer', bundle(input));
    expect(customer).toMatchObject({ email: 'zap.test@example.com', name: 'Zap Test', acceptMarketing: true, billingPerson: { countryCode: 'DE' } });
    expect(await perform('creates', 'create_customer', bundle(input))).toMatchObject({ id: customer.id });
    const [found] = await perform('searches', 'find_customer', bundle({ email: 'ZAP.TEST@example.com' }));
    expect(found.id).toBe(customer.id);
    const error = await rejectionOf(perform('creates', 'create_customer', bundle({ ...input, name: 'Someone Else' })));
    expect(shownMessage(error)).toMatch(/^A customer with the email "zap.test@example.com" already exists/);
  });

  test('a product by SKU; the dropdowns list the catalog, groups and shipping methods', async () => {
    const product = sandbox.store.products.find((p) => p.sku);
    const [found] = await perform('searches', 'find_product', bundle({ sku: product!.sku }));
    expect(found).toMatchObject({ id: product!.id, sku: product!.sku });
    for (const key of ['product_list', 'category_list', 'customer_group_list', 'shipping_method_list']) {
      const choices = await perform<Array<{ id: string; name: string }>>('triggers', key, bundle({}));
      // The sandbox's profile has no shipping.shippingOptions yet: that list may be empty there.
      const some = choices.length > 0 || key === 'shipping_method_list';
      expect({ key, some, shaped: choices.every((c) => typeof c.id === 'string' && c.name !== '') }).toEqual({ key, some: true, shaped: true });
    }
  });
});
