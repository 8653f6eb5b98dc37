import { defineTrigger } from 'zapier-platform-core';
import { customerGroupChoices } from '../lib/customers/customers.js';
import { dropdownOperation } from '../lib/inputs/dropdowns.js';

/** Feeds the Customer Group dropdown; hidden from the trigger list. */
export default defineTrigger({
  key: 'customer_group_list',
  noun: 'Customer Group',
  display: {
    label: 'List Customer Groups',
    description: 'Triggers when a customer group is added (lists customer groups for dropdowns).',
    hidden: true,
  },
  operation: dropdownOperation(customerGroupChoices, { id: '12345', name: 'Wholesale' }, [
    'Customer Group ID',
    'Customer Group Name',
  ]),
});
