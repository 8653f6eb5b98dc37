import { describe, expect, test } from '@jest/globals';
import { bundleFor, rejectionOf, shownMessage, useOfflineEcwid, perform, page, ecwidGet } from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

const find = (code: unknown) => perform<unknown[]>('searches', 'find_discount_coupon', bundleFor({ code }));
const searchFor = (code: string) => ecwidGet('/discount_coupons', { code, limit: '100', offset: '0' });

const WELCOME = {
  id: 51001,
  name: '10% off',
  code: 'WELCOME10',
  discountType: 'PERCENT',
  status: 'ACTIVE',
  discount: 10,
  launchDate: '2024-09-04 07:22:09 +0400',
  usesLimit: 'ONCEPERCUSTOMER',
  repeatCustomerOnly: true,
  creationDate: '2024-09-04 07:22:09 +0000',
  updateDate: '2024-09-05 08:00:00 +0000',
  orderCount: 3,
  catalogLimit: { products: [7011], categories: [] },
};

describe('find_discount_coupon', () => {
  test('finds the coupon whose code is exactly the one given, in any case; a longer code is no match', async () => {
    searchFor('welcome10').reply(200, page([{ ...WELCOME, id: 9, code: 'WELCOME100' }, WELCOME]));
    expect(await find(' welcome10 ')).toEqual([
      {
        ...WELCOME,
        launchDate: '2024-09-04T07:22:09+04:00',
        expirationDate: null,
        totalLimit: 0,
        applicationLimit: 'REPEAT_CUSTOMER_ONLY',
        creationDate: '2024-09-04T07:22:09+00:00',
        updateDate: '2024-09-05T08:00:00+00:00',
        shippingLimit: { shippingMethods: [] },
      },
    ]);
  });

  test('a numeric code is searched as a code, never read as a coupon id', async () => {
    searchFor('2024').reply(200, page([{ ...WELCOME, code: '2024' }]));
    expect(await find(2024)).toHaveLength(1);
  });

  test('no coupon: []', async () => {
    searchFor('NOPE').reply(200, page([]));
    expect(await find('NOPE')).toEqual([]);
  });

  test('a 404 from Ecwid: []', async () => {
    searchFor('GONE').reply(404, { errorMessage: 'Coupon not found', errorCode: 'DISCOUNT_COUPON_NOT_FOUND' });
    expect(await find('GONE')).toEqual([]);
  });

  test('other Ecwid errors are not mistaken for "no coupon"', async () => {
    searchFor('X').reply(403, { errorCode: 'DISCOUNTS_FEATURE_NOT_AVAILABLE' });
    expect(shownMessage(await rejectionOf(find('X')))).toMatch(/Discount coupons are not available for this store/);
  });

  test('an empty code is an error naming the field; nothing is sent', async () => {
    expect(shownMessage(await rejectionOf(find('  ')))).toBe(
      'Code is required. Fill in the field or map a value into it.',
    );
  });
});
