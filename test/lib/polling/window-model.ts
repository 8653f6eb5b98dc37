import { afterEach, beforeEach, expect } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { POLL_LOOKBACK_SECONDS, POLL_MAX_REQUESTS } from '../../../lib/polling/poll-limits.js';
import type { WindowRead, WindowSpec } from '../../../lib/polling/window-reader.js';
import type { FakeRecord } from '../../fake-ecwid.js';
import { offline, resetEnv } from '../../helpers.js';

/** What the window reader's tests share: a store generator and the model of what a read must return. */

export const NOW = 1_800_000_000;
export const FROM = NOW - POLL_LOOKBACK_SECONDS;

export const spec: WindowSpec<FakeRecord> = {
  path: '/orders',
  params: {},
  from: 'createdFrom',
  to: 'createdTo',
  timeOf: (r) => Number(r.createTimestamp),
  idOf: (r) => String(r.id),
};

export const liveLimits = { fromSeconds: FROM, toSeconds: NOW, maxRecords: 1000, maxRequests: POLL_MAX_REQUESTS };

/** Stores of up to 1,500 records with bursts (many records in a few seconds) and quiet stretches. */
export const storeArb = fc
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
      ...clusters.map((c) =>
        fc
          .array(fc.integer({ min: -c.spread, max: c.spread }), { minLength: c.size, maxLength: c.size })
          .map((offsets) => offsets.map((o) => Math.max(0, c.center + o))),
      ),
    ),
  )
  .map((groups) =>
    groups.flat().map((ago, i) => ({ id: `O${i}`, createTimestamp: NOW - ago, updateTimestamp: NOW - ago })),
  );

/** The store's records in the live window, newest first, ties by id descending: the model of a complete read. */
export const newestFirstOf = (store: FakeRecord[]): FakeRecord[] =>
  store
    .filter((r) => Number(r.createTimestamp) >= FROM && Number(r.createTimestamp) <= NOW)
    .sort((a, b) => Number(b.createTimestamp) - Number(a.createTimestamp) || (a.id < b.id ? 1 : -1));

/** What every read must be, plan or no plan: the complete newest part of the window, within the request bound. */
export const expectCompleteNewestPart = (read: WindowRead<FakeRecord>, store: FakeRecord[], queries: number): void => {
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

/** Each test talks to a fake Ecwid (nock) and nothing else. */
export const useOfflineEcwid = (): void => {
  beforeEach(() => {
    offline();
    resetEnv();
  });
  afterEach(() => nock.cleanAll());
};
