import { describe, expect, test } from '@jest/globals';
import { PRODUCT_OUTPUT_SAMPLE } from '../../lib/catalog/products.js';
import { bundleFor, rejectionOf, shownMessage, useOfflineEcwid, perform, page, ecwidGet } from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

const find = (input: Record<string, unknown>) => perform<any[]>('searches', 'find_product', bundleFor(input));

/** The sample as Ecwid sends it. */
const SNEAKERS = {
  ...PRODUCT_OUTPUT_SAMPLE,
  created: '2025-05-12 08:30:00 +0000',
  updated: '2025-06-01 10:12:45 +0000',
  options: [{ type: 'SIZE', name: 'Size', choices: [{ text: '42' }] }],
};

describe('find_product', () => {
  test('by SKU: the product with that SKU first, then one whose variation has it; ISO dates, every field', async () => {
    ecwidGet('/products', { sku: 'SNK-RUN-42', limit: '100', offset: '0' }).reply(
      200,
      page([{ id: 5, sku: 'SNK-RUN', name: 'Trail Running Sneakers (all sizes)', unlimited: true }, SNEAKERS]),
    );
    const result = await find({ sku: ' SNK-RUN-42 ', keyword: 'ignored when the SKU is given' });
    expect(result[0]).toEqual({ ...PRODUCT_OUTPUT_SAMPLE, options: SNEAKERS.options });
    expect(result[1]).toMatchObject({
      id: 5,
      sku: 'SNK-RUN',
      quantity: null,
      unlimited: true,
      compareToPrice: null,
      categoryIds: [],
      created: null,
    });
  });

  test("by keyword: the ten best matches in Ecwid's order", async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, name: `Sneaker ${i}`, price: 10 + i }));
    ecwidGet('/products', { keyword: 'sneaker', limit: '10', offset: '0' }).reply(200, { ...page(items), limit: 10 });
    const result = await find({ keyword: 'sneaker' });
    expect(result.map((p) => p.id)).toEqual(items.map((p) => p.id));
  });

  test('nothing found, or a 404: []', async () => {
    ecwidGet('/products', { sku: 'NONE', limit: '100', offset: '0' }).reply(200, page([]));
    expect(await find({ sku: 'NONE' })).toEqual([]);
    ecwidGet('/products', { keyword: 'gone', limit: '10', offset: '0' }).reply(404, { errorCode: 'PRODUCT_NOT_FOUND' });
    expect(await find({ keyword: 'gone' })).toEqual([]);
  });

  test('neither SKU nor keyword: an error naming both; nothing is sent', async () => {
    expect(shownMessage(await rejectionOf(find({ sku: ' ', keyword: '' })))).toBe(
      'SKU or Keyword is required: fill in one of them.',
    );
  });
});
