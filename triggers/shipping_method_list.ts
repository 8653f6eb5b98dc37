import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { shippingMethodChoices } from '../lib/coupons/coupons.js';

// Ecwid returns every shipping method at once: there is no second page.
const perform = (async (z, bundle) => (Number(bundle.meta?.page ?? 0) > 0 ? [] : shippingMethodChoices(z, bundle))) satisfies PollingTriggerPerform;

/** Feeds the Shipping Methods dropdown; hidden from the trigger list. */
export default defineTrigger({
  key: 'shipping_method_list',
  noun: 'Shipping Method',
  display: { label: 'List Shipping Methods', description: 'Triggers when a shipping method is added (lists shipping methods for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: '6589-1709547151586', name: 'DHL Express' },
    outputFields: [
      { key: 'id', label: 'Shipping Method ID' },
      { key: 'name', label: 'Shipping Method Name' },
    ],
  },
});
