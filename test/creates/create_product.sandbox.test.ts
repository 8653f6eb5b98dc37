/**
 * Create Product end to end against the sandbox store, including Zapier's replays after lost answers.
 */
import { describe, expect, test } from '@jest/globals';
import { PRODUCT_OUTPUT_FIELDS, PRODUCT_OUTPUT_SAMPLE } from '../../lib/catalog/products.js';
import { liveProblems, rejectionOf, shownMessage } from '../helpers.js';
import { withReplays } from '../sandbox-store.js';
import { useProductSandbox } from './product-sandbox.js';

const { shop, run, stored } = useProductSandbox();

describe('Create Product against the sandbox', () => {
  test('stored as asked, returned with every output field; a replay returns it; another product with the SKU is refused', async () => {
    const [shoes, sneakers] = shop.sandbox.store.categories;
    const input = {
      name: 'Trail Socks',
      sku: 'SOCK-TRAIL',
      price: '7.5',
      compareToPrice: 9,
      quantity: '40',
      categoryIds: [String(shoes.id), String(sneakers.id)],
      description: '<p>Merino</p>',
      enabled: 'true',
    };
    const before = shop.sandbox.store.products.length;
    const product = await run('create_product', input);
    expect(product).toMatchObject({
      name: 'Trail Socks',
      sku: 'SOCK-TRAIL',
      price: 7.5,
      compareToPrice: 9,
      quantity: 40,
      unlimited: false,
      inStock: true,
      enabled: true,
      categoryIds: [shoes.id, sneakers.id],
      description: '<p>Merino</p>',
    });
    expect(stored(product.id)).toMatchObject({ name: 'Trail Socks', sku: 'SOCK-TRAIL', quantity: 40 });
    expect(product.created).toBe(new Date(shop.sandbox.clock.now()).toISOString().replace(/\.\d{3}Z$/, '+00:00'));
    expect(liveProblems('create_product', PRODUCT_OUTPUT_SAMPLE, [product], PRODUCT_OUTPUT_FIELDS)).toEqual([]);

    expect(await run('create_product', input)).toEqual(product);
    expect(shop.sandbox.store.products.length).toBe(before + 1);
    const other = await rejectionOf(run('create_product', { ...input, name: 'Wool Socks' }));
    expect(shownMessage(other)).toMatch(
      /^A product with the SKU "SOCK-TRAIL" already exists in this Ecwid store \("Trail Socks", product ID \d+\) with a different Product Name\./,
    );
    expect(shop.sandbox.store.products.length).toBe(before + 1);
  });

  test('without stock fields: unlimited; without a SKU: Ecwid makes one up', async () => {
    const product = await run('create_product', { name: 'Gift Card', price: 25 });
    expect(product).toMatchObject({ name: 'Gift Card', unlimited: true, quantity: null, enabled: true });
    expect(product.sku).not.toBe('');
  });

  test('replayed after lost answers (cut-off bodies, 5xx, 429): exactly one product, returned', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      shop.sandbox.setKnobs({ faults: { errorRate: 0.3, truncateRate: 0.3, seed } });
      const sku = `REPLAY-${seed}`;
      const outcome = await withReplays(() =>
        run('create_product', { name: `Replayed ${seed}`, sku, price: seed, quantity: 3 }),
      );
      shop.sandbox.setKnobs({ faults: { errorRate: 0, truncateRate: 0 } });
      const mine = shop.sandbox.store.products.filter((p) => p.sku === sku);
      expect({ seed, error: outcome.error && shownMessage(outcome.error), count: mine.length }).toEqual({
        seed,
        error: undefined,
        count: 1,
      });
      expect(outcome.result).toMatchObject({ id: mine[0].id, sku, price: seed });
    }
  });
});
