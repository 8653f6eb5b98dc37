import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { readWindow } from '../../../lib/polling/window-reader.js';
import { fakeSearch, type FakeRecord } from '../../fake-ecwid.js';
import { run } from '../../helpers.js';
import { expectCompleteNewestPart, liveLimits, newestFirstOf, NOW, spec, useOfflineEcwid } from './window-model.js';

useOfflineEcwid();

describe('a slice whose records crowd into its first or last second', () => {
  // 107 records: more than a page, listed in a new order on every request, so the reader must cut by time. Most of
  // any page sits in one second at the slice's edge, so the page's median time is that edge.
  const crowded = (edge: number, others: number[]): FakeRecord[] => [
    ...Array.from({ length: 59 }, (_, i) => ({ id: `E${i}`, createTimestamp: edge })),
    ...others.flatMap((time, k) => Array.from({ length: 8 }, (_, i) => ({ id: `R${k}-${i}`, createTimestamp: time }))),
  ];

  test.each([
    // 59 in the oldest second, 48 in the six seconds 27–32 s later: the reader's first cut makes [edge, newest]
    ['oldest', crowded(NOW - 32, [NOW - 5, NOW - 4, NOW - 3, NOW - 2, NOW - 1, NOW])],
    // and the mirror image: 59 in the newest second of the window
    ['newest', crowded(NOW, [NOW - 32, NOW - 31, NOW - 30, NOW - 29, NOW - 28, NOW - 27])],
  ])('is still cut and read whole when they crowd into its %s second', async (_, store) => {
    for (const seed of [1, 2, 3]) {
      nock.cleanAll();
      const endpoint = fakeSearch('/orders', store, { rowOrder: 'shuffled', seed });
      const read = await run((z, bundle) => readWindow(z, bundle, spec, liveLimits));
      expectCompleteNewestPart(read, store, endpoint.queries.length);
      expect(read.complete).toBe(true);
      expect(read.records.map((r) => r.id)).toEqual(newestFirstOf(store).map((r) => r.id));
      // a handful of cuts, not the whole request budget spent re-reading one slice
      expect(read.requests).toBeLessThanOrEqual(8);
    }
  });
});
