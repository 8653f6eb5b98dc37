import { describe, expect, test } from '@jest/globals';
import { buyerOf, flatPerson, splitName } from '../../../lib/output/people.js';

const BUYER_KEYS = [
  'addressLine1',
  'addressLine2',
  'city',
  'company',
  'countryCode',
  'countryName',
  'email',
  'firstName',
  'lastName',
  'name',
  'phone',
  'postalCode',
  'region',
  'regionCode',
  'regionName',
  'street',
].sort();

const scott = {
  name: 'Michael Scott',
  companyName: 'Dunder Mifflin',
  street: '1725 Slough Avenue\nSuite 200\nBuilding B',
  city: 'Scranton',
  countryCode: 'US',
  countryName: 'United States',
  postalCode: '18505',
  stateOrProvinceCode: 'PA',
  stateOrProvinceName: 'Pennsylvania',
  phone: '+1 570 555 0100',
};

describe('flatPerson', () => {
  test('an absent person gives every key as an empty string', () => {
    const flat = flatPerson(undefined);
    expect(Object.keys(flat).sort()).toEqual(BUYER_KEYS.filter((k) => k !== 'email'));
    expect(Object.values(flat).every((v) => v === '')).toBe(true);
  });

  test('splits the street into address lines and prefers the state code as region', () => {
    expect(flatPerson(scott)).toEqual({
      name: 'Michael Scott',
      firstName: 'Michael',
      lastName: 'Scott',
      company: 'Dunder Mifflin',
      phone: '+1 570 555 0100',
      street: '1725 Slough Avenue\nSuite 200\nBuilding B',
      addressLine1: '1725 Slough Avenue',
      addressLine2: 'Suite 200, Building B',
      city: 'Scranton',
      region: 'PA',
      regionCode: 'PA',
      regionName: 'Pennsylvania',
      postalCode: '18505',
      countryCode: 'US',
      countryName: 'United States',
    });
  });

  test("Ecwid's own first and last names win over splitting the name", () => {
    const flat = flatPerson({ name: 'API Team', firstName: 'Support', lastName: 'Team' });
    expect([flat.name, flat.firstName, flat.lastName]).toEqual(['API Team', 'Support', 'Team']);
  });

  test('a person with only first and last names gets a full name; region falls back to the state name', () => {
    const flat = flatPerson({ firstName: 'Ana', lastName: 'Silva', stateOrProvinceName: 'Lisboa' });
    expect([flat.name, flat.region]).toEqual(['Ana Silva', 'Lisboa']);
  });

  test('splitName: last word is the last name', () => {
    expect(splitName('  Jean-Luc  de la Tour ')).toEqual({ firstName: 'Jean-Luc de la', lastName: 'Tour' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
    expect(splitName('')).toEqual({ firstName: '', lastName: '' });
  });
});

describe('buyerOf', () => {
  test('an order without billing person, shipping person or e-mail still gives every key', () => {
    const buyer = buyerOf({});
    expect(Object.keys(buyer).sort()).toEqual(BUYER_KEYS);
    expect(Object.values(buyer).every((v) => v === '')).toBe(true);
  });

  test('billing first', () => {
    const buyer = buyerOf({
      billingPerson: scott,
      shippingPerson: { name: 'Pam Beesly', city: 'Stamford' },
      email: 'm@example.com',
    });
    expect([buyer.name, buyer.firstName, buyer.city, buyer.email]).toEqual([
      'Michael Scott',
      'Michael',
      'Scranton',
      'm@example.com',
    ]);
  });

  test('shipping person when there is no billing person', () => {
    const buyer = buyerOf({
      shippingPerson: {
        name: 'Anna Schmidt',
        street: 'Anhalter Strasse 98\nHinterhaus',
        city: 'Berlin',
        countryCode: 'DE',
      },
    });
    expect([
      buyer.name,
      buyer.firstName,
      buyer.lastName,
      buyer.addressLine1,
      buyer.addressLine2,
      buyer.countryCode,
    ]).toEqual(['Anna Schmidt', 'Anna', 'Schmidt', 'Anhalter Strasse 98', 'Hinterhaus', 'DE']);
  });

  test('name falls back to the company, then to the e-mail; first/last names never come from them', () => {
    const company = buyerOf({
      billingPerson: { companyName: 'Unreal Company', city: 'New York' },
      email: 'j@example.com',
    });
    expect([company.name, company.firstName, company.lastName, company.company]).toEqual([
      'Unreal Company',
      '',
      '',
      'Unreal Company',
    ]);
    const email = buyerOf({ billingPerson: { name: '  ' }, email: ' j@example.com ' });
    expect([email.name, email.firstName, email.email]).toEqual(['j@example.com', '', 'j@example.com']);
  });

  test('the address comes whole from one person, never mixing two', () => {
    const buyer = buyerOf({
      billingPerson: { name: 'Michael Scott', phone: '+1 570 555 0100' },
      shippingPerson: {
        name: 'Pam Beesly',
        street: '1 Main St',
        city: 'Stamford',
        postalCode: '06901',
        countryCode: 'US',
      },
    });
    // Billing has a name but no address: the name stays billing's, the address is shipping's, whole.
    expect([buyer.name, buyer.phone, buyer.addressLine1, buyer.city, buyer.postalCode]).toEqual([
      'Michael Scott',
      '+1 570 555 0100',
      '1 Main St',
      'Stamford',
      '06901',
    ]);
    const billingAddress = buyerOf({
      billingPerson: { city: 'Scranton' },
      shippingPerson: { street: '1 Main St', postalCode: '06901' },
    });
    expect([billingAddress.city, billingAddress.addressLine1, billingAddress.postalCode]).toEqual(['Scranton', '', '']);
  });
});
