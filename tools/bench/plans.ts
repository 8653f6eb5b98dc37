/** What a full run and a smoke run measure. Both run the same code; the smoke run is small and never slow. */
import type { StoreSpec } from './sandbox-host.js';

export interface Plan {
  name: 'full' | 'smoke';
  /** Stores of growing size at the same recent order rate: cost per poll must not grow with them. */
  sizes: StoreSpec[];
  /** A store with more than a page of orders in the 3-day window: shown as information. */
  busy: StoreSpec;
  /** Exactly 100 orders in the 3-day window: one full page for the overhead, CPU and memory figures. */
  hundred: StoreSpec;
  /** Measured polls per store, trigger and mode, after one warm-up poll each. */
  polls: number;
  /** The same for the busy store (information only, and slow: its polls read several pages). */
  busyPolls: number;
  overheadRuns: number;
  latencyMs: number;
  coldStartRuns: number;
  memoryRuns: number;
  runBuild: boolean;
}

/**
 * Full run: about 10 orders a day at every size, so the sizes differ only in how much history lies outside the
 * 3-day window — which is what "flat in store size" is about. (Updates — payment, shipping, delivery — put about
 * 2.5× as many orders in the by-update windows of New Paid Order and Order Status Changed as in New Order's
 * by-creation window: at 10 a day that is ~75, under one page; from ~13 a day on it is more than one.)
 */
/**
 * Carts: the sandbox puts 15% of its abandoned carts in the last 6 hours whatever the store's history, so its default
 * (8% of the orders) would make a 100,000-order store a burst of ~900 fresh carts. The same 200 carts at every size
 * keep the cart window alike too (~25 carts in the last 3 days).
 */
const CARTS = 200;
const sized = (label: string, storeId: number, orders: number, perDay = 10): StoreSpec => ({
  label,
  storeId,
  orders,
  spanDays: orders / perDay,
});
const HUNDRED: StoreSpec = { label: '100-order window', storeId: 3000, orders: 100, spanDays: 2.5, recentOrders: 100 };

export const FULL: Plan = {
  name: 'full',
  sizes: [sized('1k', 1001, 1_000), sized('10k', 1010, 10_000), sized('100k', 1100, 100_000)].map((spec) => ({
    ...spec,
    carts: CARTS,
  })),
  busy: { label: 'busy', storeId: 2000, orders: 10_000, spanDays: 100 },
  hundred: HUNDRED,
  polls: 20,
  busyPolls: 3,
  overheadRuns: 20,
  latencyMs: 100,
  coldStartRuns: 10,
  memoryRuns: 3,
  runBuild: true,
};

export const SMOKE: Plan = {
  name: 'smoke',
  // Fewer orders a day than the full run, and the generator's carts: the smoke run checks the code paths, fast.
  sizes: [sized('100', 1001, 100, 3), sized('300', 1003, 300, 3)],
  busy: { label: 'busy', storeId: 2000, orders: 150, spanDays: 1.5 },
  hundred: HUNDRED,
  polls: 1,
  busyPolls: 1,
  overheadRuns: 1,
  latencyMs: 20,
  coldStartRuns: 1,
  memoryRuns: 1,
  runBuild: false,
};
