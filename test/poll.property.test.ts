import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { POLL_LOOKBACK_SECONDS, POLL_MAX_REQUESTS, readWindow, type WindowSpec } from '../lib/poll.js';
import { fakeSearch, type FakeRecord, type RowOrder } from './fake-ecwid.js';
import { offline, resetEnv, run } from './helpers.js';

const NOW = 1_800_000_000;
const spec: WindowSpec<FakeRecord> = {
  path: '/orders',
  params: {},
  from: 'createdFrom',
  to: 'createdTo',
  timeOf: (r) => Number(r.createTimestamp),
  idOf: (r) => String(r.id),
};

beforeEach(() => {
  offline();
  resetEnv();
});
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

/** Stores of up to 1,500 records with bursts (many records in a few seconds) and quiet stretches. */
const storeArb = fc
  .array(
    fc.record({
      center: fc.integer({ min: 0, max: 5 * 24 * 3600 }),
      spread: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 3 * 24 * 3600 })),
      size: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 20, max: 400 })),
    }),
    { minLength: 0, maxLength: 6 },
  )
  .chain((clusters) =>
    fc.tuple(
      ...clusters.map((c) => fc.array(fc.integer({ min: -c.spread, max: c.spread }), { minLength: c.size, maxLength: c.size }).map((offsets) => offsets.map((o) => Math.max(0, c.center + o)))),
    ),
  )
  .map((groups) => groups.flat().map((ago, i) => ({ id: `O${i}`, createTimestamp: NOW - ago, updateTimestamp: NOW - ago })));

describe('readWindow, for any store and any row order', () => {
  test('returns exactly the complete newest part of the window, newest first, within the request bound', async () => {
    await fc.assert(
      fc.asyncProperty(storeArb, fc.constantFrom<RowOrder>('oldest', 'newest', 'shuffled'), fc.integer({ min: 1, max: 1000 }), async (store, rowOrder, seed) => {
        nock.cleanAll();
        const endpoint = fakeSearch('/orders', store, { rowOrder, seed });
        const from = NOW - POLL_LOOKBACK_SECONDS;
        const read = await run((z, bundle) =>
          readWindow(z, bundle, spec, { fromSeconds: from, toSeconds: NOW, maxRecords: 1000, maxRequests: POLL_MAX_REQUESTS }),
        );
        const inWindow = store
          .filter((r) => r.createTimestamp >= from && r.createTimestamp <= NOW)
          .sort((a, b) => b.createTimestamp - a.createTimestamp || (a.id < b.id ? 1 : -1));
        const ids = read.records.map((r) => r.id);
        // a prefix of the true newest-first list: nothing skipped, nothing repeated, nothing from outside
        expect(ids).toEqual(inWindow.slice(0, ids.length).map((r) => r.id));
        // never half a second: every record of the oldest returned second is there too
        const oldest = read.records.length > 0 ? Number(read.records[read.records.length - 1].createTimestamp) : Infinity;
        if (inWindow.filter((r) => r.createTimestamp === oldest).length <= 1000) {
          expect(ids.length).toBe(inWindow.filter((r) => r.createTimestamp >= oldest).length);
        }
        if (read.complete) expect(ids).toHaveLength(inWindow.length);
        else expect(read.records.every((r) => Number(r.createTimestamp) >= read.readFrom)).toBe(true);
        expect(endpoint.queries.length).toBe(read.requests);
        expect(read.requests).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
        if (inWindow.length <= 100) expect(read.requests).toBe(1);
        // a stable row order and a window of ≤ 500 records: every record, in one request per 100
        if (rowOrder !== 'shuffled' && inWindow.length <= 500) {
          expect(read.complete).toBe(true);
          expect(read.requests).toBe(Math.max(1, Math.ceil(inWindow.length / 100)));
        }
      }),
      { numRuns: 150, seed: Number(process.env.FC_SEED) || undefined },
    );
  });
});
