import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollProducts } from '../lib/catalog/window.js';
import { PRODUCT_OUTPUT } from '../lib/catalog/products.js';

const inputFields = defineInputFields([
  {
    key: 'skipDisabled',
    label: 'Skip Disabled Products',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText:
      'Yes: only products that are enabled (visible in your storefront; the "Enabled" switch on the product page in Ecwid admin → Catalog → Products).',
  },
]);

const perform = (async (z, bundle) =>
  pollProducts(z, bundle, {
    enabledOnly: String(bundle.inputData.skipDisabled ?? '').toLowerCase() === 'true',
  })) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_product',
  noun: 'Product',
  display: {
    label: 'New Product',
    description: 'Triggers when a product is added to your Ecwid catalog.',
  },
  operation: { type: 'polling', inputFields, perform, ...PRODUCT_OUTPUT },
});
