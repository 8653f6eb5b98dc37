import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { customerGroupChoices } from '../lib/customers/customers.js';

const perform = (async (z, bundle) => customerGroupChoices(z, bundle, Number(bundle.meta?.page ?? 0))) satisfies PollingTriggerPerform;

/** Feeds the Customer Group dropdown; hidden from the trigger list. */
export default defineTrigger({
  key: 'customer_group_list',
  noun: 'Customer Group',
  display: { label: 'List Customer Groups', description: 'Triggers when a customer group is added (lists customer groups for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: '12345', name: 'Wholesale' },
    outputFields: [
      { key: 'id', label: 'Customer Group ID' },
      { key: 'name', label: 'Customer Group Name' },
    ],
  },
});
