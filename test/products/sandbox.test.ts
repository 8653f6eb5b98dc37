/**
 * Create Product, Update Product and Adjust Product Stock end to end against the sandbox store (an independent
 * reading of Ecwid's behaviour), including Zapier's replays after lost answers and two stock changes at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import zapier from 'zapier-platform-core';
import { PRODUCT_OUTPUT_FIELDS, PRODUCT_OUTPUT_SAMPLE } from '../../lib/catalog/products.js';
import { STOCK_ADJUSTMENT_OUTPUT_FIELDS, STOCK_ADJUSTMENT_OUTPUT_SAMPLE } from '../../lib/catalog/product-writes.js';
import { checkApp, checkLiveOutput, formatFailure, type AppDef, type FieldOrFunction } from '../../tools/publishing/publishing-checks.js';
import type { Sandbox } from '../../tools/sandbox/server.js';
import { bundleFor, rejectionOf, resetEnv, shownMessage } from '../helpers.js';
import { startTestSandbox } from '../sandbox/helpers.js';
import { PRODUCT_APP, performAction, type ProductActionKey } from './app.js';

let sandbox: Sandbox;
const run = <T = any>(key: ProductActionKey, input: Record<string, unknown>) =>
  performAction<T>(key, bundleFor(input, {}, { access_token: sandbox.token, store_id: String(sandbox.storeId) }));
const stored = (id: number) => sandbox.store.products.find((p) => p.id === id)!;
const liveProblems = (key: string, sample: unknown, item: unknown, fields: readonly unknown[]) =>
  checkLiveOutput(key, sample, [item], fields as FieldOrFunction[]).map(formatFailure);

/** Zapier replays a step that failed with a ThrottledError; anything else ends the run. */
const withReplays = async <T>(step: () => Promise<T>): Promise<{ result?: T; error?: any; attempts: number }> => {
  for (let attempts = 1; attempts <= 40; attempts++) {
    try {
      return { result: await step(), attempts };
    } catch (error) {
      if ((error as Error).name !== 'ThrottledError') return { error, attempts };
    }
  }
  throw new Error('still failing after 40 replays');
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  delete process.env.ECWID_API_BASE_URL;
  await sandbox?.close();
});
beforeEach(() => {
  resetEnv();
  process.env.ECWID_API_BASE_URL = sandbox.apiBaseUrl;
  sandbox.setKnobs({ faults: { errorRate: 0, truncateRate: 0 } });
  // The app's "now" is the sandbox's (frozen, virtual) clock.
  jest.spyOn(Date, 'now').mockImplementation(() => sandbox.clock.now());
});

describe('the product actions against the sandbox', () => {
  test('Create Product: stored as asked, returned with every output field; a replay returns it; another product with the SKU is refused', async () => {
    const [shoes, sneakers] = sandbox.store.categories;
    const input = {
      name: 'Trail Socks', sku: 'SOCK-TRAIL', price: '7.5', compareToPrice: 9, quantity: '40',
      categoryIds: [String(shoes.id), String(sneakers.id)], description: '<p>Merino</p>', enabled: 'true',
    };
    const before = sandbox.store.products.length;
    const product = await run('create_product', input);
    expect(product).toMatchObject({
      name: 'Trail Socks', sku: 'SOCK-TRAIL', price: 7.5, compareToPrice: 9, quantity: 40, unlimited: false, inStock: true,
      enabled: true, categoryIds: [shoes.id, sneakers.id], description: '<p>Merino</p>',
    });
    expect(stored(product.id)).toMatchObject({ name: 'Trail Socks', sku: 'SOCK-TRAIL', quantity: 40 });
    expect(product.created).toBe(new Date(sandbox.clock.now()).toISOString().replace(/\.\d{3}Z$/, '+00:00'));
    expect(liveProblems('create_product', PRODUCT_OUTPUT_SAMPLE, product, PRODUCT_OUTPUT_FIELDS)).toEqual([]);

    expect(await run('create_product', input)).toEqual(product);
    expect(sandbox.store.products.length).toBe(before + 1);
    const other = await rejectionOf(run('create_product', { ...input, name: 'Wool Socks' }));
    expect(shownMessage(other)).toMatch(/^A product with the SKU "SOCK-TRAIL" already exists in this Ecwid store \("Trail Socks", product ID \d+\) with a different Product Name\./);
    expect(sandbox.store.products.length).toBe(before + 1);
  });

  test('Create Product without stock fields: unlimited; without a SKU: Ecwid makes one up', async () => {
    const product = await run('create_product', { name: 'Gift Card', price: 25 });
    expect(product).toMatchObject({ name: 'Gift Card', unlimited: true, quantity: null, enabled: true });
    expect(product.sku).not.toBe('');
  });

  test('Create Product replayed after lost answers (cut-off bodies, 5xx, 429): exactly one product, returned', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      sandbox.setKnobs({ faults: { errorRate: 0.3, truncateRate: 0.3, seed } });
      const sku = `REPLAY-${seed}`;
      const outcome = await withReplays(() => run('create_product', { name: `Replayed ${seed}`, sku, price: seed, quantity: 3 }));
      sandbox.setKnobs({ faults: { errorRate: 0, truncateRate: 0 } });
      const mine = sandbox.store.products.filter((p) => p.sku === sku);
      expect({ seed, error: outcome.error && shownMessage(outcome.error), count: mine.length }).toEqual({ seed, error: undefined, count: 1 });
      expect(outcome.result).toMatchObject({ id: mine[0].id, sku, price: seed });
    }
  });

  test('Update Product: only the fields given change; a SKU another product holds is refused', async () => {
    const product = await run('create_product', { name: 'Beanie', sku: 'BEANIE', price: 20, quantity: 5, description: '<p>Warm</p>' });
    const updated = await run('update_product', { productId: String(product.id), price: '17.95', enabled: 'no', name: 'Beanie (Sale)' });
    expect(updated).toMatchObject({ id: product.id, price: 17.95, enabled: false, name: 'Beanie (Sale)', sku: 'BEANIE', description: '<p>Warm</p>', quantity: 5 });
    expect(stored(product.id)).toMatchObject({ price: 17.95, enabled: false, name: 'Beanie (Sale)', sku: 'BEANIE' });
    expect(liveProblems('update_product', PRODUCT_OUTPUT_SAMPLE, updated, PRODUCT_OUTPUT_FIELDS)).toEqual([]);

    const error = await rejectionOf(run('update_product', { productId: product.id, sku: 'SOCK-TRAIL' }));
    expect(shownMessage(error)).toMatch(/^A product with the SKU "SOCK-TRAIL" already exists in this Ecwid store \("Trail Socks", product ID \d+\)\./);
    expect(stored(product.id).sku).toBe('BEANIE');
    const missing = await rejectionOf(run('update_product', { productId: 999999999, price: 1 }));
    expect(shownMessage(missing)).toBe('Ecwid has no product "999999999" in this store. Check the Product field.');
  });

  test('Adjust Product Stock: the new quantity; two changes at once both count; below zero comes with Ecwid\'s warning', async () => {
    const product = await run('create_product', { name: 'Camp Mug', sku: 'MUG-CAMP', quantity: 5 });
    const added = await run('adjust_product_stock', { productId: String(product.id), quantityDelta: '7' });
    expect(added).toMatchObject({ id: product.id, quantity: 12, quantityDelta: 7, warning: '' });
    expect(liveProblems('adjust_product_stock', STOCK_ADJUSTMENT_OUTPUT_SAMPLE, added, STOCK_ADJUSTMENT_OUTPUT_FIELDS)).toEqual([]);

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

  test('Adjust Product Stock on unlimited stock: nothing is sent to the inventory endpoint, a note comes back', async () => {
    const product = await run('create_product', { name: 'E-book', sku: 'EBOOK-1', unlimited: 'yes' });
    const from = sandbox.requests.length;
    const result = await run('adjust_product_stock', { productId: product.id, quantityDelta: -1 });
    expect(result).toMatchObject({ unlimited: true, quantity: null, quantityDelta: 0 });
    expect(result.warning).toMatch(/has unlimited stock/);
    expect(sandbox.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/api\/v3\/\d+/, '')}`)).toEqual([`GET /products/${product.id}`]);
  });

  test('Adjust Product Stock replayed after lost answers: applied exactly once, or the step stops saying it cannot tell — never twice', async () => {
    const product = await run('create_product', { name: 'Replay Mug', sku: 'MUG-REPLAY', quantity: 1000 });
    let expected = 1000;
    const ends = { done: 0, uncertain: 0 };
    for (let seed = 1; seed <= 10; seed++) {
      sandbox.setKnobs({ faults: { errorRate: 0.3, truncateRate: 0.3, seed } });
      const outcome = await withReplays(() => run('adjust_product_stock', { productId: product.id, quantityDelta: -seed }));
      sandbox.setKnobs({ faults: { errorRate: 0, truncateRate: 0 } });
      const quantity = stored(product.id).quantity;
      if (outcome.error) {
        // It cannot tell, and says so: the change landed once or not at all — never twice.
        expect(shownMessage(outcome.error)).toMatch(/^Ecwid did not confirm the Quantity Change of -\d+ for "Replay Mug"/);
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

describe('the product actions pass the integration checks that can be judged offline', () => {
  test('labels, descriptions, help texts, dropdowns, samples and output fields', () => {
    const keys = ['create_product', 'update_product', 'adjust_product_stock'];
    const failures = checkApp(PRODUCT_APP as unknown as AppDef).failures.filter((f) => keys.some((key) => f.where.includes(key)));
    expect(failures.map(formatFailure)).toEqual([]);
  });

  test("Zapier's own schema validation of the app with the product actions registered", async () => {
    const validate = (zapier as any).createAppHandler(PRODUCT_APP);
    const result: any = await new Promise((resolve, reject) =>
      validate({ command: 'validate' } as any, {} as any, (error: unknown, answer: unknown) => (error ? reject(error) : resolve(answer))),
    );
    expect(result.results).toEqual([]);
  });
});
