/** The seeded generator: determinism, Ecwid's money rules on every order, realism of the data, indexes, mutations. */
import { describe, expect, test } from '@jest/globals';
import { Clock } from '../../../tools/sandbox/clock.js';
import { formatEcwidDate, parseDateFilter, parseEcwidDate } from '../../../tools/sandbox/dates.js';
import {
  generateStore,
  type Customer,
  type EcwidStore,
  type Order,
  type Product,
} from '../../../tools/sandbox/store.js';
import { describeFigures, generateTimed, timeWindowSearch, windowFor } from '../../../tools/sandbox/measure.js';
import { DAY_S, HOUR_S, NOW, NOW_S, onlyLoopback } from './helpers.js';

const cents = (amount: number) => Math.round(amount * 100);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * "Order money" of docs/ecwid-api-notes.md, restated here (not taken from tools/sandbox/money.ts) and checked
 * to the cent. Returns the broken rules, so a failure names them.
 */
function moneyProblems(o: Order): string[] {
  const problems: string[] = [];
  const expect2 = (rule: string, actual: number, expected: number) => {
    if (Math.abs(cents(actual) - cents(expected)) > 1) problems.push(`${o.id}: ${rule}: ${actual} ≠ ${expected}`);
  };
  const shippingRate = o.shippingOption?.shippingRate ?? 0;
  const handling = o.handlingFee?.value ?? 0;
  const surcharges = sum(o.customSurcharges.map((s) => s.total));
  const giftCard = o.giftCardRedemption ?? 0;
  const before =
    o.subtotal -
    o.couponDiscount -
    o.discount +
    shippingRate +
    handling +
    surcharges +
    (o.pricesIncludeTax ? 0 : o.tax);
  expect2('totalBeforeGiftCardRedemption', o.totalBeforeGiftCardRedemption, before);
  expect2('total = before − gift card', o.total, before - giftCard);
  expect2('totalWithoutTax = total − tax', o.totalWithoutTax, o.total - o.tax);
  expect2('subtotal = Σ price × quantity', o.subtotal, sum(o.items.map((i) => i.price * i.quantity)));
  expect2('couponDiscount = Σ couponAmount', o.couponDiscount, sum(o.items.map((i) => i.couponAmount)));
  expect2('discount = Σ item discounts', o.discount, sum(o.items.flatMap((i) => i.discounts.map((d) => d.total))));
  expect2(
    'discount = volume + membership + both',
    o.discount,
    o.volumeDiscount + o.membershipBasedDiscount + o.totalAndMembershipBasedDiscount,
  );
  const lineTax = sum(o.items.flatMap((i) => i.taxes.map((t) => t.taxOnDiscountedSubtotal)));
  const shippingTax = sum(o.taxesOnShipping.map((t) => t.total));
  expect2('tax = Σ taxOnDiscountedSubtotal + Σ taxesOnShipping', o.tax, lineTax + shippingTax);
  for (const item of o.items) {
    expect2(`item ${item.id} tax = Σ taxes[].total`, item.tax, sum(item.taxes.map((t) => t.total)));
    const discounted = item.price * item.quantity - item.couponAmount - sum(item.discounts.map((d) => d.total));
    const allRates = sum(item.taxes.map((t) => t.value));
    for (const t of item.taxes) {
      expect2(
        `item ${item.id} ${t.name} total = onDiscounted + onShipping`,
        t.total,
        t.taxOnDiscountedSubtotal + t.taxOnShipping,
      );
      const expected = o.pricesIncludeTax ? (discounted * t.value) / (100 + allRates) : (discounted * t.value) / 100;
      expect2(`item ${item.id} ${t.name} on the discounted line`, t.taxOnDiscountedSubtotal, expected);
    }
  }
  // Shipping tax shown on the items too is the same money as taxesOnShipping[], never more.
  for (const t of o.taxesOnShipping) {
    const onItems = sum(o.items.flatMap((i) => i.taxes.filter((x) => x.name === t.name).map((x) => x.taxOnShipping)));
    if (onItems !== 0) expect2(`${t.name} on items = taxesOnShipping`, onItems, t.total);
    const base = shippingRate + handling;
    const rates = sum(o.taxesOnShipping.map((x) => x.value));
    expect2(
      `${t.name} on shipping + handling`,
      t.total,
      o.pricesIncludeTax ? (base * t.value) / (100 + rates) : (base * t.value) / 100,
    );
  }
  return problems;
}

/** What the checks below read of a generated store; order views are built once (`store.orders` builds them on every read). */
interface Snapshot {
  orders: Order[];
  customers: Customer[];
  products: Product[];
}
const snapshots = new Map<string, Snapshot>();
function store(seed: number, pricesIncludeTax: boolean, orders = 1000): Snapshot {
  const key = `${seed}/${pricesIncludeTax}/${orders}`;
  if (!snapshots.has(key)) {
    const generated = generateStore({ seed, orders, now: NOW, pricesIncludeTax });
    snapshots.set(key, { orders: generated.orders, customers: generated.customers, products: generated.products });
  }
  return snapshots.get(key)!;
}

describe('generateStore: determinism', () => {
  test('the same seed and options build an identical store; another seed a different one', () => {
    const a = generateStore({ seed: 42, orders: 300, now: NOW, orderIdPrefix: 'SHOP-' });
    const b = generateStore({ seed: 42, orders: 300, now: NOW, orderIdPrefix: 'SHOP-' });
    const c = generateStore({ seed: 43, orders: 300, now: NOW, orderIdPrefix: 'SHOP-' });
    const snapshot = (s: EcwidStore) =>
      JSON.stringify([s.orders, s.carts, s.customers, s.products, s.categories, s.coupons, s.settings]);
    expect(snapshot(a)).toBe(snapshot(b));
    expect(snapshot(a)).not.toBe(snapshot(c));
  });

  test('sizes follow the options', () => {
    const s = generateStore({
      seed: 3,
      orders: 10,
      customers: 4,
      products: 6,
      categories: 3,
      coupons: 2,
      carts: 5,
      now: NOW,
    });
    expect([
      s.orders.length,
      s.customers.length,
      s.products.length,
      s.categories.length,
      s.coupons.length,
      s.carts.length,
    ]).toEqual([10, 4, 6, 3, 2, 5]);
    expect(() => generateStore({ orders: -1, now: NOW })).toThrow(RangeError);
  });
});

describe('generateStore: money adds up on every order (Ecwid order-money rules, ±0.01)', () => {
  test.each([
    [1, false],
    [2, false],
    [1, true],
    [2, true],
  ])('seed %i, pricesIncludeTax %s', (seed, gross) => {
    const s = store(seed, gross);
    const problems = s.orders.flatMap(moneyProblems);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(s.orders.every((o) => o.pricesIncludeTax === gross)).toBe(true);
  });

  test('the orders exercise every money feature, so the check above means something', () => {
    const orders = [...store(1, false).orders, ...store(1, true).orders];
    const share = (predicate: (o: Order) => boolean) => orders.filter(predicate).length / orders.length;
    expect(share((o) => o.items.some((i) => i.quantity > 1))).toBeGreaterThan(0.1);
    expect(share((o) => o.items.length > 1)).toBeGreaterThan(0.2);
    expect(share((o) => o.items.some((i) => i.taxes.length >= 2))).toBeGreaterThan(0.2);
    expect(share((o) => new Set(o.items.flatMap((i) => i.taxes.map((t) => t.name))).size >= 2)).toBeGreaterThan(0.1);
    expect(share((o) => o.couponDiscount > 0)).toBeGreaterThan(0.03);
    expect(orders.filter((o) => o.couponDiscount > 0 && o.items.some((i) => !i.couponApplied)).length).toBeGreaterThan(
      0,
    ); // limited coupons
    expect(share((o) => o.volumeDiscount > 0)).toBeGreaterThan(0.02);
    expect(share((o) => o.membershipBasedDiscount > 0)).toBeGreaterThan(0.02);
    expect(share((o) => (o.giftCardRedemption ?? 0) > 0)).toBeGreaterThan(0.01);
    expect(share((o) => o.handlingFee !== undefined)).toBeGreaterThan(0.3);
    expect(share((o) => o.customSurcharges.length > 0)).toBeGreaterThan(0.02);
    expect(
      share((o) => o.taxesOnShipping.length > 0 && o.items.some((i) => i.taxes.some((t) => t.taxOnShipping > 0))),
    ).toBeGreaterThan(0.1);
    expect(
      share((o) => o.taxesOnShipping.length > 0 && o.items.every((i) => i.taxes.every((t) => t.taxOnShipping === 0))),
    ).toBeGreaterThan(0.1);
    expect(share((o) => o.shippingOption === undefined)).toBeGreaterThan(0.005); // digital only
    expect(share((o) => o.shippingOption?.isPickup === true)).toBeGreaterThan(0.02);
    expect(
      share((o) => o.items.some((i) => (i.selectedOptions?.length ?? 0) > 0 && i.price !== i.productPrice)),
    ).toBeGreaterThan(0.02);
  });

  test('gross stores have VAT-inclusive prices: priceWithoutTax < price on taxed lines', () => {
    const taxed = store(1, true)
      .orders.flatMap((o) => o.items)
      .filter((i) => i.taxes.length > 0);
    expect(taxed.length).toBeGreaterThan(100);
    expect(taxed.every((i) => i.priceWithoutTax < i.price)).toBe(true);
    const net = store(1, false).orders.flatMap((o) => o.items);
    expect(net.every((i) => i.priceWithoutTax === i.price)).toBe(true);
  });
});

describe('generateStore: orders look like Ecwid orders', () => {
  const s = () => store(1, false);

  test('ids are unique strings, with the prefix when given; internalIds grow with creation time', () => {
    const prefixed = generateStore({ seed: 9, orders: 500, now: NOW, orderIdPrefix: 'SHOP-' }).orders;
    expect(prefixed.every((o) => /^SHOP-[2-9A-HJ-NP-Z]{5}$/.test(o.id))).toBe(true);
    expect(new Set(prefixed.map((o) => o.id)).size).toBe(500);
    expect(s().orders.every((o) => /^[2-9A-HJ-NP-Z]{5}$/.test(o.id))).toBe(true);
    const orders = s().orders;
    // Like Ecwid's, ids say nothing about age: about half of consecutive orders have a "smaller" id.
    const rising = orders.filter((o, i) => i > 0 && o.id > orders[i - 1].id).length / orders.length;
    expect(rising).toBeGreaterThan(0.4);
    expect(rising).toBeLessThan(0.6);
    const outOfOrder = orders.filter(
      (o, i) =>
        i > 0 && (o.internalId <= orders[i - 1].internalId || o.createTimestamp < orders[i - 1].createTimestamp),
    );
    expect(outOfOrder.map((o) => o.id)).toEqual([]);
  });

  test('dates are Ecwid strings matching the unix-second timestamps, inside the span and never in the future', () => {
    // One expect for all orders (thousands of expect calls cost more than the checks).
    const wrong = s().orders.filter(
      (o) =>
        !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/.test(o.createDate) ||
        parseEcwidDate(o.createDate) !== o.createTimestamp ||
        parseEcwidDate(o.updateDate) !== o.updateTimestamp ||
        o.updateTimestamp < o.createTimestamp ||
        o.updateTimestamp > NOW_S ||
        o.createTimestamp < NOW_S - 60 * DAY_S,
    );
    expect(wrong.map((o) => [o.id, o.createDate, o.createTimestamp, o.updateDate, o.updateTimestamp])).toEqual([]);
    expect(s().orders.filter((o) => o.createTimestamp >= NOW_S - 6 * HOUR_S).length).toBeGreaterThan(30); // recent ones
  });

  test('orders are spread over payment and fulfillment statuses consistent with their history', () => {
    const orders = s().orders;
    const count = (p: (o: Order) => boolean) => orders.filter(p).length;
    const payment = ['AWAITING_PAYMENT', 'PAID', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'INCOMPLETE'];
    const fulfillment = ['AWAITING_PROCESSING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'WILL_NOT_DELIVER', 'RETURNED'];
    for (const status of payment) expect(count((o) => o.paymentStatus === status)).toBeGreaterThan(0);
    for (const status of fulfillment) expect(count((o) => o.fulfillmentStatus === status)).toBeGreaterThan(0);
    expect(count((o) => o.paymentStatus === 'PAID')).toBeGreaterThan(orders.length * 0.6);
    // History: only paid orders are shipped; refunds are recorded; cancelled ones never ship.
    expect(
      orders
        .filter((o) => o.fulfillmentStatus === 'SHIPPED')
        .every((o) => ['PAID', 'PARTIALLY_REFUNDED'].includes(o.paymentStatus)),
    ).toBe(true);
    // (the shapes of refunds, status-only ones included, are checked in test/tools/sandbox/refunds-and-deletions.test.ts)
    expect(
      orders.filter((o) => o.paymentStatus === 'REFUNDED').every((o) => cents(o.refundedAmount) <= cents(o.total)),
    ).toBe(true);
    expect(
      orders.filter((o) => o.paymentStatus === 'CANCELLED').every((o) => o.fulfillmentStatus === 'WILL_NOT_DELIVER'),
    ).toBe(true);
    expect(
      orders.filter((o) => o.paymentStatus === 'INCOMPLETE').every((o) => o.updateTimestamp === o.createTimestamp),
    ).toBe(true);
    expect(orders.filter((o) => o.fulfillmentStatus === 'SHIPPED').every((o) => o.trackingNumber)).toBe(true);
  });

  test('people are sometimes missing, like in real stores', () => {
    const orders = s().orders;
    expect(orders.some((o) => o.email === '')).toBe(true);
    expect(orders.some((o) => o.billingPerson === undefined)).toBe(true);
    expect(orders.some((o) => o.shippingPerson === undefined && o.shippingOption !== undefined)).toBe(true);
    expect(orders.some((o) => o.customerId === undefined)).toBe(true); // guests
    const customers = s().customers;
    expect(customers.some((c) => c.billingPerson === undefined)).toBe(true);
    expect(customers.some((c) => c.email === '')).toBe(true);
  });

  test('customer stats count their (non-abandoned) orders', () => {
    const { orders, customers } = s();
    for (const c of customers.slice(0, 200)) {
      const theirs = orders.filter((o) => o.customerId === c.id && o.paymentStatus !== 'INCOMPLETE');
      expect(c.stats.numberOfOrders).toBe(theirs.length);
      expect(cents(c.stats.salesValue)).toBe(sum(theirs.map((o) => cents(o.total))));
      expect(c.totalOrderCount).toBe(theirs.length);
    }
    expect(customers.some((c) => c.stats.numberOfOrders > 1)).toBe(true);
  });

  test('orders only contain products that existed when they were placed', () => {
    const { orders } = s();
    const created = new Map(s().products.map((p) => [p.id, p.createTimestamp]));
    expect(orders.every((o) => o.items.every((i) => created.get(i.productId)! <= o.createTimestamp))).toBe(true);
  });
});

describe('dates', () => {
  test('format and parse round-trip; filters take unix seconds or Ecwid date text in any offset', () => {
    expect(formatEcwidDate(1725434529)).toBe('2024-09-04 07:22:09 +0000');
    expect(parseEcwidDate('2024-09-04 09:22:09 +0200')).toBe(1725434529);
    expect(parseDateFilter('1725434529')).toBe(1725434529);
    expect(parseDateFilter('2024-09-04 07:22:09  0000')).toBeUndefined(); // a '+' lost to URL decoding
    expect(parseDateFilter('2024-02-30 00:00:00 +0000')).toBeUndefined();
    expect(parseDateFilter('2024-09-04T07:22:09Z')).toBeUndefined();
  });
});

describe('mutations over virtual time', () => {
  test('each change stamps the clock time and is found by updatedFrom', () => {
    const clock = new Clock(NOW);
    const s = generateStore({ seed: 4, orders: 50, now: NOW }, clock);
    clock.advance(3600_000);
    const placed = s.createOrder({ customerId: null });
    expect(placed.createTimestamp).toBe(NOW_S + 3600);
    expect(placed.paymentStatus).toBe('AWAITING_PAYMENT');
    expect(placed.customerId).toBeUndefined();
    expect(moneyProblems(placed)).toEqual([]);
    expect(s.lastOrder()).toEqual(placed);

    clock.advance(60_000);
    const paid = s.payOrder(placed.id);
    expect([paid.paymentStatus, paid.updateTimestamp, paid.updateDate]).toEqual([
      'PAID',
      NOW_S + 3660,
      formatEcwidDate(NOW_S + 3660),
    ]);
    expect(placed.paymentStatus).toBe('AWAITING_PAYMENT'); // views are snapshots
    clock.advance(60_000);
    s.setFulfillmentStatus(placed.id, 'SHIPPED');
    expect(s.searchOrderIds({ updatedFrom: NOW_S + 3720 })).toEqual([placed.id]);
    expect(s.searchOrderIds({ updatedTo: NOW_S + 3719 })).not.toContain(placed.id);

    clock.advance(60_000);
    expect(s.refundOrder(placed.id, 1).paymentStatus).toBe('PARTIALLY_REFUNDED');
    const refunded = s.refundOrder(placed.id);
    expect([refunded.paymentStatus, cents(refunded.refundedAmount)]).toEqual(['REFUNDED', cents(refunded.total)]);
    expect(refunded.refunds.map((r) => cents(r.amount))).toEqual([100, cents(refunded.total) - 100]);
    expect(moneyProblems(refunded)).toEqual([]); // refunds never change the total

    const abandoned = s.createOrder({ paymentStatus: 'INCOMPLETE' });
    expect(s.searchOrderIds({})).not.toContain(abandoned.id);
    expect(s.searchOrderIds({ paymentStatuses: ['INCOMPLETE'] })).toContain(abandoned.id);
    expect(s.cancelOrder(abandoned.id).fulfillmentStatus).toBe('WILL_NOT_DELIVER');
  });

  test('registering customers and adding products use the clock; stock never goes below zero', () => {
    const s = generateStore({ seed: 4, orders: 20, now: NOW });
    s.clock.set(NOW + 1000_000);
    const customer = s.registerRandomCustomer();
    expect(customer.registered).toBe(formatEcwidDate(NOW_S + 1000));
    const product = s.addProduct({ name: 'Sandbox Kite', price: 19.5, quantity: 3 });
    expect([product.createTimestamp, product.inStock, product.unlimited]).toEqual([NOW_S + 1000, true, false]);
    expect(s.adjustInventory(product.id, -5)).toEqual({ updateCount: 1, warning: expect.any(String) });
    expect([product.quantity, product.inStock]).toEqual([0, false]);
  });
});

describe('indexes: a time-bounded search costs the size of its window, not of the store', () => {
  // A 5,000-order store against a 500-order one shows it (a scan of the whole store would look at 10× the orders);
  // the 100,000-order figures are printed by `node dist-tools/tools/sandbox/measure.js`, out of jest, where timings mean more.
  test('5,000 orders: bounded searches scan only their window, in the store and over HTTP; the figures print', async () => {
    const { store: big, ...generation } = generateTimed(5_000);
    const small = generateStore({ seed: 11, orders: 500, now: NOW });

    // Windows holding about as many orders in both stores.
    const bigWindow = windowFor(5_000);
    const smallWindow = windowFor(500);
    const bigIds = big.searchOrderIds(bigWindow);
    const bigScan = big.diagnostics.lastOrderScan;
    const smallIds = small.searchOrderIds(smallWindow);
    const smallScan = small.diagnostics.lastOrderScan;
    expect(bigIds.length).toBeGreaterThan(30);
    expect(bigScan).toBeLessThan(2 * smallScan + 50);
    expect(bigScan).toBeLessThan(500);

    // Nothing missed: the `ids` path bypasses the indexes and tests every order against the window.
    const everyId = big.searchOrderIds({
      paymentStatuses: ['AWAITING_PAYMENT', 'PAID', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'INCOMPLETE'],
    });
    expect(everyId).toHaveLength(5_000);
    expect(big.diagnostics.lastOrderScan).toBe(5_000);
    expect(big.searchOrderIds({ ...bigWindow, ids: everyId })).toEqual(bigIds);
    big.searchOrderIds({ updatedFrom: NOW_S - 20 * 60 });
    expect(big.diagnostics.lastOrderScan).toBeLessThan(200); // the update index serves updatedFrom alone

    onlyLoopback();
    const search = await timeWindowSearch(big, bigWindow, 1);
    const smallSearch = await timeWindowSearch(small, smallWindow, 1);
    expect([search.rows, smallSearch.rows]).toEqual([bigIds.length, smallIds.length]);
    expect([search.scanned, smallSearch.scanned]).toEqual([bigScan, smallScan]);
    const figures = describeFigures({ ...generation, search, smallOrders: 500, smallSearch });
    expect(figures).toMatch(
      /^generateStore: 5,000 orders in \d+ ms wall, \d+ ms CPU\nGET \/orders, time-bounded: 5,000-order store [\d.]+ ms \(\d+ rows, \d+ scanned\); 500-order store/,
    );
    console.log(figures);
  });
});
