import { defineTrigger } from 'zapier-platform-core';
import { categoryChoices } from '../lib/catalog/products.js';
import { dropdownOperation } from '../lib/inputs/dropdowns.js';

/** Feeds the Categories dropdowns; hidden from the trigger list. */
export default defineTrigger({
  key: 'category_list',
  noun: 'Category',
  display: {
    label: 'List Categories',
    description: 'Triggers when a category is added (lists categories for dropdowns).',
    hidden: true,
  },
  operation: dropdownOperation(categoryChoices, { id: '9691094', name: 'Shoes › Sneakers' }, [
    'Category ID',
    'Category Path',
  ]),
});
