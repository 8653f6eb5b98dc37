import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { createProduct, PRODUCT_LABELS as L, productCreateFrom } from '../lib/catalog/product-writes.js';
import { PRODUCT_OUTPUT, toProductOutput } from '../lib/catalog/products.js';

const inputFields = defineInputFields([
  {
    key: 'name',
    label: L.name,
    required: true,
    helpText: 'What shoppers see in your storefront and in Ecwid admin → Catalog → Products.',
  },
  {
    key: 'sku',
    label: L.sku,
    required: false,
    helpText:
      'Your stock-keeping code, unique in the store. With a SKU the step is safe to retry: if a product with this SKU, name and price already exists (an earlier attempt of this step), it is returned; another product with this SKU stops the step with an error. Leave empty to let Ecwid make one up — but then a step Zapier retries after an Ecwid outage may create a second product.',
  },
  {
    key: 'price',
    label: L.price,
    type: 'number',
    required: false,
    helpText: 'In the store currency, e.g. 19.99. Ecwid uses 0 when empty.',
  },
  {
    key: 'compareToPrice',
    label: L.compareToPrice,
    type: 'number',
    required: false,
    helpText: 'The earlier or list price, shown crossed out next to the price when it is higher, e.g. 24.99.',
  },
  {
    key: 'quantity',
    label: L.quantity,
    type: 'integer',
    required: false,
    helpText:
      'How many you have: Ecwid counts them down with each sale. Leave empty (and Unlimited Stock empty or yes) for stock that is not tracked.',
  },
  {
    key: 'unlimited',
    label: L.unlimited,
    type: 'boolean',
    required: false,
    helpText:
      'Yes: the product never runs out and Ecwid does not count it (leave Quantity in Stock empty). No without a quantity: tracked stock starting at 0.',
  },
  {
    key: 'categoryIds',
    label: L.categoryIds,
    required: false,
    list: true,
    dynamic: 'category_list.id.name',
    helpText: 'Where the product is listed in your storefront. Leave empty to list it in no category.',
  },
  {
    key: 'description',
    label: L.description,
    type: 'text',
    required: false,
    helpText: 'Shown on the product page; HTML such as `<p>`, `<b>` and `<ul>` is allowed.',
  },
  {
    key: 'enabled',
    label: L.enabled,
    type: 'boolean',
    required: false,
    default: 'true',
    helpText: 'No: the product is saved but hidden from your storefront until you enable it in Ecwid admin.',
  },
]);

const perform = (async (z, bundle) =>
  toProductOutput(await createProduct(z, bundle, productCreateFrom(z, bundle.inputData)))) satisfies CreatePerform<
  typeof inputFields
>;

export default defineCreate({
  key: 'create_product',
  noun: 'Product',
  display: {
    label: 'Create Product',
    description: 'Creates a product in your Ecwid catalog, with its price, stock, categories and description.',
  },
  operation: { inputFields, perform, ...PRODUCT_OUTPUT },
});
