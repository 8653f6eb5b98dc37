import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { API, API_PATH, choicesOf, dropdownDeclaration, page, useOfflineEcwid } from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

const CATEGORY_FIELDS = 'total,count,offset,limit,items(id,parentId,name,enabled)';

describe('category_list', () => {
  test('is a hidden trigger that pages', () => {
    expect(dropdownDeclaration('category_list')).toEqual({ hidden: true, pages: true });
  });

  test('page 0: every category (hidden ones marked), named by its path; missing parents asked for by id, level by level', async () => {
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(
        200,
        page([
          { id: 30, parentId: 20, name: 'Trail', enabled: true },
          { id: 11, name: 'Shoes', enabled: true },
          { id: 12, parentId: 11, name: 'Sneakers', enabled: false },
        ]),
      );
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ categoryIds: '20', hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(200, page([{ id: 20, parentId: 10, name: 'Running' }]));
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ categoryIds: '10', hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(200, page([{ id: 10, name: 'Sports' }]));
    expect(await choicesOf('category_list')).toEqual([
      { id: '11', name: 'Shoes' },
      { id: '12', name: 'Shoes › Sneakers (hidden)' },
      { id: '30', name: 'Sports › Running › Trail' },
    ]);
  });

  test('page 2 starts at offset 200; a server that ignores categoryIds only shortens the path', async () => {
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '200' })
      .reply(200, page([{ id: 230, parentId: 5, name: 'Socks' }], 200));
    nock(API)
      .get(`${API_PATH}/categories`)
      .query({ categoryIds: '5', hidden_categories: 'true', responseFields: CATEGORY_FIELDS, limit: '100', offset: '0' })
      .reply(200, page([{ id: 1, name: 'Unrelated' }]));
    expect(await choicesOf('category_list', 2)).toEqual([{ id: '230', name: 'Socks' }]);
  });
});
