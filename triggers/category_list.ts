import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { categoryChoices } from '../lib/catalog/products.js';

const perform = (async (z, bundle) => categoryChoices(z, bundle, Number(bundle.meta?.page ?? 0))) satisfies PollingTriggerPerform;

/** Feeds the Categories dropdowns; hidden from the trigger list. */
export default defineTrigger({
  key: 'category_list',
  noun: 'Category',
  display: { label: 'List Categories', description: 'Triggers when a category is added (lists categories for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: '9691094', name: 'Shoes › Sneakers' },
    outputFields: [
      { key: 'id', label: 'Category ID' },
      { key: 'name', label: 'Category Path' },
    ],
  },
});
