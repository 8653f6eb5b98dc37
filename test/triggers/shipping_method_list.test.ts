import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import { API, API_PATH, choicesOf, offline, resetEnv } from '../helpers.js';

beforeEach(() => {
  offline();
  resetEnv();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('shipping_method_list', () => {
  test('is a hidden trigger with one page', () => {
    const trigger = (App.triggers as Record<string, any>).shipping_method_list;
    expect(trigger.display.hidden).toBe(true);
    expect(trigger.operation.canPaginate === true).toBe(false);
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
