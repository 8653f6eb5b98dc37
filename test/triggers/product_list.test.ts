import { expect, test } from '@jest/globals';
import { choicesOf, describeDropdown, ecwidGet, page, pageQuery } from '../helpers.js';

describeDropdown('product_list', { pages: true }, () => {
  test('page 1: offset 100, by name, labelled "Name (SKU)"', async () => {
    const byName = { sortBy: 'NAME_ASC', responseFields: 'total,count,offset,limit,items(id,name,sku)' };
    ecwidGet('/products', pageQuery(100, byName)).reply(
      200,
      page(
        [
          { id: 37208342, name: 'Trail Running Sneakers', sku: 'SNK-RUN-42' },
          { id: 7, name: 'Gift wrap' },
          { id: 8, sku: 'X1' },
        ],
        100,
      ),
    );
    expect(await choicesOf('product_list', 1)).toEqual([
      { id: '37208342', name: 'Trail Running Sneakers (SNK-RUN-42)' },
      { id: '7', name: 'Gift wrap' },
      { id: '8', name: 'Product 8 (X1)' },
    ]);
  });
});
