import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { API, API_PATH, bundleFor, offline, rejectionOf, resetEnv, shownMessage } from './helpers.js';
import { APP, perform } from './creates/app.js';

beforeEach(() => {
  offline();
  resetEnv();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const list = (key: string, page = 0) => perform<Array<{ id: string; name: string }>>('triggers', key, bundleFor({}, { page, isFillingDynamicDropdown: true }));
const envelope = (items: unknown[], offset = 0) => ({ total: offset + items.length, count: items.length, offset, limit: 100, items });
const CATEGORY_FIELDS = 'total,count,offset,limit,items(id,parentId,name,enabled)';

describe('the dropdowns are hidden, paginated triggers', () => {
  test.each(['category_list', 'product_list', 'customer_group_list', 'shipping_method_list'])('%s', (key) => {
    const trigger = (APP.triggers as Record<string, any>)[key];
    expect(trigger.display.hidden).toBe(true);
    expect(trigger.operation.canPaginate === true).toBe(key !== 'shipping_method_list');
  });
});

describe('category_list', () => {
  test('page 0: every category (hidden ones marked), named by its path; missing parents asked for by id, level by level', async () => {
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(
        200,
        envelope([
          { id: 30, parentId: 20, name: 'Trail', enabled: true },
          { id: 11, name: 'Shoes', enabled: true },
          { id: 12, parentId: 11, name: 'Sneakers', enabled: false },
        ]),
      );
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ categoryIds: '20', hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(200, envelope([{ id: 20, parentId: 10, name: 'Running' }]));
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ categoryIds: '10', hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(200, envelope([{ id: 10, name: 'Sports' }]));
    expect(await list('category_list')).toEqual([
      { id: '11', name: 'Shoes' },
      { id: '12', name: 'Shoes › Sneakers (hidden)' },
      { id: '30', name: 'Sports › Running › Trail' },
    ]);
  });

  test('page 2 starts at offset 200; a server that ignores categoryIds only shortens the path', async () => {
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '200' })
      .reply(200, envelope([{ id: 230, parentId: 5, name: 'Socks' }], 200));
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ categoryIds: '5', hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(200, envelope([{ id: 1, name: 'Unrelated' }]));
    expect(await list('category_list', 2)).toEqual([{ id: '230', name: 'Socks' }]);
  });
});

describe('product_list', () => {
  test('page 1: offset 100, by name, labelled "Name (SKU)"', async () => {
    nock(API)
      .get(`${API_PATH}/products`)
      .query({ sortBy: 'NAME_ASC', responseFields: 'total,count,offset,limit,items(id,name,sku)', limit: '100', offset: '100' })
      .reply(200, envelope([{ id: 37208342, name: 'Trail Running Sneakers', sku: 'SNK-RUN-42' }, { id: 7, name: 'Gift wrap' }, { id: 8, sku: 'X1' }], 100));
    expect(await list('product_list', 1)).toEqual([
      { id: '37208342', name: 'Trail Running Sneakers (SNK-RUN-42)' },
      { id: '7', name: 'Gift wrap' },
      { id: '8', name: 'Product 8 (X1)' },
    ]);
  });
});

describe('customer_group_list', () => {
  test('the groups, General (id 0) included', async () => {
    nock(API)
      .get(`${API_PATH}/customer_groups`)
      .query({ responseFields: 'total,count,offset,limit,items(id,name)', limit: '100', offset: '0' })
      .reply(200, envelope([{ id: 0, name: 'General' }, { id: 12345, name: 'Wholesale' }]));
    expect(await list('customer_group_list')).toEqual([
      { id: '0', name: 'General' },
      { id: '12345', name: 'Wholesale' },
    ]);
  });

  test('a plan without customer groups (402) says so, not "upgrade for API access"', async () => {
    nock(API).get(`${API_PATH}/customer_groups`).query(true).reply(402, { errorMessage: 'Customer groups are not available' });
    expect(shownMessage(await rejectionOf(list('customer_group_list')))).toBe(
      "Customer Groups are not available on this store's Ecwid plan. Leave the Customer Group field empty.",
    );
  });
});

describe('shipping_method_list', () => {
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
    expect(await list('shipping_method_list')).toEqual([
      { id: '6589-1709547151586', name: 'DHL Express' },
      { id: '1-2', name: 'Local pickup' },
      { id: '37151-1623844935660', name: 'Old courier (disabled)' },
    ]);
  });

  test('a store without shipping settings gives an empty list; there is no page 2', async () => {
    nock(API).get(`${API_PATH}/profile`).query(true).reply(200, {});
    expect(await list('shipping_method_list')).toEqual([]);
    expect(await list('shipping_method_list', 1)).toEqual([]);
  });
});
