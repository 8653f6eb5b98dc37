import { expect, test } from '@jest/globals';
import { choicesOf, describeDropdown, ecwidGet, page, pageQuery } from '../helpers.js';

/** The query of a read of categories from `offset`, of the categories `categoryIds` when given. */
const categoryQuery = (offset: number, categoryIds?: string) =>
  pageQuery(offset, {
    ...(categoryIds === undefined ? {} : { categoryIds }),
    hidden_categories: 'true',
    responseFields: 'total,count,offset,limit,items(id,parentId,name,enabled)',
  });

describeDropdown('category_list', { pages: true }, () => {
  test('page 0: every category (hidden ones marked), named by its path; missing parents asked for by id, level by level', async () => {
    ecwidGet('/categories', categoryQuery(0)).reply(
      200,
      page([
        { id: 30, parentId: 20, name: 'Trail', enabled: true },
        { id: 11, name: 'Shoes', enabled: true },
        { id: 12, parentId: 11, name: 'Sneakers', enabled: false },
      ]),
    );
    ecwidGet('/categories', categoryQuery(0, '20')).reply(200, page([{ id: 20, parentId: 10, name: 'Running' }]));
    ecwidGet('/categories', categoryQuery(0, '10')).reply(200, page([{ id: 10, name: 'Sports' }]));
    expect(await choicesOf('category_list')).toEqual([
      { id: '11', name: 'Shoes' },
      { id: '12', name: 'Shoes › Sneakers (hidden)' },
      { id: '30', name: 'Sports › Running › Trail' },
    ]);
  });

  test('page 2 starts at offset 200; a server that ignores categoryIds only shortens the path', async () => {
    ecwidGet('/categories', categoryQuery(200)).reply(200, page([{ id: 230, parentId: 5, name: 'Socks' }], 200));
    ecwidGet('/categories', categoryQuery(0, '5')).reply(200, page([{ id: 1, name: 'Unrelated' }]));
    expect(await choicesOf('category_list', 2)).toEqual([{ id: '230', name: 'Socks' }]);
  });
});
