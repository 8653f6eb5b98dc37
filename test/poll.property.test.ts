import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { planCuts, POLL_LOOKBACK_SECONDS, POLL_MAX_REQUESTS, readWindow, withinOutputBytes, type SlicePlan, type WindowRead, type WindowSpec } from '../lib/polling/window-reader.js';
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

const FROM = NOW - POLL_LOOKBACK_SECONDS;
const liveLimits = { fromSeconds: FROM, toSeconds: NOW, maxRecords: 1000, maxRequests: POLL_MAX_REQUESTS };
const newestFirstOf = (store: FakeRecord[]) =>
  store
    .filter((r) => Number(r.createTimestamp) >= FROM && Number(r.createTimestamp) <= NOW)
    .sort((a, b) => Number(b.createTimestamp) - Number(a.createTimestamp) || (a.id < b.id ? 1 : -1));

/** What every read must be, plan or no plan: the complete newest part of the window, within the request bound. */
const expectCompleteNewestPart = (read: WindowRead<FakeRecord>, store: FakeRecord[], queries: number): void => {
  const inWindow = newestFirstOf(store);
  const ids = read.records.map((r) => r.id);
  // a prefix of the true newest-first list: nothing skipped, nothing repeated, nothing from outside
  expect(ids).toEqual(inWindow.slice(0, ids.length).map((r) => r.id));
  // never half a second: every record of the oldest returned second is there too
  const oldest = read.records.length > 0 ? Number(read.records[read.records.length - 1].createTimestamp) : Infinity;
  if (inWindow.filter((r) => r.createTimestamp === oldest).length <= 1000) {
    expect(ids.length).toBe(inWindow.filter((r) => Number(r.createTimestamp) >= oldest).length);
  }
  if (read.complete) {
    expect(ids).toHaveLength(inWindow.length);
  } else {
    expect(read.records.every((r) => Number(r.createTimestamp) >= read.readFrom)).toBe(true);
    // and every record from `readFrom` on is there
    expect(ids.length).toBe(inWindow.filter((r) => Number(r.createTimestamp) >= read.readFrom).length);
  }
  expect(queries).toBe(read.requests);
  expect(read.requests).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
};

describe('readWindow, for any store and any row order', () => {
  test('returns exactly the complete newest part of the window, newest first, within the request bound', async () => {
    await fc.assert(
      fc.asyncProperty(storeArb, fc.constantFrom<RowOrder>('oldest', 'newest', 'shuffled'), fc.integer({ min: 1, max: 1000 }), async (store, rowOrder, seed) => {
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
      }),
      { numRuns: 150, seed: Number(process.env.FC_SEED) || undefined },
    );
  });

  test('a slice plan changes what is asked, never what is returned: stale, foreign or arbitrary plans alike', async () => {
    const planArb = fc.oneof(
      // arbitrary cuts anywhere in (and around) the window
      fc.uniqueArray(fc.integer({ min: FROM - 3600, max: NOW + 3600 }), { maxLength: 40 }).map((cuts): SlicePlan => ({ cuts: cuts.sort((a, b) => b - a) })),
      // the plan another store would leave
      storeArb.map((other): SlicePlan => ({ cuts: planCuts(newestFirstOf(other).map((r) => Number(r.createTimestamp)), FROM, 1000) })),
    );
    await fc.assert(
      fc.asyncProperty(storeArb, planArb, fc.constantFrom<RowOrder>('oldest', 'newest', 'shuffled'), fc.integer({ min: 1, max: 1000 }), async (store, plan, rowOrder, seed) => {
        nock.cleanAll();
        const endpoint = fakeSearch('/orders', store, { rowOrder, seed });
        const read = await run((z, bundle) => readWindow(z, bundle, spec, { ...liveLimits, plan }));
        expectCompleteNewestPart(read, store, endpoint.queries.length);
      }),
      { numRuns: 150, seed: Number(process.env.FC_SEED) || undefined },
    );
  });

  test('a busy window read again with its own plan takes one request per ~90 records, however rows are listed', async () => {
    // ~700 records a day for three days, evenly spread: the store the simulation plays
    let store: FakeRecord[] = Array.from({ length: 2100 }, (_, i) => ({ id: `O${i}`, createTimestamp: NOW - 600 - i * 123 }));
    for (const rowOrder of ['oldest', 'newest', 'shuffled'] as const) {
      const requests: number[] = [];
      let plan: SlicePlan | undefined;
      // a poll every few minutes, a few new records in between
      for (let round = 0; round < 3; round += 1) {
        store = [...store, ...Array.from({ length: 4 }, (_, i) => ({ id: `N${rowOrder}${round}-${i}`, createTimestamp: NOW - 500 + round * 100 + i }))];
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
});

describe('slice plans are left only where slicing was needed', () => {
  test('a window of 300 in a stable row order is paged (3 requests) poll after poll, with no plan', async () => {
    const store: FakeRecord[] = Array.from({ length: 300 }, (_, i) => ({ id: `O${i}`, createTimestamp: NOW - 600 - i * 700 }));
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

describe('withinOutputBytes', () => {
  test('keeps the newest outputs that fit, never half a second, all of them when they fit', () => {
    const arb = fc.array(fc.record({ time: fc.integer({ min: 0, max: 40 }), size: fc.integer({ min: 0, max: 300 }) }), { maxLength: 60 });
    fc.assert(
      fc.property(arb, fc.integer({ min: 50, max: 5000 }), (rows, maxBytes) => {
        const records = [...rows].sort((a, b) => b.time - a.time);
        const outputs = records.map((r, i) => ({ id: i, pad: 'x'.repeat(r.size) }));
        const kept = withinOutputBytes(records, outputs, (r) => r.time, maxBytes);
        expect(kept).toEqual(outputs.slice(0, kept.length));
        const bytes = Buffer.byteLength(JSON.stringify(kept));
        if (kept.length === outputs.length) {
          expect(Buffer.byteLength(JSON.stringify(outputs))).toBeLessThanOrEqual(maxBytes);
          return;
        }
        const boundary = records[kept.length].time;
        const splitsASecond = kept.length > 0 && records[kept.length - 1].time === boundary;
        if (splitsASecond) {
          // only a second heavier than the bound on its own is split
          expect(kept.every((_, i) => records[i].time === boundary)).toBe(true);
        } else {
          expect(bytes).toBeLessThanOrEqual(maxBytes);
          // the next second would not have fitted
          const withNext = outputs.slice(0, records.findIndex((r) => r.time < boundary) === -1 ? outputs.length : records.findIndex((r) => r.time < boundary));
          expect(Buffer.byteLength(JSON.stringify(withNext))).toBeGreaterThan(maxBytes);
        }
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED) || undefined },
    );
  });
});
