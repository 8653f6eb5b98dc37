import { describe, expect, test } from '@jest/globals';
import { toCustomerOutput } from '../../../lib/customers/customers.js';

describe('customer output', () => {
  test('the name falls back to the billing name; the General group is named', () => {
    expect(toCustomerOutput({ id: 1, billingPerson: { name: 'Jane Doe' } })).toMatchObject({
      name: 'Jane Doe',
      customerGroupId: 0,
      customerGroupName: 'General',
    });
    expect(toCustomerOutput({ id: 1, customerGroupId: 7, customerGroupName: 'VIP' })).toMatchObject({
      customerGroupId: 7,
      customerGroupName: 'VIP',
    });
  });
});
