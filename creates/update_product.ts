import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import {
  PRODUCT_ID_INPUT,
  PRODUCT_LABELS as L,
  productUpdateFrom,
  updateProduct,
} from '../lib/catalog/product-writes.js';
import { PRODUCT_OUTPUT, toProductOutput } from '../lib/catalog/products.js';

const inputFields = defineInputFields([
  PRODUCT_ID_INPUT,
  {
    key: 'price',
    label: L.price,
    type: 'number',
    required: false,
    helpText: 'The new price in the store currency, e.g. 19.99. Leave empty to keep the current one.',
  },
  {
    key: 'compareToPrice',
    label: L.compareToPrice,
    type: 'number',
    required: false,
    helpText:
      'The earlier or list price, shown crossed out next to the price when it is higher. Leave empty to keep the current one.',
  },
  {
    key: 'enabled',
    label: L.enabled,
    type: 'boolean',
    required: false,
    helpText: 'No hides the product from your storefront; yes shows it again. Leave empty to keep it as it is.',
  },
  {
    key: 'name',
    label: L.name,
    required: false,
    helpText: 'The new name shoppers see. Leave empty to keep the current one.',
  },
  {
    key: 'sku',
    label: L.sku,
    required: false,
    helpText: 'A new stock-keeping code, unique in the store. Leave empty to keep the current one.',
  },
  {
    key: 'description',
    label: L.description,
    type: 'text',
    required: false,
    helpText: 'Replaces the text on the product page (HTML allowed). Leave empty to keep the current one.',
  },
]);

const perform = (async (z, bundle) =>
  toProductOutput(await updateProduct(z, bundle, productUpdateFrom(z, bundle.inputData)))) satisfies CreatePerform<
  typeof inputFields
>;

export default defineCreate({
  key: 'update_product',
  noun: 'Product',
  display: {
    label: 'Update Product',
    description:
      "Updates a product's price, compare-to price, visibility, name, SKU or description; fields left empty stay as they are.",
  },
  operation: { inputFields, perform, ...PRODUCT_OUTPUT },
});
