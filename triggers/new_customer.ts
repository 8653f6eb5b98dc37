import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CUSTOMER_OUTPUT_FIELDS, CUSTOMER_SAMPLE, toCustomerOutput } from '../lib/customers/customers.js';
import { parseUserDate } from '../lib/ecwid/dates.js';
import { pollRecords } from '../lib/polling/poll.js';
import type { EcwidCustomer } from '../lib/ecwid/types.js';

/** Registration time in unix seconds (customers carry it only as Ecwid's date string). */
const registeredAt = (customer: EcwidCustomer): number => {
  const date = parseUserDate(customer.registered);
  return date ? Math.floor(date.getTime() / 1000) : Number.NaN;
};

const perform = (async (z, bundle) =>
  pollRecords(
    z,
    bundle,
    {
      path: '/customers',
      // Ecwid can sort customers; the window reader still does not rely on it.
      params: { sortBy: 'REGISTERED_DATE_DESC' },
      from: 'createdFrom',
      to: 'createdTo',
      timeOf: registeredAt,
      idOf: (customer) => String(customer.id),
    },
    { dedupeFields: 'total,count,offset,limit,items(id,registered)', toOutput: toCustomerOutput },
  )) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'new_customer',
  noun: 'Customer',
  display: {
    label: 'New Customer',
    description: 'Triggers when a customer registers an account in your Ecwid store.',
  },
  operation: { type: 'polling', perform, sample: CUSTOMER_SAMPLE, outputFields: [...CUSTOMER_OUTPUT_FIELDS] },
});
