import { describe, expect, test } from '@jest/globals';
import {
  ecwidPostJson,
  useOfflineCreate,
  page,
  expectInvalidInput,
  refusalOf,
  ecwidGet,
  ecwidApi,
} from '../helpers.js';
import { recordEcwid } from './record-ecwid.js';

const create = useOfflineCreate('create_customer');

const noCustomerWith = (email: string) =>
  ecwidGet('/customers', { email, limit: '100', offset: '0' }).reply(200, page([]));

/**
 * A POST that lands `landed` in the store but answers `status` and `answer` (a lost race, a lost answer): the
 * look-up before it sees nothing, the one after it sees the customer.
 */
const postLandsButAnswers = (landed: Record<string, unknown>, status: number, answer: unknown) => {
  const stored: unknown[] = [];
  ecwidGet('/customers', true)
    .times(2)
    .reply(200, () => page(stored));
  ecwidApi()
    .post('/customers')
    .reply(() => {
      stored.push(landed);
      return [status, answer];
    });
};

/** The billing person's fields as entered, which reach Ecwid as they are (the country code aside). */
const PERSON = {
  name: 'Jane Smith',
  companyName: 'Smith Design Ltd',
  phone: '+1 212 555 0142',
  street: '350 W 31st St',
  city: 'New York',
  stateOrProvinceCode: 'NY',
  postalCode: '10001',
};

const EVERY_FIELD = {
  email: ' Jane.Smith@Example.com ',
  ...PERSON,
  countryCode: 'us',
  customerGroupId: '12345',
  acceptMarketing: 'yes',
};

const EVERY_FIELD_BODY = {
  email: 'Jane.Smith@Example.com',
  billingPerson: { ...PERSON, countryCode: 'US' },
  customerGroupId: 12345,
  acceptMarketing: true,
};

const STORED = {
  id: 15319410,
  email: 'Jane.Smith@Example.com',
  name: 'Jane Smith',
  registered: '2025-06-01 09:15:42 +0000',
  updated: '2025-06-01 09:15:42 +0000',
  totalOrderCount: 0,
  customerGroupId: 12345,
  customerGroupName: 'Wholesale',
  billingPerson: { ...EVERY_FIELD_BODY.billingPerson, countryName: 'United States', stateOrProvinceName: 'New York' },
  shippingAddresses: [],
  acceptMarketing: true,
  lang: 'en',
};

describe('create_customer: the request', () => {
  test('looks the email up, then POSTs exactly the body Ecwid documents, then reads the customer back', async () => {
    noCustomerWith('Jane.Smith@Example.com');
    ecwidPostJson('/customers', EVERY_FIELD_BODY).reply(200, { id: 15319410 });
    ecwidApi().get('/customers/15319410').reply(200, STORED);
    expect(await create(EVERY_FIELD)).toEqual({
      ...STORED,
      registered: '2025-06-01T09:15:42+00:00',
      updated: '2025-06-01T09:15:42+00:00',
      taxId: '',
      contactName: 'Jane Smith',
      contactEmail: 'Jane.Smith@Example.com',
      contactFirstName: 'Jane',
      contactLastName: 'Smith',
      contactCompany: 'Smith Design Ltd',
      contactPhone: '+1 212 555 0142',
      contactAddressLine1: '350 W 31st St',
      contactAddressLine2: '',
      contactCity: 'New York',
      contactRegion: 'NY',
      contactPostalCode: '10001',
      contactCountry: 'US',
    });
  });

  test('an email alone is the whole body; the output still has every field', async () => {
    noCustomerWith('solo@example.com');
    ecwidApi().post('/customers', { email: 'solo@example.com' }).reply(200, { id: 7 });
    ecwidApi()
      .get('/customers/7')
      .reply(200, { id: 7, email: 'solo@example.com', registered: '2025-06-01 09:15:42 +0000' });
    const result = await create({ email: 'solo@example.com', acceptMarketing: '' });
    expect(result).toMatchObject({
      id: 7,
      email: 'solo@example.com',
      name: '',
      customerGroupId: 0,
      customerGroupName: 'General',
      acceptMarketing: false,
    });
    expect(result.billingPerson).toEqual({
      name: '',
      companyName: '',
      phone: '',
      street: '',
      city: '',
      stateOrProvinceCode: '',
      stateOrProvinceName: '',
      postalCode: '',
      countryCode: '',
      countryName: '',
    });
  });

  test('acceptMarketing false and the General group (0) are sent, not dropped', async () => {
    noCustomerWith('a@example.com');
    ecwidApi()
      .post('/customers', { email: 'a@example.com', customerGroupId: 0, acceptMarketing: false })
      .reply(200, { id: 8 });
    ecwidApi().get('/customers/8').reply(200, { id: 8, email: 'a@example.com' });
    await create({ email: 'a@example.com', customerGroupId: 0, acceptMarketing: false });
  });
});

describe('create_customer: duplicate emails and retries', () => {
  test('the same customer already stored (an earlier attempt of this step) is returned; nothing is created', async () => {
    ecwidGet('/customers', { email: 'Jane.Smith@Example.com', limit: '100', offset: '0' }).reply(
      200,
      page([{ ...STORED, email: 'jane.smith@example.com' }]),
    );
    ecwidApi().get('/customers/15319410').reply(200, STORED);
    expect(await create(EVERY_FIELD)).toMatchObject({ id: 15319410, email: 'Jane.Smith@Example.com' });
  });

  test('another customer with that email: an error naming the email and what differs; nothing is sent', async () => {
    ecwidGet('/customers', true).reply(
      200,
      page([{ ...STORED, billingPerson: { ...STORED.billingPerson, name: 'Jane Doe' }, acceptMarketing: false }]),
    );
    expect(await refusalOf(create(EVERY_FIELD))).toBe(
      'A customer with the email "Jane.Smith@Example.com" already exists in this Ecwid store (customer ID 15319410) with a different Full Name, Accepts Marketing Emails. Use the Find Customer search (or Find or Create Customer) to reuse it, or update the customer in Ecwid (Customers).',
    );
  });

  test('a search that also matches other emails (jane@x.com.au) is not a duplicate', async () => {
    ecwidGet('/customers', true).reply(
      200,
      page([
        { id: 1, email: 'jane@x.com.au' },
        { id: 2, email: 'mary.jane@x.com' },
      ]),
    );
    ecwidApi().post('/customers', { email: 'jane@x.com' }).reply(200, { id: 3 });
    ecwidApi().get('/customers/3').reply(200, { id: 3, email: 'jane@x.com' });
    expect(await create({ email: 'jane@x.com' })).toMatchObject({ id: 3 });
  });

  test('a 409 (another run won the race) is resolved by the same look-up', async () => {
    postLandsButAnswers({ id: 31, email: 'race@example.com', billingPerson: { name: 'Ra Ce' } }, 409, {
      errorMessage: 'The customer with the given email already exists',
    });
    ecwidApi()
      .get('/customers/31')
      .reply(200, { id: 31, email: 'race@example.com', billingPerson: { name: 'Ra Ce' } });
    expect(await create({ email: 'race@example.com', name: 'Ra Ce' })).toMatchObject({ id: 31, name: 'Ra Ce' });
  });

  test('a 409 for a different customer names the email', async () => {
    postLandsButAnswers({ id: 31, email: 'race@example.com', billingPerson: { name: 'Someone Else' } }, 409, {
      errorMessage: 'The customer with the given email already exists',
    });
    expect(await refusalOf(create({ email: 'race@example.com', name: 'Ra Ce' }))).toMatch(
      /^A customer with the email "race@example.com" already exists in this Ecwid store \(customer ID 31\) with a different Full Name\./,
    );
  });

  test('a POST whose answer is lost (503) but which landed returns the customer instead of letting Zapier create a second', async () => {
    postLandsButAnswers({ id: 44, email: 'lost@example.com' }, 503, '');
    ecwidApi().get('/customers/44').reply(200, { id: 44, email: 'lost@example.com' });
    expect(await create({ email: 'lost@example.com' })).toMatchObject({ id: 44 });
  });

  test('a 503 for a customer that did not land is left to Zapier to retry', async () => {
    ecwidGet('/customers', true).times(2).reply(200, page([]));
    ecwidApi().post('/customers').reply(503, '');
    await expect(create({ email: 'later@example.com' })).rejects.toHaveProperty('name', 'ThrottledError');
  });

  test('once the customer exists nothing throws: a failed read-back returns what was sent, with its id', async () => {
    noCustomerWith('keep@example.com');
    ecwidApi().post('/customers').reply(200, { id: 55 });
    ecwidApi().get('/customers/55').reply(500, '');
    expect(await create({ email: 'keep@example.com', name: 'Kee P' })).toMatchObject({
      id: 55,
      email: 'keep@example.com',
      name: 'Kee P',
    });
  });

  test('a replayed step against a store that keeps customers creates one customer', async () => {
    const customers: Array<Record<string, any>> = [];
    recordEcwid(({ method, path, query, body }) => {
      if (method === 'GET' && path === '/customers')
        return [200, page(customers.filter((c) => c.email === query.email))];
      if (method === 'POST') {
        customers.push({ ...(body as object), id: 100 + customers.length });
        return [200, { id: customers[customers.length - 1].id }];
      }
      return [200, customers.find((c) => path === `/customers/${c.id}`)];
    });
    const input = { email: 'replay@example.com', name: 'Re Play', countryCode: 'de', acceptMarketing: true };
    const first = await create(input);
    expect(await create(input)).toEqual(first);
    expect(customers).toHaveLength(1);
  });
});

describe('create_customer: nothing is sent when a field is wrong', () => {
  test.each([
    [{ email: '' }, 'Email is required. Fill in the field or map a value into it.'],
    [{ email: 'jane' }, 'Email must be one email address, like jane@example.com (got "jane").'],
    [{ email: 'Jane <jane@example.com>' }, /^Email must be one email address/],
    [{ email: 'a@b.com, c@d.com' }, /^Email must be one email address/],
    [{ countryCode: 'USA' }, 'Country Code must be the two-letter ISO code of the country, like US or DE (got "USA").'],
    [
      { customerGroupId: 'Wholesale' },
      'Customer Group must be chosen from the dropdown (got "Wholesale", which is not an Ecwid id).',
    ],
    [{ customerGroupId: '1.5' }, /^Customer Group must be chosen from the dropdown \(got "1.5"/],
    [{ customerGroupId: -1 }, /^Customer Group must be chosen from the dropdown \(got "-1"/],
    [{ acceptMarketing: 'maybe' }, 'Accepts Marketing Emails must be yes or no (got "maybe").'],
    [{ name: { first: 'Jane' } }, /^Full Name must be a single text value/],
  ])('%p', async (change, message) => {
    await expectInvalidInput(create({ email: 'jane@example.com', ...change }), message);
  });
});
