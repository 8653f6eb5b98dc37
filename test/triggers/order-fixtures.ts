import type { FakeRecord } from '../fake-ecwid.js';
import { bundleFor, run } from '../helpers.js';

/** The order trigger tests' fixed clock, in unix seconds. */
export const NOW = 1_800_000_000;

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

/** One poll of `trigger`, as Zapier runs it. */
export const poll = (trigger: any, inputData = {}, meta = {}) =>
  run(trigger.operation.perform, bundleFor(inputData, meta)) as Promise<Array<Record<string, any>>>;
