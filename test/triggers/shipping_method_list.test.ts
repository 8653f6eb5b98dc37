import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { API, API_PATH, choicesOf, dropdownDeclaration, useOfflineEcwid } from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

describe('shipping_method_list', () => {
  test('is a hidden trigger with one page', () => {
    expect(dropdownDeclaration('shipping_method_list')).toEqual({ hidden: true, pages: false });
  });

  test('the methods from the store profile, enabled ones first', async () => {
    nock(API)
      .get(`${API_PATH}/profile`)
      .query({ responseFields: 'shipping(shippingOptions(id,title,enabled))' })
      .reply(200, {
        shipping: {
          shippingOptions: [
            { id: '37151-1623844935660', title: 'Old courier', enabled: false },
            { id: '6589-1709547151586', title: 'DHL Express', enabled: true },
            { id: '1-2', title: 'Local pickup' },
            { title: 'no id' },
          ],
        },
      });
    expect(await choicesOf('shipping_method_list')).toEqual([
      { id: '6589-1709547151586', name: 'DHL Express' },
      { id: '1-2', name: 'Local pickup' },
      { id: '37151-1623844935660', name: 'Old courier (disabled)' },
    ]);
  });

  test('a store without shipping settings gives an empty list; there is no page 2', async () => {
    nock(API).get(`${API_PATH}/profile`).query(true).reply(200, {});
    expect(await choicesOf('shipping_method_list')).toEqual([]);
    expect(await choicesOf('shipping_method_list', 1)).toEqual([]);
  });
});
