import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollRecords } from '../lib/polling/poll.js';
import { PRODUCT_OUTPUT_FIELDS, PRODUCT_SAMPLE, toProductOutput } from '../lib/catalog/products.js';
import type { EcwidProduct } from '../lib/ecwid/types.js';

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

const perform = (async (z, bundle) => {
  const enabledOnly = String(bundle.inputData.skipDisabled ?? '').toLowerCase() === 'true';
  return pollRecords(
    z,
    bundle,
    {
      path: '/products',
      params: { sortBy: 'ADDED_TIME_DESC', enabled: enabledOnly ? 'true' : undefined },
      from: 'createdFrom',
      to: 'createdTo',
      timeOf: (product: EcwidProduct) => Number(product.createTimestamp),
      idOf: (product: EcwidProduct) => String(product.id),
    },
    {
      dedupeFields: 'total,count,offset,limit,items(id,createTimestamp,enabled)',
      // Checked here too: a disabled product must not fire when the merchant asked to skip them.
      keep: (product) => !enabledOnly || product.enabled !== false,
      toOutput: toProductOutput,
    },
  );
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_product',
  noun: 'Product',
  display: {
    label: 'New Product',
    description: 'Triggers when a product is added to your Ecwid catalog.',
  },
  operation: { type: 'polling', inputFields, perform, sample: PRODUCT_SAMPLE, outputFields: [...PRODUCT_OUTPUT_FIELDS] },
});
