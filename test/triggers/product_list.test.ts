import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { API, API_PATH, choicesOf, dropdownDeclaration, page, useOfflineEcwid } from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

describe('product_list', () => {
  test('is a hidden trigger that pages', () => {
    expect(dropdownDeclaration('product_list')).toEqual({ hidden: true, pages: true });
  });

  test('page 1: offset 100, by name, labelled "Name (SKU)"', async () => {
    nock(API)
      .get(`${API_PATH}/products`)
      .query({ sortBy: 'NAME_ASC', responseFields: 'total,count,offset,limit,items(id,name,sku)', limit: '100', offset: '100' })
      .reply(200, page([{ id: 37208342, name: 'Trail Running Sneakers', sku: 'SNK-RUN-42' }, { id: 7, name: 'Gift wrap' }, { id: 8, sku: 'X1' }], 100));
    expect(await choicesOf('product_list', 1)).toEqual([
      { id: '37208342', name: 'Trail Running Sneakers (SNK-RUN-42)' },
      { id: '7', name: 'Gift wrap' },
      { id: '8', name: 'Product 8 (X1)' },
    ]);
  });
});
