/**
 * The people on an Ecwid order as flat, always-complete records: every key present (empty string rather than
 * missing), so Zapier's field lists stay aligned and an accounting contact can always be created.
 * Ecwid may omit `billingPerson` (merchant turned the billing address off), `shippingPerson` (nothing to ship)
 * and `email` (point-of-sale and phone orders): the buyer is read from billing first, then shipping.
 */
import type { EcwidOrder, EcwidPerson } from '../ecwid/types.js';
import { outputField } from './values.js';

export interface FlatPerson {
  /** Full name as Ecwid shows it, or first + last name when Ecwid gave only those. */
  name: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  /** Ecwid's `street` as written: address lines separated by a line break. */
  street: string;
  addressLine1: string;
  /** The second and further address lines, joined by ", ". */
  addressLine2: string;
  city: string;
  /** State or province code when Ecwid has one ("NY"), else its name. */
  region: string;
  regionCode: string;
  regionName: string;
  postalCode: string;
  countryCode: string;
  countryName: string;
}

/** The buyer of an order: who an invoice is addressed to. */
export interface Buyer extends FlatPerson {
  email: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** "Jane van Dyke" → first "Jane", last "van Dyke" is not knowable; the usual split is the last word. */
export const splitName = (name: string): { firstName: string; lastName: string } => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: '', lastName: '' };
  if (words.length === 1) return { firstName: words[0], lastName: '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
};

const hasAddress = (person: FlatPerson): boolean =>
  person.street !== '' ||
  person.city !== '' ||
  person.postalCode !== '' ||
  person.countryCode !== '' ||
  person.countryName !== '';

/** One Ecwid person (billing or shipping) as a flat record; an absent person gives every key empty. */
export const flatPerson = (person: EcwidPerson | undefined): FlatPerson => {
  const p = person ?? {};
  const givenFirst = text(p.firstName);
  const givenLast = text(p.lastName);
  const name = text(p.name) || [givenFirst, givenLast].filter(Boolean).join(' ');
  // Ecwid's own first/last names win; otherwise split the full name.
  const split = givenFirst || givenLast ? { firstName: givenFirst, lastName: givenLast } : splitName(name);
  const [addressLine1 = '', ...moreLines] = text(p.street)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const regionCode = text(p.stateOrProvinceCode);
  const regionName = text(p.stateOrProvinceName);
  return {
    name,
    firstName: split.firstName,
    lastName: split.lastName,
    company: text(p.companyName),
    phone: text(p.phone),
    street: text(p.street),
    addressLine1,
    addressLine2: moreLines.join(', '),
    city: text(p.city),
    region: regionCode || regionName,
    regionCode,
    regionName,
    postalCode: text(p.postalCode),
    countryCode: text(p.countryCode),
    countryName: text(p.countryName),
  };
};

/**
 * The buyer of an order. Identity (name, company, phone) comes field by field from billing, then shipping;
 * the address comes whole from the first of the two that has one, so lines of two addresses never mix.
 * Name falls back: billing name → billing company → shipping name → shipping company → e-mail → "".
 * First/last names are only filled from a person's name, never from a company or an e-mail.
 * A caller that has already flattened the order's two people passes them, rather than having them flattened again.
 */
export const buyerOf = (
  order: Pick<EcwidOrder, 'billingPerson' | 'shippingPerson' | 'email'>,
  billing: FlatPerson = flatPerson(order.billingPerson),
  shipping: FlatPerson = flatPerson(order.shippingPerson),
): Buyer => {
  const email = text(order.email);
  const named = billing.name ? billing : shipping.name && !billing.company ? shipping : undefined;
  const address = hasAddress(billing) || !hasAddress(shipping) ? billing : shipping;
  const name = billing.name || billing.company || shipping.name || shipping.company || email;
  return {
    ...address,
    name,
    firstName: named?.firstName ?? '',
    lastName: named?.lastName ?? '',
    company: billing.company || shipping.company,
    phone: billing.phone || shipping.phone,
    email,
  };
};

/**
 * The contact an accounting app files a buyer under (Xero's contact: name, e-mail, first/last name, address), as flat
 * `contact…` keys: the same keys and the same fall-backs wherever a buyer is known (orders, customers).
 */
const CONTACT_PARTS = [
  ['Name', 'name', 'Name'],
  ['Email', 'email', 'Email'],
  ['FirstName', 'firstName', 'First Name'],
  ['LastName', 'lastName', 'Last Name'],
  ['Company', 'company', 'Company'],
  ['Phone', 'phone', 'Phone'],
  ['AddressLine1', 'addressLine1', 'Address Line 1'],
  ['AddressLine2', 'addressLine2', 'Address Line 2'],
  ['City', 'city', 'City'],
  ['Region', 'region', 'Region'],
  ['PostalCode', 'postalCode', 'Postal Code'],
  ['Country', 'countryCode', 'Country Code'],
] as const satisfies ReadonlyArray<readonly [suffix: string, field: keyof Buyer, label: string]>;

export type ContactFields = { [Part in (typeof CONTACT_PARTS)[number] as `contact${Part[0]}`]: string };

export const contactFieldsOf = (buyer: Buyer): ContactFields =>
  Object.fromEntries(CONTACT_PARTS.map(([suffix, field]) => [`contact${suffix}`, buyer[field]])) as ContactFields;

/** The contact fields' labels, e.g. "Contact Name" with the prefix "Contact". */
export const contactOutputFields = (labelPrefix: string) =>
  CONTACT_PARTS.map(([suffix, , label]) => outputField(`contact${suffix}`, `${labelPrefix} ${label}`));
