import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { productChoices } from '../lib/catalog/products.js';

const perform = (async (z, bundle) => productChoices(z, bundle, Number(bundle.meta?.page ?? 0))) satisfies PollingTriggerPerform;

/** Feeds the Products dropdowns; hidden from the trigger list. */
export default defineTrigger({
  key: 'product_list',
  noun: 'Product',
  display: { label: 'List Products', description: 'Triggers when a product is added (lists products for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: '37208342', name: 'Trail Running Sneakers (SNK-RUN-42)' },
    outputFields: [
      { key: 'id', label: 'Product ID' },
      { key: 'name', label: 'Product Name and SKU' },
    ],
  },
});
