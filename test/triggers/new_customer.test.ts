import { describe, expect, test } from '@jest/globals';
import newCustomer from '../../triggers/new_customer.js';
import { DAY } from '../../lib/polling/poll-limits.js';
import { useOfflineEcwid, page, ecwidDate, poll, liveWindowQuery, ecwidGet } from '../helpers.js';

const NOW = 1_800_000_000;

useOfflineEcwid({ now: NOW });

describe('New Customer', () => {
  test('asks for customers registered in the window, newest first, and sorts them itself', async () => {
    ecwidGet('/customers', liveWindowQuery(NOW, 'created', { sortBy: 'REGISTERED_DATE_DESC' }))
      // returned oldest first on purpose: the trigger must not trust the server's order
      .reply(
        200,
        page([
          { id: 1, email: 'old@example.com', registered: ecwidDate(NOW - 2 * DAY) },
          { id: 3, email: 'new@example.com', registered: ecwidDate(NOW - 60) },
          { id: 2, email: 'mid@example.com', registered: ecwidDate(NOW - DAY) },
        ]),
      );
    const result = await poll(newCustomer);
    expect(result.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(result[0].registered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
  });

  test('the dedupe-seeding poll reads ids only, of the live window (a customer registered earlier never enters it)', async () => {
    ecwidGet(
      '/customers',
      liveWindowQuery(NOW, 'created', {
        sortBy: 'REGISTERED_DATE_DESC',
        responseFields: 'total,count,offset,limit,items(id,registered)',
      }),
    ).reply(200, page([{ id: 9, registered: ecwidDate(NOW - 2 * DAY) }]));
    expect(await poll(newCustomer, {}, { isPopulatingDedupe: true })).toEqual([{ id: '9' }]);
  });
});
