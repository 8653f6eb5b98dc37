import type { Bundle, ZObject } from 'zapier-platform-core';
import { outputField as field } from '../output/values.js';
import { ecwidStatusOf, isRetryLater } from '../ecwid/errors.js';
import { withIsoDates } from '../ecwid/dates.js';
import {
  createdRecord,
  ecwidRequest,
  ecwidSearch,
  MAX_PAGE_SIZE,
  pathSegment,
  postNewRecord,
} from '../ecwid/client.js';
import type { EcwidCustomer, EcwidPerson } from '../ecwid/types.js';
import { buyerOf, contactFieldsOf, contactOutputFields, type ContactFields } from '../output/people.js';
import { invalidInput, optionalBoolean, optionalId, optionalText, requiredEmail } from '../inputs/validate.js';

/** The labels of the create action's fields: error messages name the field exactly as the merchant sees it. */
export const CUSTOMER_LABELS = {
  email: 'Email',
  name: 'Full Name',
  companyName: 'Company',
  phone: 'Phone',
  street: 'Street Address',
  city: 'City',
  stateOrProvinceCode: 'State or Province Code',
  postalCode: 'Postal Code',
  countryCode: 'Country Code',
  customerGroupId: 'Customer Group',
  acceptMarketing: 'Accepts Marketing Emails',
} as const;

/** The address fields of billingPerson, in the order Ecwid's admin shows them. */
const PERSON_KEYS = [
  'name',
  'companyName',
  'phone',
  'street',
  'city',
  'stateOrProvinceCode',
  'postalCode',
  'countryCode',
] as const;
type PersonKey = (typeof PERSON_KEYS)[number];

/** The body of POST /customers. Only what the merchant set is sent. */
export interface CustomerBody {
  email: string;
  billingPerson?: Partial<Record<PersonKey, string>>;
  customerGroupId?: number;
  acceptMarketing?: boolean;
}

/** Every check before anything is sent: a clear error naming the field, or the exact body. */
export const customerRequestFrom = (z: ZObject, inputData: Record<string, unknown>): CustomerBody => {
  const L = CUSTOMER_LABELS;
  const body: CustomerBody = { email: requiredEmail(z, inputData.email, L.email) };
  const person: Partial<Record<PersonKey, string>> = {};
  for (const key of PERSON_KEYS) {
    const text = optionalText(z, inputData[key], L[key]);
    if (text !== undefined) person[key] = text;
  }
  if (person.countryCode !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(person.countryCode)) {
      throw invalidInput(
        z,
        `${L.countryCode} must be the two-letter ISO code of the country, like US or DE (got "${person.countryCode.slice(0, 40)}").`,
      );
    }
    person.countryCode = person.countryCode.toUpperCase();
  }
  if (Object.keys(person).length > 0) body.billingPerson = person;
  // 0 is Ecwid's "General" group.
  const group = optionalId(z, inputData.customerGroupId, L.customerGroupId, { min: 0 });
  if (group !== undefined) body.customerGroupId = group;
  const marketing = optionalBoolean(z, inputData.acceptMarketing, L.acceptMarketing);
  if (marketing !== undefined) body.acceptMarketing = marketing;
  return body;
};

// ─── Ecwid calls ────────────────────────────────────────────────────────────────────────────────────────

export const fetchCustomer = (z: ZObject, bundle: Bundle, id: number | string): Promise<EcwidCustomer> =>
  ecwidRequest<EcwidCustomer>(z, bundle, {
    path: `/customers/${pathSegment(z, id, 'Customer')}`,
    subject: { noun: 'customer', id },
  });

/**
 * The customers whose email is exactly this one (emails compare case-insensitively), oldest first.
 * Whether Ecwid's `email=` filter is exact is UNVERIFIED, so the match is checked here.
 */
export const findCustomersByEmail = async (z: ZObject, bundle: Bundle, email: string): Promise<EcwidCustomer[]> => {
  const wanted = email.trim().toLowerCase();
  try {
    const page = await ecwidSearch<EcwidCustomer>(z, bundle, '/customers', { email: email.trim() });
    return page.items
      .filter(
        (c) =>
          String(c.email ?? '')
            .trim()
            .toLowerCase() === wanted,
      )
      .sort((a, b) => a.id - b.id);
  } catch (error) {
    if (ecwidStatusOf(error) === 404) return [];
    throw error;
  }
};

/** The customer with exactly this email, read in full (the search answer may be trimmed), or undefined. */
export const findCustomerByEmail = async (
  z: ZObject,
  bundle: Bundle,
  email: string,
): Promise<EcwidCustomer | undefined> => {
  const [match] = await findCustomersByEmail(z, bundle, email);
  if (!match) return undefined;
  try {
    return await fetchCustomer(z, bundle, match.id);
  } catch (error) {
    // Deleted between the search and the read: not found.
    if (ecwidStatusOf(error) === 404) return undefined;
    throw error;
  }
};

const sameText = (a: unknown, b: string, ignoreCase = false): boolean => {
  const stored = String(a ?? '').trim();
  return ignoreCase ? stored.toLowerCase() === b.toLowerCase() : stored === b;
};

/**
 * The labels of the fields in which a stored customer differs from what this step would create; empty when
 * it is the same customer. Only the fields the step sets are compared.
 */
export const customerDifferences = (stored: EcwidCustomer, body: CustomerBody): string[] => {
  const L = CUSTOMER_LABELS;
  const differs: string[] = [];
  if (!sameText(stored.email, body.email, true)) differs.push(L.email);
  for (const key of PERSON_KEYS) {
    const sent = body.billingPerson?.[key];
    if (sent !== undefined && !sameText(stored.billingPerson?.[key], sent, key === 'countryCode')) differs.push(L[key]);
  }
  if (body.customerGroupId !== undefined && Number(stored.customerGroupId ?? 0) !== body.customerGroupId)
    differs.push(L.customerGroupId);
  if (body.acceptMarketing !== undefined && stored.acceptMarketing !== body.acceptMarketing)
    differs.push(L.acceptMarketing);
  return differs;
};

/**
 * Creates the customer and returns it as Ecwid stores it; a duplicate email is a clear error. Safe to retry:
 * - the email is looked up first, because whether Ecwid refuses a duplicate email is UNVERIFIED (older docs
 *   say 409, newer ones say nothing): a stored customer equal to what this step sends is an earlier attempt
 *   and is returned; a different one is an error naming the email;
 * - a 409, or a POST failure Zapier would retry (5xx, timeout), is resolved by the same look-up;
 * - once the customer exists, nothing throws: if reading it back fails, the step returns what was sent.
 */
export const createCustomer = async (z: ZObject, bundle: Bundle, body: CustomerBody): Promise<EcwidCustomer> => {
  const resolveExisting = async (): Promise<EcwidCustomer | undefined> => {
    const existing = await findCustomersByEmail(z, bundle, body.email);
    if (existing.length === 0) return undefined;
    const same = existing.find((customer) => customerDifferences(customer, body).length === 0);
    if (same) return fetchCustomer(z, bundle, same.id).catch(() => same);
    const differences = customerDifferences(existing[0], body);
    throw new z.errors.Error(
      `A customer with the email "${body.email}" already exists in this Ecwid store (customer ID ${existing[0].id}) with a different ${differences.join(', ')}. ` +
        'Use the Find Customer search (or Find or Create Customer) to reuse it, or update the customer in Ecwid (Customers).',
      'DuplicateCustomerEmail',
      409,
    );
  };

  const earlier = await resolveExisting();
  if (earlier) return earlier;
  let created: { id?: number };
  try {
    created = await postNewRecord(z, bundle, '/customers', body, { noun: 'customer with the email', id: body.email });
  } catch (error) {
    if (ecwidStatusOf(error) !== 409 && !isRetryLater(error)) throw error;
    const existing = await resolveExisting().catch((lookupError) => {
      // A clear "different customer" error wins over the raw 409; a failed look-up does not.
      if (ecwidStatusOf(lookupError) === 409) throw lookupError;
      return undefined;
    });
    if (existing) return existing;
    throw error;
  }
  return createdRecord(created.id, {
    read: (id) => fetchCustomer(z, bundle, id),
    lookUp: async () => {
      const [found] = await findCustomersByEmail(z, bundle, body.email);
      return found && fetchCustomer(z, bundle, found.id).catch(() => found);
    },
    asSent: (id) => asStored(body, id),
  });
};

const asStored = (body: CustomerBody, id: number): EcwidCustomer => ({
  ...body,
  id,
  name: body.billingPerson?.name ?? '',
});

/** The customer groups as dropdown choices ("General" is id 0). */
export const customerGroupChoices = async (
  z: ZObject,
  bundle: Bundle,
  page: number,
): Promise<Array<{ id: string; name: string }>> => {
  try {
    const result = await ecwidSearch<{ id: number; name?: string }>(z, bundle, '/customer_groups', {
      offset: page * MAX_PAGE_SIZE,
      responseFields: 'total,count,offset,limit,items(id,name)',
    });
    return result.items.map((group) => ({ id: String(group.id), name: group.name || `Group ${group.id}` }));
  } catch (error) {
    // Ecwid answers 402 when the plan has no customer groups; the generic plan message would mislead.
    if (ecwidStatusOf(error) === 402) {
      throw new z.errors.Error(
        `${CUSTOMER_LABELS.customerGroupId}s are not available on this store's Ecwid plan. Leave the ${CUSTOMER_LABELS.customerGroupId} field empty.`,
        'CustomerGroupsNotAvailable',
        402,
      );
    }
    throw error;
  }
};

// ─── Output ─────────────────────────────────────────────────────────────────────────────────────────────

const PERSON_OUTPUT_KEYS = [...PERSON_KEYS, 'countryName', 'stateOrProvinceName'] as const;

/** The billing address as the output shows it (`billingPerson__city` is "Billing City"), in Ecwid admin's order. */
const BILLING_LABELS: Record<(typeof PERSON_OUTPUT_KEYS)[number], string> = {
  name: 'Name',
  companyName: 'Company',
  phone: 'Phone',
  street: 'Street',
  city: 'City',
  stateOrProvinceCode: 'State or Province Code',
  stateOrProvinceName: 'State or Province',
  postalCode: 'Postal Code',
  countryCode: 'Country Code',
  countryName: 'Country',
};

export const CUSTOMER_OUTPUT_FIELDS = [
  field('id', 'Customer ID', 'integer'),
  field('email', 'Email'),
  field('name', 'Full Name'),
  field('registered', 'Registered At', 'datetime'),
  field('updated', 'Updated At', 'datetime'),
  field('totalOrderCount', 'Number of Orders', 'integer'),
  field('customerGroupId', 'Customer Group ID', 'integer'),
  field('customerGroupName', 'Customer Group'),
  field('acceptMarketing', 'Accepts Marketing Emails', 'boolean'),
  field('taxId', 'Tax ID'),
  field('lang', 'Language'),
  ...Object.entries(BILLING_LABELS).map(([key, label]) => field(`billingPerson__${key}`, `Billing ${label}`)),
  ...contactOutputFields('Contact'),
] as const;

export interface CustomerOutput extends ContactFields {
  id: number;
  email: string;
  name: string;
  registered: string | null;
  updated: string | null;
  totalOrderCount: number;
  customerGroupId: number;
  customerGroupName: string;
  acceptMarketing: boolean;
  taxId: string;
  lang: string;
  billingPerson: Record<(typeof PERSON_OUTPUT_KEYS)[number], string>;
  [key: string]: unknown;
}

/**
 * Who the customer is to an accounting app, worked out as for an order's buyer: the name falls back to the company,
 * then the e-mail; first/last name only ever come from a person's name; the address from the billing address, else
 * the first saved shipping address. Ecwid may keep the name on the customer rather than on the billing address.
 */
const contactOf = (customer: EcwidCustomer) => {
  const billing = customer.billingPerson ?? {};
  return buyerOf({
    billingPerson: {
      ...billing,
      name: billing.name || (typeof customer.name === 'string' ? customer.name : undefined),
    },
    shippingPerson: customer.shippingAddresses?.[0],
    email: customer.email,
  });
};

/**
 * The customer as Ecwid stores it, dates in ISO-8601, with every output field present (Ecwid leaves out
 * empty ones; a customer in the General group has no group id).
 */
export const toCustomerOutput = (customer: EcwidCustomer): CustomerOutput => {
  const person: Partial<EcwidPerson> = customer.billingPerson ?? {};
  const billingPerson = Object.fromEntries(
    PERSON_OUTPUT_KEYS.map((key) => [key, String(person[key] ?? '')]),
  ) as CustomerOutput['billingPerson'];
  const iso = withIsoDates(customer);
  return {
    ...iso,
    id: Number(customer.id),
    email: String(customer.email ?? ''),
    name: String(customer.name || person.name || ''),
    registered: iso.registered || null,
    updated: iso.updated || null,
    totalOrderCount: Number(
      customer.totalOrderCount ?? (customer.stats as { numberOfOrders?: number } | undefined)?.numberOfOrders ?? 0,
    ),
    customerGroupId: Number(customer.customerGroupId ?? 0),
    customerGroupName: String(customer.customerGroupName ?? (customer.customerGroupId ? '' : 'General')),
    acceptMarketing: customer.acceptMarketing === true,
    taxId: String(customer.taxId ?? ''),
    lang: String(customer.lang ?? ''),
    billingPerson: { ...withIsoDates(person), ...billingPerson },
    ...contactFieldsOf(contactOf(customer)),
  };
};

/** A customer as Ecwid answers GET /customers/{id}; the static sample is it through the live output code. */
const ECWID_SAMPLE_CUSTOMER: EcwidCustomer = {
  id: 15319410,
  email: 'jane.smith@example.com',
  name: 'Jane Smith',
  registered: '2025-06-01 09:15:42 +0000',
  updated: '2025-06-02 11:03:10 +0000',
  totalOrderCount: 2,
  customerGroupId: 0,
  customerGroupName: 'General',
  acceptMarketing: true,
  taxId: '',
  lang: 'en',
  billingPerson: {
    name: 'Jane Smith',
    companyName: 'Smith Design Ltd',
    phone: '+1 212 555 0142',
    street: '350 W 31st St',
    city: 'New York',
    stateOrProvinceCode: 'NY',
    stateOrProvinceName: 'New York',
    postalCode: '10001',
    countryCode: 'US',
    countryName: 'United States',
  },
};

export const CUSTOMER_OUTPUT_SAMPLE: CustomerOutput = toCustomerOutput(ECWID_SAMPLE_CUSTOMER);

/** The output fields and static sample of every customer step: they travel together into `operation`. */
export const CUSTOMER_OUTPUT = { sample: CUSTOMER_OUTPUT_SAMPLE, outputFields: [...CUSTOMER_OUTPUT_FIELDS] };
