/** `/products`, `/products/{id}/inventory` and `/categories`. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Category, Product } from '../../../tools/sandbox/store.js';
import { DAY_S, expectFilterPicks, idsOf, NOW_S, type Query, sortedIds, useTestSandbox } from './helpers.js';

const live = useTestSandbox({ seed: 14, orders: 50, products: 160, categories: 10 }); // seed 14: two disabled categories
let products: Product[];
let categories: Category[];

beforeAll(() => {
  products = structuredClone(live.sandbox.store.products);
  categories = structuredClone(live.sandbox.store.categories);
});

/** The API's answer to a filter, all pages, compared as a set with the products the predicate picks. */
const expectFilter = (query: Query, pick: (product: Product) => boolean): Promise<Product[]> =>
  expectFilterPicks(live.api, '/products', query, products, pick);

describe('GET /products filters', () => {
  test('keyword (name, sku, description), sku (exact), productId (comma list)', async () => {
    await expectFilter({ keyword: 'MUG' }, (p) => `${p.name} ${p.sku} ${p.description}`.toLowerCase().includes('mug'));
    await expectFilter({ sku: products[4].sku }, (p) => p.sku === products[4].sku);
    const ids = [products[1].id, products[9].id, products[20].id];
    await expectFilter({ productId: ids.join(',') }, (p) => ids.includes(p.id));
  });

  test('category (0 = no category), enabled, inStock', async () => {
    const category = categories[2].id;
    await expectFilter({ category }, (p) => p.categoryIds.includes(category));
    await expectFilter({ enabled: false }, (p) => !p.enabled);
    await expectFilter({ inStock: false }, (p) => !p.inStock);
    await expectFilter({ inStock: true, enabled: true }, (p) => p.inStock && p.enabled);
    expect((await live.api.get('/products', { enabled: 'yes' })).status).toBe(400);
  });

  test('createdFrom/To and updatedFrom/To on the timestamps', async () => {
    const from = NOW_S - 40 * DAY_S;
    await expectFilter({ createdFrom: from }, (p) => p.createTimestamp >= from);
    await expectFilter(
      { updatedFrom: from, updatedTo: NOW_S - DAY_S },
      (p) => p.updateTimestamp >= from && p.updateTimestamp <= NOW_S - DAY_S,
    );
  });
});

describe('GET /products sortBy', () => {
  const by = (key: (p: Product) => string | number, direction: 1 | -1) => (a: Product, b: Product) =>
    (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0) || a.id - b.id;

  test.each([
    ['ADDED_TIME_DESC', by((p) => p.createTimestamp, -1)],
    ['ADDED_TIME_ASC', by((p) => p.createTimestamp, 1)],
    ['UPDATED_TIME_DESC', by((p) => p.updateTimestamp, -1)],
    ['NAME_ASC', by((p) => p.name.toLowerCase(), 1)],
    ['PRICE_ASC', by((p) => p.price, 1)],
    ['PRICE_DESC', by((p) => p.price, -1)],
  ])('%s', async (sortBy, compare) => {
    expect(idsOf(await live.api.all('/products', { sortBy }))).toEqual(idsOf([...products].sort(compare)));
  });

  test('RELEVANCE (default) puts name matches before other keyword matches', async () => {
    const rows = (await live.api.all('/products', { keyword: 'sku-0000' })) as Product[];
    expect(rows.length).toBeGreaterThan(5);
    const relevant = (await live.api.all('/products', { keyword: 'classic' })) as Product[];
    const firstOther = relevant.findIndex((p) => !p.name.toLowerCase().includes('classic'));
    if (firstOther >= 0)
      expect(relevant.slice(firstOther).every((p) => !p.name.toLowerCase().includes('classic'))).toBe(true);
    expect((await live.api.get('/products', { sortBy: 'REGISTERED_DATE_DESC' })).status).toBe(400);
  });
});

describe('one product, create, update, inventory', () => {
  test('GET /products/{id}; unknown ids are PRODUCT_NOT_FOUND', async () => {
    expect((await live.api.get(`/products/${products[0].id}`)).body).toEqual(products[0]);
    expect((await live.api.get('/products/42')).body.errorCode).toBe('PRODUCT_NOT_FOUND');
  });

  test('POST /products → {id}; name required; a taken SKU is a 409 SKU_ALREADY_EXISTS', async () => {
    live.sandbox.clock.advance(3_000);
    const created = await live.api.send('POST', '/products', {
      name: 'Sandbox Kite',
      sku: 'KITE-1',
      price: 24.5,
      quantity: 7,
      categoryIds: [categories[0].id],
    });
    expect(Object.keys(created.body)).toEqual(['id']);
    const product = (await live.api.get(`/products/${created.body.id}`)).body;
    expect(product).toMatchObject({
      name: 'Sandbox Kite',
      sku: 'KITE-1',
      price: 24.5,
      quantity: 7,
      unlimited: false,
      inStock: true,
      createTimestamp: live.sandbox.clock.nowSeconds(),
    });
    const taken = await live.api.send('POST', '/products', { name: 'Other', sku: products[0].sku });
    expect([taken.status, taken.body.errorCode]).toEqual([409, 'SKU_ALREADY_EXISTS']);
    for (const bad of [
      { sku: 'X' },
      { name: 'x', price: -1 },
      { name: 'x', categoryIds: [1] },
      { name: 'x', quantity: 1.5 },
    ]) {
      expect((await live.api.send('POST', '/products', bad)).status).toBe(400);
    }
  });

  test('PUT /products/{id} changes the given fields and the update time', async () => {
    const target = products[5];
    live.sandbox.clock.advance(4_000);
    expect((await live.api.send('PUT', `/products/${target.id}`, { price: 99.99, enabled: false })).body).toEqual({
      updateCount: 1,
    });
    const after = (await live.api.get(`/products/${target.id}`)).body;
    expect(after).toMatchObject({
      price: 99.99,
      enabled: false,
      name: target.name,
      updateTimestamp: live.sandbox.clock.nowSeconds(),
    });
    expect(idsOf(await live.api.all('/products', { updatedFrom: live.sandbox.clock.nowSeconds() }))).toEqual([
      target.id,
    ]);
  });

  test('PUT /products/{id}/inventory adds quantityDelta; stock stops at 0 with a warning; unlimited stock is left alone', async () => {
    const tracked = products.find((p) => !p.unlimited && (p.quantity ?? 0) > 3)!;
    const path = `/products/${tracked.id}/inventory`;
    expect((await live.api.send('PUT', path, { quantityDelta: 5 })).body).toEqual({ updateCount: 1 });
    expect((await live.api.get(`/products/${tracked.id}`)).body.quantity).toBe(tracked.quantity! + 5);
    const emptied = await live.api.send('PUT', path, { quantityDelta: -100_000 });
    expect(emptied.body).toEqual({ updateCount: 1, warning: expect.stringMatching(/quantity set to 0/) });
    expect((await live.api.get(`/products/${tracked.id}`)).body).toMatchObject({ quantity: 0, inStock: false });

    const unlimited = products.find((p) => p.unlimited)!;
    const untouched = await live.api.send('PUT', `/products/${unlimited.id}/inventory`, { quantityDelta: -1 });
    expect(untouched.body).toEqual({ updateCount: 0, warning: expect.any(String) });
    expect((await live.api.send('PUT', path, {})).status).toBe(400);
    expect((await live.api.send('PUT', path, { quantityDelta: 'one' })).status).toBe(400);
  });
});

describe('GET /categories', () => {
  test('lists enabled categories with productCount; hidden ones only with hidden_categories=true', async () => {
    const enabled = categories.filter((c) => c.enabled);
    expect(enabled.length).toBeLessThan(categories.length);
    const answer = await live.api.get('/categories', { limit: 100 });
    expect(answer.body.total).toBe(enabled.length);
    expect(sortedIds(answer.body.items)).toEqual(sortedIds(enabled));
    for (const c of answer.body.items) {
      expect(c.productCount).toBe(
        live.sandbox.store.products.filter((p) => p.enabled && p.categoryIds.includes(c.id)).length,
      );
    }
    expect((await live.api.get('/categories', { hidden_categories: true })).body.total).toBe(categories.length);
  });

  test('parent=0 gives root categories; parent=id its children', async () => {
    const roots = await live.api.all('/categories', { parent: 0, hidden_categories: true });
    expect(sortedIds(roots)).toEqual(sortedIds(categories.filter((c) => c.parentId === undefined)));
    const parent = categories.find((c) => categories.some((child) => child.parentId === c.id))!;
    const children = await live.api.all('/categories', { parent: parent.id, hidden_categories: true });
    expect(sortedIds(children)).toEqual(sortedIds(categories.filter((c) => c.parentId === parent.id)));
    expect(children.length).toBeGreaterThan(0);
  });

  test('categoryIds (comma list) narrows to those ids, still hiding disabled ones unless hidden_categories=true', async () => {
    const hidden = categories.find((c) => !c.enabled)!;
    const shown = categories.filter((c) => c.enabled).slice(0, 2);
    const ids = [shown[0].id, hidden.id, shown[1].id, 999].join(',');
    expect(sortedIds((await live.api.get('/categories', { categoryIds: ids })).body.items)).toEqual(sortedIds(shown));
    const withHidden = await live.api.get('/categories', { categoryIds: ids, hidden_categories: true });
    expect(sortedIds(withHidden.body.items)).toEqual(sortedIds([...shown, hidden]));
    expect(withHidden.body.total).toBe(3);
    const child = categories.find((c) => c.parentId !== undefined)!;
    expect(
      idsOf(
        (
          await live.api.get('/categories', {
            categoryIds: `${child.id},${child.parentId}`,
            parent: 0,
            hidden_categories: true,
          })
        ).body.items,
      ),
    ).toEqual([child.parentId]);
    expect((await live.api.get('/categories', { categoryIds: '12,abc' })).status).toBe(400);
  });

  test('paging works as for every search', async () => {
    const answer = await live.api.get('/categories', { offset: 1, limit: 2, hidden_categories: true });
    expect(answer.body).toMatchObject({ total: categories.length, count: 2, offset: 1, limit: 2 });
  });
});
