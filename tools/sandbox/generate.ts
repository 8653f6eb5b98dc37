/** The seeded, deterministic store generator. */
import { generateCarts } from './cart-factory.js';
import { Clock } from './clock.js';
import { EcwidStore } from './ecwid-store.js';
import { randomPerson } from './fixtures.js';
import {
  applyDueChanges,
  orderId,
  placeOrder,
  planLifecycle,
  recordPurchase,
  type OrderRecord,
} from './order-factory.js';
import { Random, mixSeed } from './random.js';
import {
  CUSTOMER_GROUPS,
  ID_BASE,
  generateCategories,
  generateCoupons,
  generateCustomers,
  generateProducts,
  registrationTimes,
  storeSettings,
} from './seed-data.js';
import type { Product } from './types.js';

const HOUR = 3600;
const DAY = 86400;

export interface GenerateStoreOptions {
  /** Same seed (and options) → identical store. Default 1. */
  seed?: number;
  /** Default 1003. */
  storeId?: number;
  storeName?: string;
  /** Default 200; up to 1,000,000 (100,000 builds in a few seconds). */
  orders?: number;
  /** Default a third of the orders, at least 5. */
  customers?: number;
  /** Default 40. */
  products?: number;
  /** Default 8. */
  categories?: number;
  /** Default 12. */
  coupons?: number;
  /** Abandoned carts, a fifth of them recovered (turned into one of the orders). Default 8% of the orders. */
  carts?: number;
  /** Orders placed and deleted within the span (listed only by `/orders/deleted`). Default 2% of the orders. */
  deletedOrders?: number;
  /** The generation instant in ms; also freezes the clock there. Default: real time, and the clock follows it. */
  now?: number;
  /** How far back orders go. Default 60. */
  spanDays?: number;
  /** Share of orders placed in the last 6 hours, so "recent" queries find something. Default 0.05. */
  recentShare?: number;
  /** Default false (US-style: taxes added on top). true: EU-style VAT-inclusive prices. */
  pricesIncludeTax?: boolean;
  /** Default USD, or EUR when prices include tax. */
  currency?: string;
  /** Literal text before every order code, e.g. "SHOP-" → "SHOP-X8UYE". */
  orderIdPrefix?: string;
  orderIdSuffix?: string;
}

function count(value: number | undefined, fallback: number, name: string, max = 1_000_000): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new RangeError(`generateStore: ${name} must be an integer in 0..${max}, got ${n}`);
  return n;
}

/**
 * Builds a store deterministically from a seed: settings, categories, products, customers, coupons, then orders
 * in time order, each one's statuses advanced to `now` along a planned lifecycle.
 */
export function generateStore(options: GenerateStoreOptions = {}, clock: Clock = new Clock(options.now)): EcwidStore {
  const seed = options.seed ?? 1;
  const orderCount = count(options.orders, 200, 'orders');
  const nowSeconds = Math.floor((options.now ?? clock.now()) / 1000);
  const spanStart = nowSeconds - Math.round((options.spanDays ?? 60) * DAY);
  const random = new Random(seed);
  // Each part draws from its own stream: e.g. asking for more orders leaves the catalog and coupons as they were.
  const stream = (salt: number) => new Random(mixSeed(seed, salt));

  const settings = storeSettings({
    storeId: options.storeId ?? 1003,
    storeName: options.storeName,
    pricesIncludeTax: options.pricesIncludeTax ?? false,
    currency: options.currency,
    orderIdPrefix: options.orderIdPrefix,
    orderIdSuffix: options.orderIdSuffix,
  });
  const categories = generateCategories(stream(1), count(options.categories, 8, 'categories'), settings.storeUrl);
  const products = generateProducts(
    stream(2),
    count(options.products, 40, 'products'),
    categories,
    spanStart,
    nowSeconds,
    settings.storeUrl,
  );
  const customerStream = stream(3);
  const registeredAt = registrationTimes(
    customerStream,
    count(options.customers, Math.max(5, Math.round(orderCount / 3)), 'customers'),
    spanStart,
    nowSeconds,
  );
  const customers = generateCustomers(customerStream, registeredAt, nowSeconds);
  const coupons = generateCoupons(
    stream(4),
    count(options.coupons, 12, 'coupons'),
    products,
    categories,
    spanStart,
    nowSeconds,
  );
  if (orderCount > 0 && products.length === 0) throw new RangeError('generateStore: orders need at least one product');

  const orderIdMask = random.int(0, (1 << 25) - 1);
  const couponById = new Map(coupons.map((c) => [c.id, c]));
  const groupName = (id: number) => CUSTOMER_GROUPS.find((g) => g.id === id)?.name ?? 'General';
  const orderRandom = stream(5);
  const peopleRandom = stream(7);
  const guestPeople = Array.from({ length: Math.min(2000, Math.max(50, Math.round(orderCount / 20))) }, () =>
    randomPerson(peopleRandom),
  );
  const orders: OrderRecord[] = [];
  // Products and customers are sorted by creation; these track how many exist at each order's time.
  const available = { products: 0, customers: 0, productSlice: [] as Product[] };

  orderTimes(stream(6), orderCount, spanStart, nowSeconds, options.recentShare ?? 0.05).forEach(
    (createTimestamp, sequence) => {
      if (available.products < products.length && products[available.products].createTimestamp <= createTimestamp) {
        while (available.products < products.length && products[available.products].createTimestamp <= createTimestamp)
          available.products++;
        available.productSlice = products.slice(0, available.products);
      }
      while (available.customers < customers.length && registeredAt[available.customers] <= createTimestamp)
        available.customers++;
      const customer =
        available.customers > 0 && orderRandom.chance(0.6)
          ? customers[orderRandom.int(0, available.customers - 1)]
          : undefined;

      const order = placeOrder(orderRandom, settings, {
        id: orderId(settings, sequence, orderIdMask),
        internalId: ID_BASE.order + sequence,
        createTimestamp,
        customer,
        customerGroupName: groupName,
        products: available.productSlice.length > 0 ? available.productSlice : products.slice(0, 1),
        coupons,
        guestNumber: sequence + 1,
        guestPeople,
      });
      applyDueChanges(order, planLifecycle(orderRandom, order), nowSeconds);
      if (order.paymentStatus !== 'INCOMPLETE') recordPurchase(order, customer, couponById);
      orders.push(order);
    },
  );

  const carts = generateCarts(stream(8), settings, {
    count: count(options.carts, Math.round(orderCount * 0.08), 'carts'),
    orders,
    products,
    customers,
    registeredAt,
    coupons,
    guestPeople,
    customerGroupName: groupName,
    spanStart,
    now: nowSeconds,
  });

  // Deleted orders are extra orders (ids after the generated ones), so `orders` keeps the count asked for.
  const deletionRandom = stream(9);
  const deletedOrders = Array.from(
    { length: count(options.deletedOrders, Math.round(orderCount * 0.02), 'deletedOrders') },
    (_, k) => {
      const sequence = orderCount + k;
      return {
        internalId: ID_BASE.order + sequence,
        orderId: orderId(settings, sequence, orderIdMask),
        deletedAt: deletionRandom.int(spanStart, nowSeconds),
      };
    },
  );

  return new EcwidStore(
    {
      seed,
      settings,
      customerGroups: CUSTOMER_GROUPS.map((g) => ({ ...g })),
      categories,
      products,
      customers,
      coupons,
      orders,
      carts,
      orderIdMask,
      guestPeople,
      deletedOrders,
    },
    clock,
  );
}

/** Sorted creation times: spread over the span, with `recentShare` of them in the last 6 hours. */
function orderTimes(random: Random, n: number, spanStart: number, now: number, recentShare: number): number[] {
  const recentStart = Math.max(spanStart, now - 6 * HOUR);
  return Array.from({ length: n }, () =>
    random.chance(recentShare) ? random.int(recentStart, now) : random.int(spanStart, now),
  ).sort((a, b) => a - b);
}
