import { defineInputFields, defineSearch, type SearchOrCreate, type SearchPerform } from 'zapier-platform-core';
import { CUSTOMER_LABELS, CUSTOMER_OUTPUT, findCustomerByEmail, toCustomerOutput } from '../lib/customers/customers.js';
import { requiredEmail } from '../lib/inputs/validate.js';

const inputFields = defineInputFields([
  {
    key: 'email',
    label: CUSTOMER_LABELS.email,
    required: true,
    helpText: 'The exact email address (case does not matter), as in Ecwid admin → Customers.',
  },
]);

const perform = (async (z, bundle) => {
  const customer = await findCustomerByEmail(
    z,
    bundle,
    requiredEmail(z, bundle.inputData.email, CUSTOMER_LABELS.email),
  );
  return customer ? [toCustomerOutput(customer)] : [];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_customer',
  noun: 'Customer',
  display: {
    label: 'Find Customer',
    description: 'Finds a customer in your Ecwid store by email address.',
  },
  operation: { inputFields, perform, ...CUSTOMER_OUTPUT },
});

/** "Find or Create Customer": register under `searchOrCreates` in index.ts. */
export const findOrCreateCustomer: SearchOrCreate = {
  key: 'find_customer',
  display: {
    label: 'Find or Create Customer',
    description: 'Finds a customer by email address, or creates one when there is none.',
  },
  search: 'find_customer',
  create: 'create_customer',
};
