import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import {
  adjustStock,
  PRODUCT_ID_INPUT,
  PRODUCT_LABELS as L,
  STOCK_ADJUSTMENT_OUTPUT,
  stockAdjustmentFrom,
} from '../lib/catalog/product-writes.js';

const inputFields = defineInputFields([
  PRODUCT_ID_INPUT,
  {
    key: 'quantityDelta',
    label: L.quantityDelta,
    type: 'integer',
    required: true,
    helpText:
      'How many to add to the stock (e.g. 5 after a delivery) or take away (e.g. -2 after a sale elsewhere). Ecwid applies it to the stock as it is at that moment, so sales at the same time are never lost. Products with unlimited stock are left as they are.',
  },
]);

const perform = (async (z, bundle) =>
  adjustStock(z, bundle, stockAdjustmentFrom(z, bundle.inputData))) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'adjust_product_stock',
  noun: 'Product',
  display: {
    label: 'Adjust Product Stock',
    description: "Adjusts a product's stock by adding or taking away units, and returns the new quantity.",
  },
  operation: { inputFields, perform, ...STOCK_ADJUSTMENT_OUTPUT },
});
