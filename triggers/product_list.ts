import { defineTrigger } from 'zapier-platform-core';
import { productChoices } from '../lib/catalog/products.js';
import { dropdownOperation } from '../lib/inputs/dropdowns.js';

/** Feeds the Products dropdowns; hidden from the trigger list. */
export default defineTrigger({
  key: 'product_list',
  noun: 'Product',
  display: {
    label: 'List Products',
    description: 'Triggers when a product is added (lists products for dropdowns).',
    hidden: true,
  },
  operation: dropdownOperation(productChoices, { id: '37208342', name: 'Trail Running Sneakers (SNK-RUN-42)' }, [
    'Product ID',
    'Product Name and SKU',
  ]),
});
