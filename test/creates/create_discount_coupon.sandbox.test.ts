/** Create Discount Coupon end to end against the sandbox store: what the nock tests pin one request at a time. */
import { describe, expect, test } from '@jest/globals';
import { rejectionOf, shownMessage } from '../helpers.js';
import { useSandboxStore } from '../sandbox-store.js';

// The real clock: these actions read no time windows.
const shop = useSandboxStore({}, { followClock: false });

describe('Create Discount Coupon against the sandbox', () => {
  test('a coupon per contact: created once, a replay returns it, the search finds it', async () => {
    const step = {
      name: 'Welcome',
      discountType: 'PERCENT',
      discount: 10,
      uniqueFor: 'xero-contact-1',
      codePrefix: 'HI',
      expirationDate: '2024-12-31',
    };
    const before = shop.sandbox.store.coupons.length;
    const coupon = await shop.perform('creates', 'create_discount_coupon', step);
    expect(coupon).toMatchObject({
      name: 'Welcome',
      discountType: 'PERCENT',
      discount: 10,
      expirationDate: '2024-12-31T23:59:59+00:00',
    });
    expect(coupon.code).toMatch(/^HI[23456789A-HJ-NP-Z]{12}$/);
    expect(await shop.perform('creates', 'create_discount_coupon', step)).toEqual(coupon);
    expect(shop.sandbox.store.coupons.length).toBe(before + 1);
    expect(await shop.perform('searches', 'find_discount_coupon', { code: coupon.code.toLowerCase() })).toEqual([
      coupon,
    ]);
    const other = await rejectionOf(shop.perform('creates', 'create_discount_coupon', { ...step, discount: 15 }));
    expect(shownMessage(other)).toContain(`"${coupon.code}"`);
  });
});
