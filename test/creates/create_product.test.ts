import { describe, expect, test } from '@jest/globals';
import {
  ecwidPostJson,
  rejectionOf,
  shownMessage,
  useOfflineCreate,
  page,
  expectInvalidInput,
  refusalOf,
  ecwidGet,
  ecwidApi,
} from '../helpers.js';
import { ecwidProduct } from './ecwid-product.js';

const create = useOfflineCreate('create_product');
const skuSearch = (sku: string) => ecwidGet('/products', { sku, limit: '100', offset: '0' });

const EVERY_FIELD = {
  name: ' Enamel Mug ',
  sku: 'MUG-01',
  price: '12.50',
  compareToPrice: 15,
  quantity: '10',
  unlimited: '',
  categoryIds: ['9691094', '9691095'],
  description: '<p>Camp mug</p>\n',
  enabled: 'yes',
};
const EVERY_FIELD_BODY = {
  name: 'Enamel Mug',
  sku: 'MUG-01',
  price: 12.5,
  compareToPrice: 15,
  quantity: 10,
  unlimited: false,
  categoryIds: [9691094, 9691095],
  description: '<p>Camp mug</p>',
  enabled: true,
};

describe('create_product: the request', () => {
  test('POSTs exactly the body a careful human would, as JSON, then reads the product back', async () => {
    const stored = ecwidProduct({ compareToPrice: 15, categoryIds: [9691094, 9691095] });
    ecwidPostJson('/products', EVERY_FIELD_BODY)
      .matchHeader('authorization', /^Bearer /)
      .reply(200, { id: 555 });
    ecwidApi().get('/products/555').reply(200, stored);
    expect(await create(EVERY_FIELD)).toEqual({
      ...stored,
      created: '2025-06-01T09:15:42+00:00',
      updated: '2025-06-01T09:15:42+00:00',
      descriptionText: 'Camp mug',
      itemCode: 'MUG-01',
      itemName: 'Enamel Mug',
    });
  });

  test.each([
    [
      'a name alone: unlimited stock and enabled, said explicitly',
      { name: 'Gift Card' },
      { name: 'Gift Card', unlimited: true, enabled: true },
    ],
    ['Unlimited Stock yes', { name: 'E-book', unlimited: 'true' }, { name: 'E-book', unlimited: true, enabled: true }],
    [
      'Unlimited Stock no without a quantity: tracked, starting at 0',
      { name: 'Pre-order', unlimited: false },
      { name: 'Pre-order', quantity: 0, unlimited: false, enabled: true },
    ],
    [
      'a quantity of 0 and Unlimited Stock no',
      { name: 'Sold out', quantity: 0, unlimited: 'no' },
      { name: 'Sold out', quantity: 0, unlimited: false, enabled: true },
    ],
    [
      'a disabled product, price 0 kept',
      { name: 'Hidden', enabled: 'false', price: 0 },
      { name: 'Hidden', price: 0, unlimited: true, enabled: false },
    ],
    [
      'blank optional fields are left out',
      { name: 'Plain', sku: '  ', price: '', description: '', categoryIds: [''] },
      { name: 'Plain', unlimited: true, enabled: true },
    ],
    [
      'categories as one mapped comma-separated text',
      { name: 'Cap', categoryIds: '11, 12,11' },
      { name: 'Cap', categoryIds: [11, 12], unlimited: true, enabled: true },
    ],
  ])('%s', async (_what, input, body) => {
    ecwidApi().post('/products', body).reply(200, { id: 9 });
    ecwidApi()
      .get('/products/9')
      .reply(200, ecwidProduct({ id: 9, name: body.name }));
    expect(await create(input)).toMatchObject({ id: 9, name: body.name });
  });
});

describe('create_product: duplicate SKUs and retries', () => {
  test('a 409 for the same product (an earlier attempt of this step) returns it; nothing else is created', async () => {
    ecwidApi()
      .post('/products', EVERY_FIELD_BODY)
      .reply(409, { errorMessage: 'A product with the SKU MUG-01 already exists', errorCode: 'SKU_ALREADY_EXISTS' });
    skuSearch('MUG-01').reply(200, page([ecwidProduct({ quantity: 7, compareToPrice: 15 })]));
    ecwidApi()
      .get('/products/555')
      .reply(200, ecwidProduct({ quantity: 7, compareToPrice: 15 }));
    expect(await create(EVERY_FIELD)).toMatchObject({ id: 555, sku: 'MUG-01', quantity: 7 });
  });

  test('a 409 for another product names the SKU, the product and what differs', async () => {
    ecwidApi().post('/products').reply(409, { errorCode: 'SKU_ALREADY_EXISTS' });
    skuSearch('MUG-01').reply(200, page([ecwidProduct({ name: 'Steel Mug', price: 9 })]));
    const error = await rejectionOf(create({ name: 'Enamel Mug', sku: 'MUG-01', price: 12.5, quantity: 4 }));
    expect(shownMessage(error)).toBe(
      'A product with the SKU "MUG-01" already exists in this Ecwid store ("Steel Mug", product ID 555) with a different Product Name, Price. ' +
        'Use Update Product to change it, or give this product another SKU (Ecwid admin → Catalog → Products shows every SKU).',
    );
    expect(JSON.parse(error.message)).toMatchObject({ code: 'SKU_ALREADY_EXISTS', status: 409 });
  });

  test('a 409 where only a variation carries the SKU still names the SKU', async () => {
    ecwidApi().post('/products').reply(409, { errorCode: 'SKU_ALREADY_EXISTS' });
    skuSearch('MUG-01').reply(200, page([ecwidProduct({ sku: 'MUG', name: 'Mug with sizes' })]));
    expect(await refusalOf(create({ name: 'Enamel Mug', sku: 'MUG-01' }))).toMatch(
      /^A product with the SKU "MUG-01" already exists in this Ecwid store\. Use Update Product/,
    );
  });

  test('a POST whose answer is lost (503) but which landed returns the product instead of letting Zapier create a second', async () => {
    ecwidApi().post('/products').reply(503, '');
    skuSearch('MUG-01').reply(200, page([ecwidProduct({ compareToPrice: 15 })]));
    ecwidApi()
      .get('/products/555')
      .reply(200, ecwidProduct({ compareToPrice: 15 }));
    expect(await create(EVERY_FIELD)).toMatchObject({ id: 555 });
  });

  test('a 503 for a product that did not land is left to Zapier to retry', async () => {
    ecwidApi().post('/products').reply(503, '');
    skuSearch('MUG-01').reply(200, page([]));
    await expect(create(EVERY_FIELD)).rejects.toHaveProperty('name', 'ThrottledError');
  });

  test('without a SKU there is nothing to look up: a 503 goes straight back to Zapier', async () => {
    ecwidApi().post('/products', { name: 'No SKU', unlimited: true, enabled: true }).reply(503, '');
    await expect(create({ name: 'No SKU' })).rejects.toHaveProperty('name', 'ThrottledError');
  });

  test("a 400 from Ecwid is not taken for a duplicate: no look-up, Ecwid's words shown", async () => {
    ecwidApi()
      .post('/products')
      .reply(400, { errorMessage: 'Category 1 does not exist', errorCode: 'WRONG_PARAMETER' });
    expect(await refusalOf(create({ name: 'Cap', sku: 'CAP', categoryIds: '1' }))).toContain(
      'Ecwid says: "Category 1 does not exist"',
    );
  });

  test('once the product exists nothing throws: a failed read-back returns what was sent, with its id', async () => {
    ecwidApi().post('/products').reply(200, { id: 77 });
    ecwidApi().get('/products/77').reply(500, '');
    expect(await create({ name: 'Kept', sku: 'K-1', price: 3 })).toMatchObject({
      id: 77,
      name: 'Kept',
      sku: 'K-1',
      price: 3,
      unlimited: true,
      quantity: null,
      enabled: true,
      created: null,
    });
  });
});

describe('create_product: nothing is sent when a field is wrong', () => {
  test.each([
    [{ name: '' }, 'Product Name is required. Fill in the field or map a value into it.'],
    [{ price: '12,50' }, 'Price must be a number, like 10 or 12.5 (got "12,50").'],
    [{ price: '$5' }, /^Price must be a number/],
    [{ price: -1 }, 'Price must be 0 or more in the store currency (got "-1").'],
    [{ compareToPrice: 'abc' }, /^Compare-To Price must be a number/],
    [{ quantity: '2.5' }, 'Quantity in Stock must be a whole number, like 5 (got "2.5").'],
    [{ quantity: -3 }, /^Quantity in Stock must be between 0 and 2147483647/],
    [
      { quantity: 5, unlimited: true },
      'Quantity in Stock must be empty when Unlimited Stock is yes: a product with unlimited stock has no quantity (got 5). Clear one of the two fields.',
    ],
    [{ unlimited: 'maybe' }, 'Unlimited Stock must be yes or no (got "maybe").'],
    [{ enabled: 'visible' }, 'Enabled must be yes or no (got "visible").'],
    [{ categoryIds: 'Shoes' }, 'Categories must be chosen from the dropdown (got "Shoes", which is not an Ecwid id).'],
    [{ sku: { code: 'A' } }, /^SKU must be a single text value/],
    [{ description: ['<p>a</p>', '<p>b</p>'] }, /^Description must be a single text value/],
  ])('%p', async (change, message) => {
    await expectInvalidInput(create({ name: 'Enamel Mug', ...change }), message);
  });
});
