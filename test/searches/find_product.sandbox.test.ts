/** Find Product and the dropdowns end to end against the sandbox store. */
import { describe, expect, test } from '@jest/globals';
import { useSandboxStore } from '../sandbox-store.js';

// The real clock: these actions read no time windows.
const shop = useSandboxStore({}, { followClock: false });

describe('Find Product and the dropdowns against the sandbox', () => {
  test('a product by SKU; the dropdowns list the catalog, groups and shipping methods', async () => {
    const product = shop.sandbox.store.products.find((p) => p.sku);
    const [found] = await shop.perform('searches', 'find_product', { sku: product!.sku });
    expect(found).toMatchObject({ id: product!.id, sku: product!.sku });
    for (const key of ['product_list', 'category_list', 'customer_group_list', 'shipping_method_list']) {
      const choices = await shop.perform<Array<{ id: string; name: string }>>('triggers', key);
      // The sandbox's profile has no shipping.shippingOptions yet: that list may be empty there.
      const some = choices.length > 0 || key === 'shipping_method_list';
      expect({ key, some, shaped: choices.every((c) => typeof c.id === 'string' && c.name !== '') }).toEqual({
        key,
        some: true,
        shaped: true,
      });
    }
  });
});
