import { describe, expect, test } from '@jest/globals';
import newProduct from '../../triggers/new_product.js';
import { DAY, POLL_LOOKBACK_SECONDS } from '../../lib/polling/poll-limits.js';
import { useOfflineEcwid, page, poll, liveWindowQuery, ecwidGet } from '../helpers.js';

const NOW = 1_800_000_000;

useOfflineEcwid({ now: NOW });

describe('New Product', () => {
  test('asks for products added in the window; by default disabled ones too', async () => {
    ecwidGet('/products', liveWindowQuery(NOW, 'created', { sortBy: 'ADDED_TIME_DESC' })).reply(
      200,
      page([
        { id: 5, name: 'Draft', enabled: false, createTimestamp: NOW - 50 },
        { id: 6, name: 'Live', enabled: true, createTimestamp: NOW - 10 },
      ]),
    );
    expect((await poll(newProduct)).map((p) => p.id)).toEqual([6, 5]);
  });

  test('"Skip Disabled Products" filters at Ecwid and here', async () => {
    ecwidGet('/products', liveWindowQuery(NOW, 'created', { sortBy: 'ADDED_TIME_DESC', enabled: 'true' })).reply(
      200,
      page([
        { id: 5, name: 'Draft', enabled: false, createTimestamp: NOW - 50 },
        { id: 6, name: 'Live', enabled: true, createTimestamp: NOW - 10 },
      ]),
    );
    expect((await poll(newProduct, { skipDisabled: true })).map((p) => p.id)).toEqual([6]);
  });

  test('"Test trigger" finds the last product of a quiet catalog', async () => {
    ecwidGet('/products', (q) => q.createdFrom === String(NOW - POLL_LOOKBACK_SECONDS)).reply(200, page([]));
    ecwidGet('/products', (q) => q.createdFrom === String(NOW - 31 * DAY)).reply(
      200,
      page([{ id: 7, createTimestamp: NOW - 20 * DAY }]),
    );
    expect((await poll(newProduct, {}, { isLoadingSample: true })).map((p) => p.id)).toEqual([7]);
  });
});
