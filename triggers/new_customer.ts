import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CUSTOMER_OUTPUT_FIELDS, CUSTOMER_OUTPUT_SAMPLE } from '../lib/customers/customers.js';
import { pollCustomers } from '../lib/customers/window.js';

const perform = (async (z, bundle) => pollCustomers(z, bundle)) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'new_customer',
  noun: 'Customer',
  display: {
    label: 'New Customer',
    description: 'Triggers when a customer registers an account in your Ecwid store.',
  },
  operation: { type: 'polling', perform, sample: CUSTOMER_OUTPUT_SAMPLE, outputFields: [...CUSTOMER_OUTPUT_FIELDS] },
});
