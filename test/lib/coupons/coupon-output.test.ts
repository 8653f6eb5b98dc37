import { describe, expect, test } from '@jest/globals';
import { toCouponOutput } from '../../../lib/coupons/coupons.js';

describe('coupon output', () => {
  test('the deprecated repeatCustomerOnly reads as Eligible Customers when Ecwid sends only it', () => {
    expect(toCouponOutput({ id: 1, repeatCustomerOnly: true }).applicationLimit).toBe('REPEAT_CUSTOMER_ONLY');
    expect(
      toCouponOutput({ id: 1, repeatCustomerOnly: true, applicationLimit: 'NEW_CUSTOMER_ONLY' }).applicationLimit,
    ).toBe('NEW_CUSTOMER_ONLY');
  });
});
