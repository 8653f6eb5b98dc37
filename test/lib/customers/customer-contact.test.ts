/**
 * New Customer's contact fields: the same keys and fall-backs as an order's (contactName is the name, else the
 * company, else the e-mail; first/last name only from a person's name), so recipe 2 needs no Formatter step.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { CUSTOMER_OUTPUT_FIELDS, toCustomerOutput } from '../../../lib/customers/customers.js';
import { toOrderOutput } from '../../../lib/orders/output.js';
import type { EcwidPerson } from '../../../lib/ecwid/types.js';

const CONTACT_KEYS = [
  'contactName',
  'contactEmail',
  'contactFirstName',
  'contactLastName',
  'contactCompany',
  'contactPhone',
  'contactAddressLine1',
  'contactAddressLine2',
  'contactCity',
  'contactRegion',
  'contactPostalCode',
  'contactCountry',
];

const contactOf = (record: Record<string, unknown>) =>
  Object.fromEntries(CONTACT_KEYS.map((key) => [key, record[key]]));

describe('customer contact fields', () => {
  test('a registered customer: name, split name, company, phone and address', () => {
    const output = toCustomerOutput({
      id: 1,
      email: 'jane@example.com',
      billingPerson: {
        name: 'Jane van Dyke',
        companyName: 'Dyke Design',
        phone: '+1 212 555 0142',
        street: '350 W 31st St\nSuite 4',
        city: 'New York',
        stateOrProvinceCode: 'NY',
        postalCode: '10001',
        countryCode: 'US',
      },
    });
    expect(contactOf(output)).toEqual({
      contactName: 'Jane van Dyke',
      contactEmail: 'jane@example.com',
      contactFirstName: 'Jane van',
      contactLastName: 'Dyke',
      contactCompany: 'Dyke Design',
      contactPhone: '+1 212 555 0142',
      contactAddressLine1: '350 W 31st St',
      contactAddressLine2: 'Suite 4',
      contactCity: 'New York',
      contactRegion: 'NY',
      contactPostalCode: '10001',
      contactCountry: 'US',
    });
  });

  test("Ecwid's own first and last name win over splitting", () => {
    const output = toCustomerOutput({
      id: 1,
      billingPerson: { name: 'Anna Maria Rossi', firstName: 'Anna Maria', lastName: 'Rossi' },
    });
    expect(output).toMatchObject({
      contactName: 'Anna Maria Rossi',
      contactFirstName: 'Anna Maria',
      contactLastName: 'Rossi',
    });
  });

  test('no name: the company, with no first or last name', () => {
    const output = toCustomerOutput({ id: 1, email: 'ap@acme.test', billingPerson: { companyName: 'ACME Ltd' } });
    expect(output).toMatchObject({
      contactName: 'ACME Ltd',
      contactFirstName: '',
      contactLastName: '',
      contactCompany: 'ACME Ltd',
    });
  });

  test('no name and no company: the e-mail, trimmed', () => {
    const output = toCustomerOutput({ id: 1, email: '  solo@example.com ' });
    expect(output).toMatchObject({
      contactName: 'solo@example.com',
      contactEmail: 'solo@example.com',
      contactFirstName: '',
    });
  });

  test("the customer's name when the billing address has none", () => {
    const output = toCustomerOutput({
      id: 1,
      name: 'Li Wei',
      email: 'li@example.com',
      billingPerson: { city: 'Auckland' },
    });
    expect(output).toMatchObject({
      contactName: 'Li Wei',
      contactFirstName: 'Li',
      contactLastName: 'Wei',
      contactCity: 'Auckland',
    });
  });

  test('the first saved shipping address when there is no billing address', () => {
    const output = toCustomerOutput({
      id: 1,
      email: 'kim@example.com',
      shippingAddresses: [
        { name: 'Kim Park', street: '1 Queen St', city: 'Auckland', countryCode: 'NZ' },
        { name: 'Other', city: 'Elsewhere' },
      ],
    });
    expect(output).toMatchObject({
      contactName: 'Kim Park',
      contactAddressLine1: '1 Queen St',
      contactCity: 'Auckland',
      contactCountry: 'NZ',
    });
  });

  test('every contact field is an output field, labelled "Contact …"', () => {
    const labels = Object.fromEntries(CUSTOMER_OUTPUT_FIELDS.map((field) => [field.key, field.label]));
    for (const key of CONTACT_KEYS) expect(labels[key]).toMatch(/^Contact [A-Z]/);
  });

  test("the same person gives the same contact on a customer as on an order's invoice fields", () => {
    const text = fc.oneof(
      fc.constant(''),
      fc.constantFrom('Jane Doe', 'ACME', ' Li  Wei ', 'Ørsted A/S', '🚀 Rocket'),
      fc.string({ maxLength: 12 }),
    );
    const person = fc.record<EcwidPerson>(
      {
        name: text,
        firstName: text,
        lastName: text,
        companyName: text,
        phone: text,
        street: text,
        city: text,
        stateOrProvinceCode: text,
        postalCode: text,
        countryCode: text,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        person,
        fc.oneof(fc.constant(undefined), fc.constantFrom('a@b.co', ' C@D.co ')),
        (billingPerson, email) => {
          const customer = toCustomerOutput({ id: 1, email, billingPerson });
          const order = toOrderOutput({ id: 'X1', email, billingPerson });
          expect(contactOf(customer)).toEqual(contactOf(order));
        },
      ),
    );
  });
});
