/**
 * Update Product end to end against the sandbox store.
 */
import { describe, expect, test } from '@jest/globals';
import { PRODUCT_OUTPUT_FIELDS, PRODUCT_OUTPUT_SAMPLE } from '../../lib/catalog/products.js';
import { liveProblems, rejectionOf, shownMessage } from '../helpers.js';
import { useProductSandbox } from './product-sandbox.js';

const { run, stored } = useProductSandbox();

describe('Update Product against the sandbox', () => {
  test('only the fields given change; a SKU another product holds is refused', async () => {
    await run('create_product', { name: 'Trail Socks', sku: 'SOCK-TRAIL', price: 7.5 }); // the product that holds the SKU below
    const product = await run('create_product', {
      name: 'Beanie',
      sku: 'BEANIE',
      price: 20,
      quantity: 5,
      description: '<p>Warm</p>',
    });
    const updated = await run('update_product', {
      productId: String(product.id),
      price: '17.95',
      enabled: 'no',
      name: 'Beanie (Sale)',
    });
    expect(updated).toMatchObject({
      id: product.id,
      price: 17.95,
      enabled: false,
      name: 'Beanie (Sale)',
      sku: 'BEANIE',
      description: '<p>Warm</p>',
      quantity: 5,
    });
    expect(stored(product.id)).toMatchObject({ price: 17.95, enabled: false, name: 'Beanie (Sale)', sku: 'BEANIE' });
    expect(liveProblems('update_product', PRODUCT_OUTPUT_SAMPLE, [updated], PRODUCT_OUTPUT_FIELDS)).toEqual([]);

    const error = await rejectionOf(run('update_product', { productId: product.id, sku: 'SOCK-TRAIL' }));
    expect(shownMessage(error)).toMatch(
      /^A product with the SKU "SOCK-TRAIL" already exists in this Ecwid store \("Trail Socks", product ID \d+\)\./,
    );
    expect(stored(product.id).sku).toBe('BEANIE');
    const missing = await rejectionOf(run('update_product', { productId: 999999999, price: 1 }));
    expect(shownMessage(missing)).toBe('Ecwid has no product "999999999" in this store. Check the Product field.');
  });
});
