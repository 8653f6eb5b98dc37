import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CUSTOMER_OUTPUT } from '../lib/customers/customers.js';
import { pollCustomers } from '../lib/customers/window.js';

const perform = (async (z, bundle) => pollCustomers(z, bundle)) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'new_customer',
  noun: 'Customer',
  display: {
    label: 'New Customer',
    description: 'Triggers when a customer registers an account in your Ecwid store.',
  },
  operation: { type: 'polling', perform, ...CUSTOMER_OUTPUT },
});
