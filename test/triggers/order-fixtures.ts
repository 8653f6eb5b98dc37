import type { FakeRecord } from '../fake-ecwid.js';

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
