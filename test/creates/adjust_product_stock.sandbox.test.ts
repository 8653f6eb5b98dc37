/**
 * Adjust Product Stock end to end against the sandbox store, including two changes at once and Zapier's replays
 * after lost answers.
 */
import { describe, expect, test } from '@jest/globals';
import { STOCK_ADJUSTMENT_OUTPUT_FIELDS, STOCK_ADJUSTMENT_OUTPUT_SAMPLE } from '../../lib/catalog/product-writes.js';
import { liveProblems, shownMessage } from '../helpers.js';
import { withReplays } from '../sandbox-store.js';
import { useProductSandbox } from './product-sandbox.js';

const { shop, run, stored } = useProductSandbox();

describe('Adjust Product Stock against the sandbox', () => {
  test("the new quantity; two changes at once both count; below zero comes with Ecwid's warning", async () => {
    const product = await run('create_product', { name: 'Camp Mug', sku: 'MUG-CAMP', quantity: 5 });
    const added = await run('adjust_product_stock', { productId: String(product.id), quantityDelta: '7' });
    expect(added).toMatchObject({ id: product.id, quantity: 12, quantityDelta: 7, warning: '' });
    expect(
      liveProblems('adjust_product_stock', STOCK_ADJUSTMENT_OUTPUT_SAMPLE, [added], STOCK_ADJUSTMENT_OUTPUT_FIELDS),
    ).toEqual([]);

    // Two Zaps (or a Zap and a storefront sale) at the same moment: neither overwrites the other.
    const [a, b] = await Promise.all([
      run('adjust_product_stock', { productId: product.id, quantityDelta: -3 }),
      run('adjust_product_stock', { productId: product.id, quantityDelta: -4 }),
    ]);
    expect([a.quantityDelta, b.quantityDelta]).toEqual([-3, -4]);
    expect(stored(product.id).quantity).toBe(5);
    expect(Math.min(a.quantity, b.quantity)).toBe(5);

    const below = await run('adjust_product_stock', { productId: product.id, quantityDelta: -8 });
    expect(below.quantityDelta).toBe(-8);
    expect(below.quantity).toBe(stored(product.id).quantity);
    expect(below.warning).not.toBe('');
  });

  test('on unlimited stock: nothing is sent to the inventory endpoint, a note comes back', async () => {
    const product = await run('create_product', { name: 'E-book', sku: 'EBOOK-1', unlimited: 'yes' });
    const from = shop.sandbox.requests.length;
    const result = await run('adjust_product_stock', { productId: product.id, quantityDelta: -1 });
    expect(result).toMatchObject({ unlimited: true, quantity: null, quantityDelta: 0 });
    expect(result.warning).toMatch(/has unlimited stock/);
    expect(
      shop.sandbox.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/api\/v3\/\d+/, '')}`),
    ).toEqual([`GET /products/${product.id}`]);
  });

  test('replayed after lost answers: applied exactly once, or the step stops saying it cannot tell — never twice', async () => {
    const product = await run('create_product', { name: 'Replay Mug', sku: 'MUG-REPLAY', quantity: 1000 });
    let expected = 1000;
    const ends = { done: 0, uncertain: 0 };
    for (let seed = 1; seed <= 10; seed++) {
      shop.sandbox.setKnobs({ faults: { errorRate: 0.3, truncateRate: 0.3, seed } });
      const outcome = await withReplays(() =>
        run('adjust_product_stock', { productId: product.id, quantityDelta: -seed }),
      );
      shop.sandbox.setKnobs({ faults: { errorRate: 0, truncateRate: 0 } });
      const quantity = stored(product.id).quantity;
      if (outcome.error) {
        // It cannot tell, and says so: the change landed once or not at all — never twice.
        expect(shownMessage(outcome.error)).toMatch(
          /^Ecwid did not confirm the Quantity Change of -\d+ for "Replay Mug"/,
        );
        expect([expected, expected - seed]).toContain(quantity);
        ends.uncertain += 1;
      } else {
        expect({ seed, quantity }).toEqual({ seed, quantity: expected - seed });
        expect(outcome.result).toMatchObject({ quantityDelta: -seed, quantity: expected - seed });
        ends.done += 1;
      }
      expected = quantity!;
    }
    expect(ends.done).toBeGreaterThan(0);
  });
});
