import { describe, expect, test } from '@jest/globals';
import { CUSTOMER_OUTPUT_SAMPLE } from '../../lib/customers/customers.js';
import {
  bundleFor,
  rejectionOf,
  shownMessage,
  useOfflineEcwid,
  perform,
  page,
  ecwidApi,
  ecwidGet,
} from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

const find = (email: unknown) => perform<any[]>('searches', 'find_customer', bundleFor({ email }));
const searchFor = (email: string) => ecwidGet('/customers', { email, limit: '100', offset: '0' });

describe('find_customer', () => {
  test('the exact email (any case), oldest first, read in full; near matches are ignored', async () => {
    searchFor('Jane.Smith@example.com').reply(
      200,
      page([
        { id: 20, email: 'jane.smith@example.com.au' },
        { id: 15319410, email: 'JANE.SMITH@EXAMPLE.COM' },
        { id: 15319411, email: 'jane.smith@example.com' },
      ]),
    );
    ecwidApi()
      .get('/customers/15319410')
      .reply(200, {
        ...CUSTOMER_OUTPUT_SAMPLE,
        registered: '2025-06-01 09:15:42 +0000',
        updated: '2025-06-02 11:03:10 +0000',
        stats: { numberOfOrders: 2, firstOrderDate: '2025-06-01 10:00:00 +0000' },
      });
    const [customer, ...rest] = await find(' Jane.Smith@example.com ');
    expect(rest).toEqual([]);
    expect(customer).toEqual({
      ...CUSTOMER_OUTPUT_SAMPLE,
      stats: { numberOfOrders: 2, firstOrderDate: '2025-06-01T10:00:00+00:00' },
    });
  });

  test('no customer: []', async () => {
    searchFor('nobody@example.com').reply(200, page([{ id: 1, email: 'somebody@example.com' }]));
    expect(await find('nobody@example.com')).toEqual([]);
  });

  test('deleted between the search and the read: []', async () => {
    searchFor('brief@example.com').reply(200, page([{ id: 9, email: 'brief@example.com' }]));
    ecwidApi().get('/customers/9').reply(404, { errorCode: 'CUSTOMER_NOT_FOUND' });
    expect(await find('brief@example.com')).toEqual([]);
  });

  test('a 404 from Ecwid: []', async () => {
    searchFor('gone@example.com').reply(404, { errorMessage: 'Not found' });
    expect(await find('gone@example.com')).toEqual([]);
  });

  test('not an email: an error naming the field; nothing is sent', async () => {
    expect(shownMessage(await rejectionOf(find('Jane Smith')))).toBe(
      'Email must be one email address, like jane@example.com (got "Jane Smith").',
    );
  });
});
