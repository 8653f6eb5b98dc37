import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { findProducts, PRODUCT_OUTPUT, toProductOutput } from '../lib/catalog/products.js';
import { invalidInput, optionalText } from '../lib/inputs/validate.js';

const inputFields = defineInputFields([
  {
    key: 'sku',
    label: 'SKU',
    required: false,
    helpText: "The product's SKU, or one of its variations' SKUs, exactly. Used instead of Keyword when filled.",
  },
  {
    key: 'keyword',
    label: 'Keyword',
    required: false,
    helpText: 'Words from the product name, description or SKU; the best match comes first.',
  },
]);

const perform = (async (z, bundle) => {
  const sku = optionalText(z, bundle.inputData.sku, 'SKU');
  const keyword = optionalText(z, bundle.inputData.keyword, 'Keyword');
  if (sku === undefined && keyword === undefined)
    throw invalidInput(z, 'SKU or Keyword is required: fill in one of them.');
  return (await findProducts(z, bundle, { sku, keyword })).map(toProductOutput);
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_product',
  noun: 'Product',
  display: {
    label: 'Find Product',
    description: 'Finds a product in your Ecwid store by SKU or keyword.',
  },
  operation: { inputFields, perform, ...PRODUCT_OUTPUT },
});
