import { describe, expect, test } from '@jest/globals';
import findOrder from '../../searches/find_order.js';
import { fakeSearch } from '../fake-ecwid.js';
import { bundleFor, rejectionOf, run, shownMessage, useOfflineEcwid, ecwidApi } from '../helpers.js';

const NOW = 1_800_000_000;
const search = (inputData: Record<string, unknown>) =>
  run(findOrder.operation.perform as any, bundleFor(inputData)) as Promise<any[]>;

useOfflineEcwid({ now: NOW, currency: 'NZD', freshCaches: true });

describe('Find Order', () => {
  test('by id: GET /orders/{id}, encoded, shaped like the triggers', async () => {
    ecwidApi()
      .get('/orders/SHOP%2F1')
      .reply(200, {
        id: 'SHOP/1',
        createDate: '2026-01-02 03:04:05 +0000',
        items: [{ sku: 'A', name: 'Apple', price: 2, quantity: 3 }],
      });
    const [order] = await search({ orderId: ' SHOP/1 ' });
    expect(order.id).toBe('SHOP/1');
    expect(order.createDate).toBe('2026-01-02T03:04:05+00:00');
    expect(order.lineItems[0]).toMatchObject({ sku: 'A', name: 'Apple', quantity: 3, price: 2, lineTotal: 6 });
  });

  test('an unknown id finds nothing (an empty list, not an error)', async () => {
    ecwidApi().get('/orders/NOPE').reply(404, { errorMessage: 'Order not found', errorCode: 'ORDER_NOT_FOUND' });
    expect(await search({ orderId: 'NOPE' })).toEqual([]);
  });

  test('by email: the newest order of that customer, whatever the row order', async () => {
    const endpoint = fakeSearch(
      '/orders',
      [
        { id: 'A', email: 'ann@example.com', createTimestamp: NOW - 900, updateTimestamp: NOW - 900 },
        { id: 'B', email: 'ann@example.com', createTimestamp: NOW - 100, updateTimestamp: NOW - 100 },
        { id: 'C', email: 'ann@example.com', createTimestamp: NOW - 500, updateTimestamp: NOW - 500 },
      ],
      { rowOrder: 'shuffled' },
    );
    const [order] = await search({ customerEmail: 'ann@example.com' });
    expect(order.id).toBe('B');
    expect(endpoint.queries).toEqual([
      { email: 'ann@example.com', createdFrom: '0', createdTo: String(NOW), offset: '0', limit: '100' },
    ]);
  });

  test('no order for that email: an empty list', async () => {
    fakeSearch('/orders', []);
    expect(await search({ customerEmail: 'nobody@example.com' })).toEqual([]);
  });

  test.each([
    [{}, /^Fill in the Order Number, Payment Reference or Customer Email field\.$/],
    [{ customerEmail: 'not an email' }, /^The Customer Email field must be an email address/],
    [{ orderId: '..' }, /^The Order Number field must be an Ecwid id or code/],
  ])('bad input %p is refused before any request', async (inputData, message) => {
    expect(shownMessage(await rejectionOf(search(inputData)))).toMatch(message);
  });
});
