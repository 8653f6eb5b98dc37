/**
 * Customer and product searches read time indexes (records sorted by registration or creation time, and by update
 * time) instead of scanning the store. Whatever the window, the other filters and the sort, they must answer exactly
 * what a scan of every record answers — also after records were added and changed at other times (a change moves
 * the record in the update index).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { Clock } from '../../../tools/sandbox/clock.js';
import { parseEcwidDate } from '../../../tools/sandbox/dates.js';
import {
  CUSTOMER_SORTS,
  PRODUCT_SORTS,
  generateStore,
  type Customer,
  type CustomerFilter,
  type CustomerSort,
  type EcwidStore,
  type Product,
  type ProductFilter,
  type ProductSort,
} from '../../../tools/sandbox/store.js';
import { DAY_S, HOUR_S, NOW, NOW_S } from './helpers.js';

const RUNS = { numRuns: 400, seed: Number(process.env.FC_SEED) || undefined };

let store: EcwidStore;

beforeAll(() => {
  const clock = new Clock(NOW);
  store = generateStore({ seed: 21, orders: 1_500, customers: 600, products: 150, now: NOW }, clock);
  for (let step = 0; step < 80; step++) {
    // Mostly forward, now and then back: new and changed records land inside the indexes, not only at their ends.
    clock.set(NOW + (step % 5 === 4 ? -step * 7 : step * 3) * HOUR_S * 1000);
    if (step % 3 === 0) store.registerRandomCustomer();
    store.updateCustomer(store.customers[(step * 37) % store.customers.length].id, { name: `Renamed Person ${step}` });
    if (step % 4 === 0) store.addProduct({ name: `Sandbox Kite ${step}`, quantity: step % 3, enabled: step % 8 !== 0 });
    const product = store.products[(step * 13) % store.products.length];
    store.updateProduct(product.id, { price: step + 0.5 });
    if (step % 2 === 0) store.adjustInventory(store.products[(step * 29) % store.products.length].id, -1);
  }
});

const parsed = new Map<string, number>();
/** Unix seconds of a stored date (memoized: the reference scans and sorts read the same dates many times). */
const seconds = (date: string): number => {
  if (!parsed.has(date)) parsed.set(date, parseEcwidDate(date)!);
  return parsed.get(date)!;
};
const within = (value: number, from?: number, to?: number) =>
  (from === undefined || value >= from) && (to === undefined || value <= to);
const ids = (records: Array<{ id: number }>) => records.map((r) => r.id);

/** A bound of a window: none, a record's own time (or a second either side of it: inclusive edges), or any time. */
const boundArb = (times: () => number[]) =>
  fc.oneof(
    fc.constant(undefined),
    fc.tuple(fc.nat(), fc.integer({ min: -1, max: 1 })).map(([pick, shift]) => times()[pick % times().length] + shift),
    fc.integer({ min: NOW_S - 3 * 365 * DAY_S, max: NOW_S + 20 * DAY_S }),
  );

const windowArb = (createTimes: () => number[], updateTimes: () => number[]) =>
  fc.record({
    createdFrom: boundArb(createTimes),
    createdTo: boundArb(createTimes),
    updatedFrom: boundArb(updateTimes),
    updatedTo: boundArb(updateTimes),
  });

/** Ecwid's sorts, restated from the API description: by the key, ties by id ascending. */
const order =
  <T extends { id: number }>(key: (record: T) => string | number, direction: 1 | -1) =>
  (a: T, b: T) => {
    const [ka, kb] = [key(a), key(b)];
    return (ka < kb ? -direction : ka > kb ? direction : 0) || a.id - b.id;
  };

const CUSTOMER_ORDER: Record<CustomerSort, (a: Customer, b: Customer) => number> = {
  NAME_ASC: order((c) => c.name.toLowerCase(), 1),
  NAME_DESC: order((c) => c.name.toLowerCase(), -1),
  EMAIL_ASC: order((c) => c.email.toLowerCase(), 1),
  EMAIL_DESC: order((c) => c.email.toLowerCase(), -1),
  REGISTERED_DATE_DESC: order((c) => seconds(c.registered), -1),
  REGISTERED_DATE_ASC: order((c) => seconds(c.registered), 1),
  UPDATED_DATE_DESC: order((c) => seconds(c.updated), -1),
  UPDATED_DATE_ASC: order((c) => seconds(c.updated), 1),
};

const PRODUCT_ORDER: Record<ProductSort, (a: Product, b: Product) => number> = {
  RELEVANCE: order((p) => p.id, 1), // no keyword: every product is as relevant, catalog order
  ADDED_TIME_DESC: order((p) => p.createTimestamp, -1),
  ADDED_TIME_ASC: order((p) => p.createTimestamp, 1),
  UPDATED_TIME_DESC: order((p) => p.updateTimestamp, -1),
  UPDATED_TIME_ASC: order((p) => p.updateTimestamp, 1),
  NAME_ASC: order((p) => p.name.toLowerCase(), 1),
  NAME_DESC: order((p) => p.name.toLowerCase(), -1),
  PRICE_ASC: order((p) => p.price, 1),
  PRICE_DESC: order((p) => p.price, -1),
  SKU_ASC: order((p) => p.sku, 1),
  SKU_DESC: order((p) => p.sku, -1),
};

describe('time-indexed searches answer what a scan of every record answers', () => {
  test('customers: any window of registration and update times, with or without other filters, in every sort', () => {
    const registered = () => store.customers.map((c) => seconds(c.registered));
    const updated = () => store.customers.map((c) => seconds(c.updated));
    const others = fc.record({
      customerGroupIds: fc.option(fc.constantFrom<number[]>([0], [4001, 4002]), { nil: undefined }),
      name: fc.constantFrom(undefined, 'renamed', 'a'),
    });
    fc.assert(
      fc.property(
        windowArb(registered, updated),
        others,
        fc.constantFrom(...CUSTOMER_SORTS),
        (window, other, sortBy) => {
          const filter: CustomerFilter = { ...window, ...other };
          const expected = store.customers
            .filter(
              (c) =>
                within(seconds(c.registered), filter.createdFrom, filter.createdTo) &&
                within(seconds(c.updated), filter.updatedFrom, filter.updatedTo) &&
                (!filter.customerGroupIds || filter.customerGroupIds.includes(c.customerGroupId)) &&
                (filter.name === undefined || c.name.toLowerCase().includes(filter.name)),
            )
            .sort(CUSTOMER_ORDER[sortBy]);
          expect(ids(store.searchCustomers(filter, sortBy))).toEqual(ids(expected));
        },
      ),
      RUNS,
    );
  });

  test('products: any window of creation and update times, with or without other filters, in every sort', () => {
    const created = () => store.products.map((p) => p.createTimestamp);
    const updated = () => store.products.map((p) => p.updateTimestamp);
    const others = fc.record({
      enabled: fc.option(fc.boolean(), { nil: undefined }),
      inStock: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(windowArb(created, updated), others, fc.constantFrom(...PRODUCT_SORTS), (window, other, sortBy) => {
        const filter: ProductFilter = { ...window, ...other };
        const expected = store.products
          .filter(
            (p) =>
              within(p.createTimestamp, filter.createdFrom, filter.createdTo) &&
              within(p.updateTimestamp, filter.updatedFrom, filter.updatedTo) &&
              (filter.enabled === undefined || p.enabled === filter.enabled) &&
              (filter.inStock === undefined || p.inStock === filter.inStock),
          )
          .sort(PRODUCT_ORDER[sortBy]);
        expect(ids(store.searchProducts(filter, sortBy))).toEqual(ids(expected));
      }),
      RUNS,
    );
  });

  test('the changes above did move records inside the indexes (else the checks would prove little)', () => {
    const renamed = store.customers.filter((c) => c.name.startsWith('Renamed Person'));
    expect(renamed.length).toBeGreaterThan(20);
    expect(renamed.some((c) => seconds(c.updated) < NOW_S)).toBe(true); // changed while the clock was set back
    expect(store.customers.filter((c) => seconds(c.registered) > NOW_S).length).toBeGreaterThan(5);
    expect(store.products.filter((p) => p.updateTimestamp > NOW_S).length).toBeGreaterThan(20);
  });
});

describe('a time-bounded search examines its window, not the store', () => {
  test('New Customer and New Product polls (a 3-day window by creation) look at no more records than the window holds', () => {
    const big = generateStore({ seed: 3, orders: 2_000, customers: 20_000, products: 3_000, now: NOW });
    const window = { createdFrom: NOW_S - 3 * DAY_S, createdTo: NOW_S };
    const customers = big.searchCustomers(window, 'REGISTERED_DATE_DESC');
    const inWindow = big.customers.filter((c) => within(seconds(c.registered), window.createdFrom, window.createdTo));
    expect(ids(customers)).toEqual(ids(inWindow.sort(CUSTOMER_ORDER.REGISTERED_DATE_DESC)));
    expect(big.diagnostics.lastCustomerScan).toBe(inWindow.length);
    expect(big.diagnostics.lastCustomerScan).toBeLessThan(big.customers.length / 20);

    const products = big.searchProducts(window, 'ADDED_TIME_DESC');
    expect(big.diagnostics.lastProductScan).toBe(products.length);
    expect(big.diagnostics.lastProductScan).toBeLessThan(big.products.length / 20);
  });
});
