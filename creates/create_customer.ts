import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import {
  createCustomer,
  CUSTOMER_LABELS as L,
  CUSTOMER_OUTPUT,
  customerRequestFrom,
  toCustomerOutput,
} from '../lib/customers/customers.js';

const inputFields = defineInputFields([
  {
    key: 'email',
    label: L.email,
    required: true,
    helpText:
      'The customer signs in and gets order emails with this address. If a customer already has it, the step returns that customer when the details match, and stops with an error when they differ.',
  },
  {
    key: 'name',
    label: L.name,
    required: false,
    helpText: 'First and last name, as on the billing address in Ecwid admin → Customers.',
  },
  {
    key: 'companyName',
    label: L.companyName,
    required: false,
    helpText: 'Shown on the billing address and on invoices.',
  },
  { key: 'phone', label: L.phone, required: false, helpText: 'Stored as given, e.g. +1 212 555 0142.' },
  {
    key: 'street',
    label: L.street,
    required: false,
    helpText: 'Street and number; put a second address line on a new line.',
  },
  { key: 'city', label: L.city, required: false, helpText: 'Town or city of the billing address.' },
  { key: 'stateOrProvinceCode', label: L.stateOrProvinceCode, required: false, helpText: 'e.g. NY or ON.' },
  { key: 'postalCode', label: L.postalCode, required: false, helpText: 'ZIP or postcode of the billing address.' },
  { key: 'countryCode', label: L.countryCode, required: false, helpText: 'Two letters, e.g. US, GB or DE.' },
  {
    key: 'customerGroupId',
    label: L.customerGroupId,
    required: false,
    dynamic: 'customer_group_list.id.name',
    helpText:
      'Groups can get their own prices and discounts (Ecwid admin → Customers → Customer Groups). General when empty.',
  },
  {
    key: 'acceptMarketing',
    label: L.acceptMarketing,
    type: 'boolean',
    required: false,
    helpText:
      'Only say yes if the customer agreed to receive promotions: Ecwid then includes them in marketing emails.',
  },
]);

const perform = (async (z, bundle) =>
  toCustomerOutput(await createCustomer(z, bundle, customerRequestFrom(z, bundle.inputData)))) satisfies CreatePerform<
  typeof inputFields
>;

export default defineCreate({
  key: 'create_customer',
  noun: 'Customer',
  display: {
    label: 'Create Customer',
    description: 'Creates a customer in your Ecwid store.',
  },
  operation: { inputFields, perform, ...CUSTOMER_OUTPUT },
});
