import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { ecwidRequest, ecwidSearch, pathSegment } from '../../../lib/ecwid/client.js';
import { bundleFor, rejectionOf, run, shownMessage, TOKEN, useOfflineEcwid, ecwidApi } from '../../helpers.js';

useOfflineEcwid();

describe('query building', () => {
  test('limit and offset always sent, empty values left out, lists comma-joined', async () => {
    process.env.ECWID_API_BASE_URL = 'https://ecwid.example.com/api/v3/';
    nock('https://ecwid.example.com')
      .get('/api/v3/1003/orders')
      .query({ limit: '100', offset: '0', paymentStatus: 'PAID,REFUNDED' })
      .reply(200, { total: 0, count: 0, offset: 0, limit: 100, items: [] });
    const page = await run((z, bundle) =>
      ecwidSearch(z, bundle, '/orders', {
        paymentStatus: ['PAID', 'REFUNDED'],
        email: '',
        keywords: undefined,
        customerId: null,
      }),
    );
    expect(page.total).toBe(0);
  });
});

describe('store id and path ids', () => {
  test.each(['', '0', '-4', '12a', '1/2', '../1'])('store id %p is refused before any request', async (storeId) => {
    const error = await rejectionOf(
      run(
        (z, bundle) => ecwidRequest(z, bundle, { path: '/profile' }),
        bundleFor({}, {}, { access_token: TOKEN, store_id: storeId }),
      ),
    );
    expect(error.name).toBe('ExpiredAuthError');
  });

  test.each([
    ['SHOP-X8UYE', 'SHOP-X8UYE'],
    ['a/b?c', 'a%2Fb%3Fc'],
    ['with space', 'with%20space'],
    ['zäh€', 'z%C3%A4h%E2%82%AC'],
  ])('path id %p is sent encoded as %p', async (id, encoded) => {
    ecwidApi().get(`/orders/${encoded}`).reply(200, { id });
    const result = await run((z, bundle) =>
      ecwidRequest(z, bundle, { path: `/orders/${pathSegment(z, id, 'Order')}` }),
    );
    expect(result).toEqual({ id });
  });

  test.each(['..', '.', '', '   '])('path id %p is refused, naming the field', async (id) => {
    const error = await rejectionOf(run((z) => pathSegment(z, id, 'Order ID')));
    expect(shownMessage(error)).toMatch(/^The Order ID field must be an Ecwid id or code/);
  });
});
