/** `/customers` and `/customer_groups`: filters, sorts, create (409 on a taken e-mail), update. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { formatEcwidDate, parseEcwidDate } from '../../../tools/sandbox/dates.js';
import type { Customer } from '../../../tools/sandbox/store.js';
import { DAY_S, expectFilterPicks, idsOf, NOW_S, type Query, useTestSandbox } from './helpers.js';

const live = useTestSandbox({ seed: 8, orders: 600, customers: 250 });
let customers: Customer[];

beforeAll(() => {
  customers = live.sandbox.store.customers.map((c) => structuredClone(c));
});

const seconds = (date: string) => parseEcwidDate(date)!;

/** The API's answer to a filter, all pages, compared as a set with the customers the predicate picks. */
const expectFilter = (query: Query, pick: (customer: Customer) => boolean): Promise<Customer[]> =>
  expectFilterPicks(live.api, '/customers', query, customers, pick);

describe('GET /customers filters', () => {
  test('email (exact, case-insensitive), name (contains), keyword (name, e-mail, phone…)', async () => {
    const someone = customers.find((c) => c.email !== '' && c.billingPerson)!;
    await expectFilter(
      { email: someone.email.toUpperCase() },
      (c) => c.email.toLowerCase() === someone.email.toLowerCase(),
    );
    const lastName = someone.name.split(' ')[1];
    await expectFilter({ name: lastName.toLowerCase() }, (c) => c.name.toLowerCase().includes(lastName.toLowerCase()));
    const rows = await live.api.all('/customers', { keyword: someone.email.slice(0, 8) });
    expect(idsOf(rows)).toContain(someone.id);
  });

  test('phone matches digits, whatever the punctuation', async () => {
    const phone = customers.find((c) => c.billingPerson?.phone)!.billingPerson!.phone!;
    const digits = phone.replace(/\D/g, '').slice(-7);
    await expectFilter({ phone: `${digits.slice(0, 3)}-${digits.slice(3)}` }, (c) =>
      (c.billingPerson?.phone ?? '').replace(/\D/g, '').includes(digits),
    );
  });

  test('createdFrom/To on `registered`, updatedFrom/To on `updated`', async () => {
    const from = NOW_S - 30 * DAY_S;
    const to = NOW_S - 5 * DAY_S;
    await expectFilter(
      { createdFrom: from, createdTo: to },
      (c) => seconds(c.registered) >= from && seconds(c.registered) <= to,
    );
    await expectFilter({ updatedFrom: from }, (c) => seconds(c.updated) >= from);
    await expectFilter({ createdTo: formatEcwidDate(from) }, (c) => seconds(c.registered) <= from);
  });

  test('customerGroupIds (comma list; 0 is the General group)', async () => {
    await expectFilter({ customerGroupIds: '4001,4002' }, (c) => [4001, 4002].includes(c.customerGroupId));
    await expectFilter({ customerGroupIds: '0' }, (c) => c.customerGroupId === 0);
    expect((await live.api.get('/customers', { customerGroupIds: 'vip' })).status).toBe(400);
  });
});

describe('GET /customers sortBy', () => {
  const by = (key: (c: Customer) => string, direction: 1 | -1) => (a: Customer, b: Customer) =>
    (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0) || a.id - b.id;

  test.each([
    [undefined, by((c) => c.name.toLowerCase(), 1)],
    ['NAME_ASC', by((c) => c.name.toLowerCase(), 1)],
    ['REGISTERED_DATE_DESC', by((c) => c.registered, -1)],
    ['REGISTERED_DATE_ASC', by((c) => c.registered, 1)],
    ['UPDATED_DATE_DESC', by((c) => c.updated, -1)],
    ['UPDATED_DATE_ASC', by((c) => c.updated, 1)],
  ])('%s', async (sortBy, compare) => {
    const rows = await live.api.all('/customers', sortBy ? { sortBy } : {});
    expect(idsOf(rows)).toEqual(idsOf([...customers].sort(compare)));
  });

  test('an unknown sortBy (e.g. the products-only ADDED_TIME_DESC) is a 400', async () => {
    const answer = await live.api.get('/customers', { sortBy: 'ADDED_TIME_DESC' });
    expect([answer.status, answer.body.errorCode]).toEqual([400, 'WRONG_PARAMETER']);
  });
});

describe('one customer, create, update', () => {
  test('GET /customers/{id}; unknown or non-numeric ids are CUSTOMER_NOT_FOUND', async () => {
    expect((await live.api.get(`/customers/${customers[3].id}`)).body).toEqual(
      JSON.parse(JSON.stringify(customers[3])),
    );
    for (const id of ['1', 'abc'])
      expect((await live.api.get(`/customers/${id}`)).body.errorCode).toBe('CUSTOMER_NOT_FOUND');
  });

  test('POST /customers needs an e-mail, answers {id}, registers at the clock time; a taken e-mail is a 409', async () => {
    live.sandbox.clock.advance(5_000);
    const created = await live.api.send('POST', '/customers', {
      email: 'new.buyer@example.org',
      name: 'New Buyer',
      customerGroupId: 4002,
      billingPerson: { name: 'New Buyer', city: 'Austin' },
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(['id']);
    const fetched = (await live.api.get(`/customers/${created.body.id}`)).body;
    expect(fetched).toMatchObject({
      email: 'new.buyer@example.org',
      name: 'New Buyer',
      customerGroupId: 4002,
      customerGroupName: 'VIP',
      registered: formatEcwidDate(live.sandbox.clock.nowSeconds()),
      billingPerson: { city: 'Austin' },
    });

    const duplicate = await live.api.send('POST', '/customers', { email: 'NEW.BUYER@example.org' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errorMessage).toMatch(/already exists/);
    for (const bad of [
      {},
      { email: '' },
      { email: 'not-an-email' },
      { email: 'a@b.c', customerGroupId: 999 },
      { email: 'a@b.c', acceptMarketing: 'yes' },
    ]) {
      const answer = await live.api.send('POST', '/customers', bad);
      expect([JSON.stringify(bad), answer.status, answer.body.errorCode]).toEqual([
        JSON.stringify(bad),
        400,
        'WRONG_PARAMETER',
      ]);
    }
    expect((await live.api.send('POST', '/customers', 'email=a@b.c', 'text/plain')).status).toBe(415);
  });

  test('PUT /customers/{id} changes the given fields and `updated`; taking another customer’s e-mail is a 409', async () => {
    const [target, other] = customers.filter((c) => c.email !== '');
    live.sandbox.clock.advance(7_000);
    expect(
      (await live.api.send('PUT', `/customers/${target.id}`, { name: 'Renamed Person', acceptMarketing: true })).body,
    ).toEqual({ updateCount: 1 });
    const after = (await live.api.get(`/customers/${target.id}`)).body;
    expect(after).toMatchObject({
      name: 'Renamed Person',
      acceptMarketing: true,
      email: target.email,
      updated: formatEcwidDate(live.sandbox.clock.nowSeconds()),
    });
    expect(after.registered).toBe(target.registered);
    expect((await live.api.send('PUT', `/customers/${target.id}`, { email: other.email })).status).toBe(409);
    expect((await live.api.send('PUT', `/customers/${target.id}`, { email: target.email })).status).toBe(200); // its own
    expect((await live.api.send('PUT', '/customers/1', { name: 'x' })).status).toBe(404);
  });

  test('GET /customer_groups lists General (id 0) and the custom groups in the search envelope', async () => {
    const answer = await live.api.get('/customer_groups');
    expect(answer.body).toMatchObject({ total: 3, count: 3, offset: 0 });
    expect(answer.body.items).toContainEqual({ id: 0, name: 'General' });
    expect(answer.body.items.map((g: { name: string }) => g.name)).toEqual(['General', 'Wholesale', 'VIP']);
  });
});
