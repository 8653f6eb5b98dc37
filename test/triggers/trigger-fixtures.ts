import { fakeSearch, type FakeRecord } from '../fake-ecwid.js';
import { poll, useOfflineEcwid } from '../helpers.js';

/** The polling trigger tests' fixed clock, in unix seconds. */
export const NOW = 1_800_000_000;

/**
 * The setup of a polling trigger's tests: Ecwid answered by nock, for a store that sells in NZD, with the app's clock
 * at NOW (or read from `clock`, for tests that move time on) and no store profile cached by an earlier test.
 */
export const useOfflineStore = (clock: number | (() => number) = NOW): void =>
  useOfflineEcwid({ now: clock, currency: 'NZD', freshCaches: true });

/** An order as Ecwid lists it, placed (and last updated) `createdAgo` seconds before NOW. */
export const order = (n: number, createdAgo: number, extra: Partial<FakeRecord> = {}): FakeRecord => ({
  id: `SHOP-${String(n).padStart(5, '0')}`,
  createTimestamp: NOW - createdAgo,
  updateTimestamp: NOW - createdAgo,
  createDate: '2027-01-15 08:00:00 +0000',
  paymentStatus: 'AWAITING_PAYMENT',
  fulfillmentStatus: 'AWAITING_PROCESSING',
  items: [],
  ...extra,
});

/** "Test trigger" where Ecwid lists `records` at `path` shuffled: what `trigger` shows, and in how many requests. */
export const testTrigger = async (trigger: Parameters<typeof poll>[0], path: string, records: FakeRecord[]) => {
  const endpoint = fakeSearch(path, records, { rowOrder: 'shuffled' });
  const shown = await poll(trigger, {}, { isLoadingSample: true });
  return { shown, requests: endpoint.queries.length };
};
