import { describe, expect, test } from '@jest/globals';
import { useOfflineCreate, page, expectInvalidInput, refusalOf, ecwidGet, ecwidApi } from '../helpers.js';
import { ecwidProduct } from './ecwid-product.js';

const update = useOfflineCreate('update_product');

describe('update_product: the request', () => {
  test('PUTs every field given, as JSON, then reads the product back', async () => {
    const stored = ecwidProduct({
      name: 'Mug, Blue',
      sku: 'MUG-02',
      price: 9.95,
      compareToPrice: 12,
      enabled: false,
      description: '<p>New</p>',
    });
    ecwidApi()
      .put('/products/555', {
        price: 9.95,
        compareToPrice: 12,
        enabled: false,
        name: 'Mug, Blue',
        sku: 'MUG-02',
        description: '<p>New</p>',
      })
      .matchHeader('content-type', 'application/json')
      .reply(200, { updateCount: 1 });
    ecwidApi().get('/products/555').reply(200, stored);
    const result = await update({
      productId: '555',
      price: '9.95',
      compareToPrice: 12,
      enabled: 'no',
      name: ' Mug, Blue ',
      sku: 'MUG-02',
      description: '<p>New</p>',
    });
    expect(result).toEqual({
      ...stored,
      created: '2025-06-01T09:15:42+00:00',
      updated: '2025-06-01T09:15:42+00:00',
      descriptionText: 'New',
      itemCode: 'MUG-02',
      itemName: 'Mug, Blue',
    });
  });

  test.each([
    ['a price alone', { price: 0 }, { price: 0 }],
    ['enabled yes alone', { enabled: true }, { enabled: true }],
    [
      'a description alone, blanks elsewhere kept',
      { description: '<b>x</b>', name: '', sku: ' ', price: null },
      { description: '<b>x</b>' },
    ],
    ['a product id mapped as a number', { productId: 555, name: 'Renamed' }, { name: 'Renamed' }],
  ])('only what was given: %s', async (_what, change, body) => {
    ecwidApi().put('/products/555', body).reply(200, { updateCount: 1 });
    ecwidApi().get('/products/555').reply(200, ecwidProduct());
    expect(await update({ productId: '555', ...change })).toMatchObject({ id: 555 });
  });

  test('a product that is gone is an error naming the field', async () => {
    ecwidApi().put('/products/404').reply(404, { errorCode: 'PRODUCT_NOT_FOUND' });
    expect(await refusalOf(update({ productId: 404, price: 1 }))).toBe(
      'Ecwid has no product "404" in this store. Check the Product field.',
    );
  });

  test('a SKU another product holds is an error naming the SKU and that product', async () => {
    ecwidApi().put('/products/555', { sku: 'TAKEN' }).reply(409, { errorCode: 'SKU_ALREADY_EXISTS' });
    ecwidGet('/products', { sku: 'TAKEN', limit: '100', offset: '0' }).reply(
      200,
      page([ecwidProduct({ id: 600, sku: 'TAKEN', name: 'Other' })]),
    );
    expect(await refusalOf(update({ productId: 555, sku: 'TAKEN' }))).toMatch(
      /^A product with the SKU "TAKEN" already exists in this Ecwid store \("Other", product ID 600\)\. Use Update Product/,
    );
  });

  test('a replay sends the same PUT again (safe: the product ends the same)', async () => {
    ecwidApi().put('/products/555', { price: 5 }).times(2).reply(200, { updateCount: 1 });
    ecwidApi()
      .get('/products/555')
      .times(2)
      .reply(200, ecwidProduct({ price: 5 }));
    const first = await update({ productId: 555, price: 5 });
    expect(await update({ productId: 555, price: 5 })).toEqual(first);
  });
});

describe('update_product: nothing is sent when a field is wrong', () => {
  test.each([
    [{ productId: '' }, 'Product is required. Choose one from the dropdown, or map its ID from an earlier step.'],
    [
      { productId: 'Enamel Mug' },
      'Product must be chosen from the dropdown (got "Enamel Mug", which is not an Ecwid id).',
    ],
    [{ productId: '0' }, /^Product must be chosen from the dropdown/],
    [{ productId: '1/../2' }, /^Product must be chosen from the dropdown/],
    [{ price: '-0.01' }, 'Price must be 0 or more in the store currency (got "-0.01").'],
    [{ compareToPrice: '1 000' }, /^Compare-To Price must be a number/],
    [{ enabled: 'hidden' }, 'Enabled must be yes or no (got "hidden").'],
    [{ name: { en: 'Mug' } }, /^Product Name must be a single text value/],
    [
      { price: '', name: ' ', enabled: null },
      'Nothing to change: fill in at least one of Price, Compare-To Price, Enabled, Product Name, SKU or Description.',
    ],
  ])('%p', async (change, message) => {
    await expectInvalidInput(update({ productId: '555', price: 1, ...change }), message);
  });
});
