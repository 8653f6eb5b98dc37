import { describe, expect, test } from '@jest/globals';
import { DAY } from '../../lib/polling/poll-limits.js';
import { fakeSearch, type FakeRecord } from '../fake-ecwid.js';
import { bundleFor, useOfflineEcwid, ecwidDate, perform } from '../helpers.js';

const NOW = 1_800_000_000;

useOfflineEcwid({ now: NOW, currency: 'NZD', freshCaches: true, everyMockUsed: true });

describe('order_list: the Order dropdown', () => {
  const order = (n: number, ago: number, extra: Partial<FakeRecord> = {}): FakeRecord => ({
    id: `SHOP-${String(n).padStart(5, '0')}`,
    createTimestamp: NOW - ago,
    updateTimestamp: NOW - ago,
    createDate: ecwidDate(NOW - ago),
    total: n,
    email: `c${n}@example.com`,
    paymentStatus: 'PAID',
    ...extra,
  });
  const list = (page: number) =>
    perform<Array<{ id: string; name: string }>>('triggers', 'order_list', bundleFor({}, { page }));

  test('page 0: the newest 100 orders of the last 400 days, labelled, read with only the fields the label needs', async () => {
    const endpoint = fakeSearch(
      '/orders',
      [
        order(1, 2 * DAY, { billingPerson: { name: 'Jane Doe' } }),
        order(2, DAY, { shippingPerson: { name: 'Sam Roe' } }),
        order(3, 500 * DAY),
      ],
      { rowOrder: 'shuffled' },
    );
    expect(await list(0)).toEqual([
      { id: 'SHOP-00002', name: `SHOP-00002 · Sam Roe · 2 · ${ecwidDate(NOW - DAY).slice(0, 10)}` },
      { id: 'SHOP-00001', name: `SHOP-00001 · Jane Doe · 1 · ${ecwidDate(NOW - 2 * DAY).slice(0, 10)}` },
    ]);
    expect(endpoint.queries[0]).toEqual({
      responseFields:
        'total,count,offset,limit,items(id,createTimestamp,createDate,email,total,paymentStatus,billingPerson(name),shippingPerson(name))',
      createdFrom: String(NOW - 400 * DAY),
      createdTo: String(NOW),
      offset: '0',
      limit: '100',
    });
  });

  test('page 1 continues where page 0 ended, whatever the row order', async () => {
    fakeSearch(
      '/orders',
      Array.from({ length: 150 }, (_, i) => order(i + 1, 150 * 3600 - i * 3600)),
      { rowOrder: 'shuffled' },
    );
    const first = (await list(0)).map((c) => c.id);
    const second = (await list(1)).map((c) => c.id);
    expect(first).toHaveLength(100);
    expect(second).toHaveLength(50);
    expect([...first, ...second]).toEqual(
      Array.from({ length: 150 }, (_, i) => `SHOP-${String(150 - i).padStart(5, '0')}`),
    );
  });
});
