import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { planCuts, type SlicePlan } from '../../../lib/polling/slice-plan.js';
import { readWindow } from '../../../lib/polling/window-reader.js';
import { fakeSearch, type RowOrder } from '../../fake-ecwid.js';
import { run } from '../../helpers.js';
import {
  expectCompleteNewestPart,
  useOfflineEcwid,
  FROM,
  liveLimits,
  newestFirstOf,
  NOW,
  spec,
  storeArb,
} from './window-model.js';

useOfflineEcwid();

describe('readWindow, for any store and any row order', () => {
  test('returns exactly the complete newest part of the window, newest first, within the request bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        storeArb,
        fc.constantFrom<RowOrder>('oldest', 'newest', 'shuffled'),
        fc.integer({ min: 1, max: 1000 }),
        async (store, rowOrder, seed) => {
          nock.cleanAll();
          const endpoint = fakeSearch('/orders', store, { rowOrder, seed });
          const read = await run((z, bundle) => readWindow(z, bundle, spec, liveLimits));
          expectCompleteNewestPart(read, store, endpoint.queries.length);
          const inWindow = newestFirstOf(store);
          if (inWindow.length <= 100) expect(read.requests).toBe(1);
          // a stable row order and a window of ≤ 500 records: every record, in one request per 100
          if (rowOrder !== 'shuffled' && inWindow.length <= 500) {
            expect(read.complete).toBe(true);
            expect(read.requests).toBe(Math.max(1, Math.ceil(inWindow.length / 100)));
          }
        },
      ),
      { numRuns: 150, seed: Number(process.env.FC_SEED) || undefined },
    );
  });

  test('a slice plan changes what is asked, never what is returned: stale, foreign or arbitrary plans alike', async () => {
    const planArb = fc.oneof(
      // arbitrary cuts anywhere in (and around) the window
      fc
        .uniqueArray(fc.integer({ min: FROM - 3600, max: NOW + 3600 }), { maxLength: 40 })
        .map((cuts): SlicePlan => ({ cuts: cuts.sort((a, b) => b - a) })),
      // the plan another store would leave
      storeArb.map(
        (other): SlicePlan => ({
          cuts: planCuts(
            newestFirstOf(other).map((r) => Number(r.createTimestamp)),
            FROM,
            1000,
          ),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        storeArb,
        planArb,
        fc.constantFrom<RowOrder>('oldest', 'newest', 'shuffled'),
        fc.integer({ min: 1, max: 1000 }),
        async (store, plan, rowOrder, seed) => {
          nock.cleanAll();
          const endpoint = fakeSearch('/orders', store, { rowOrder, seed });
          const read = await run((z, bundle) => readWindow(z, bundle, spec, { ...liveLimits, plan }));
          expectCompleteNewestPart(read, store, endpoint.queries.length);
        },
      ),
      { numRuns: 150, seed: Number(process.env.FC_SEED) || undefined },
    );
  });
});
