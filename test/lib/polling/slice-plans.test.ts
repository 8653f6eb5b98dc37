import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import type { SlicePlan } from '../../../lib/polling/slice-plan.js';
import { readWindow } from '../../../lib/polling/window-reader.js';
import { fakeSearch, type FakeRecord } from '../../fake-ecwid.js';
import { run } from '../../helpers.js';
import { expectCompleteNewestPart, useOfflineEcwid, liveLimits, NOW, spec } from './window-model.js';

useOfflineEcwid();

describe('slice plans', () => {
  test('a busy window read again with its own plan takes one request per ~90 records, however rows are listed', async () => {
    // ~700 records a day for three days, evenly spread: the store the simulation plays
    let store: FakeRecord[] = Array.from({ length: 2100 }, (_, i) => ({
      id: `O${i}`,
      createTimestamp: NOW - 600 - i * 123,
    }));
    for (const rowOrder of ['oldest', 'newest', 'shuffled'] as const) {
      const requests: number[] = [];
      let plan: SlicePlan | undefined;
      // a poll every few minutes, a few new records in between
      for (let round = 0; round < 3; round += 1) {
        store = [
          ...store,
          ...Array.from({ length: 4 }, (_, i) => ({
            id: `N${rowOrder}${round}-${i}`,
            createTimestamp: NOW - 500 + round * 100 + i,
          })),
        ];
        nock.cleanAll();
        const endpoint = fakeSearch('/orders', store, { rowOrder });
        const read = await run((z, bundle) => readWindow(z, bundle, spec, { ...liveLimits, plan }));
        expectCompleteNewestPart(read, store, endpoint.queries.length);
        requests.push(read.requests);
        plan = read.plan;
        if (round === 2) {
          expect(read.records.length).toBeGreaterThanOrEqual(995);
          // 40 + 11 × 90 records in twelve planned slices, each one page
          expect(endpoint.queries).toHaveLength(12);
          expect(endpoint.queries.every((query) => query.offset === '0')).toBe(true);
        }
      }
      expect(requests[0]).toBeGreaterThan(12);
    }
  });

  test('are left only where slicing was needed: a window of 300 in a stable row order is paged (3 requests) poll after poll, with no plan', async () => {
    const store: FakeRecord[] = Array.from({ length: 300 }, (_, i) => ({
      id: `O${i}`,
      createTimestamp: NOW - 600 - i * 700,
    }));
    let plan: SlicePlan | undefined;
    for (let round = 0; round < 2; round += 1) {
      nock.cleanAll();
      const endpoint = fakeSearch('/orders', store, { rowOrder: 'oldest' });
      const read = await run((z, bundle) => readWindow(z, bundle, spec, { ...liveLimits, plan }));
      expectCompleteNewestPart(read, store, endpoint.queries.length);
      expect(read.requests).toBe(3);
      expect(read.plan.cuts).toEqual([]);
      plan = read.plan;
    }
  });
});
