/**
 * Abandoned carts (`/carts`): checkouts a shopper started and left. A cart keeps what was in it as an order record
 * (the same lines, people and money rules as an order, so its items are shaped like order items) and shows
 * Ecwid's cart JSON on read. Also: cart ids, turning a cart into an order, and the carts the generator places.
 */
import { formatEcwidDate } from './dates.js';
import { orderView, placeOrder, type OrderDraft, type OrderRecord } from './order-factory.js';
import type { Random } from './random.js';
import { ID_BASE } from './seed-data.js';
import type { AbandonedCart, Customer, StoreSettings } from './types.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

export interface CartRecord {
  cartId: string;
  /** Rank in creation order: breaks ties in the time indexes. */
  sequence: number;
  createTimestamp: number;
  updateTimestamp: number;
  /** The merchant deleted it in Ecwid admin; the API still lists it unless `showHidden=false`. */
  hidden: boolean;
  /** Set once the cart became an order: that order's `internalId` and `id`. */
  recoveredOrderId?: number;
  recoveredPublicUid?: string;
  /** What the shopper put in the cart, priced like an order (its id, statuses and times are not shown). */
  contents: OrderRecord;
}

/**
 * A random (version 4) UUID in capitals, as Ecwid's cart ids look. The seeded generator has only 2^32 states,
 * so a drawn id already `taken` is drawn again.
 */
export function newCartId(random: Random, taken: (cartId: string) => boolean): string {
  for (;;) {
    const hex = Array.from({ length: 4 }, () => random.int(0, 0xffffffff).toString(16).padStart(8, '0'))
      .join('')
      .toUpperCase();
    const variant = '89AB'[parseInt(hex[16], 16) & 3];
    const cartId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
    if (!taken(cartId)) return cartId;
  }
}

/** The cart as `GET /carts` shows it: a fresh object each time. */
export function cartView(cart: CartRecord, settings: StoreSettings): AbandonedCart {
  const {
    id: _id,
    internalId: _internalId,
    orderNumber: _orderNumber,
    vendorOrderNumber: _vendorOrderNumber,
    paymentStatus: _paymentStatus,
    fulfillmentStatus: _fulfillmentStatus,
    refunds: _refunds,
    trackingNumber: _trackingNumber,
    privateAdminNotes: _privateAdminNotes,
    externalFulfillment: _externalFulfillment,
    ...shown
  } = orderView(cart.contents, settings);
  const view: AbandonedCart = {
    cartId: cart.cartId,
    ...shown,
    hidden: cart.hidden,
    createDate: formatEcwidDate(cart.createTimestamp),
    createTimestamp: cart.createTimestamp,
    updateDate: formatEcwidDate(cart.updateTimestamp),
    updateTimestamp: cart.updateTimestamp,
  };
  if (cart.recoveredOrderId !== undefined) {
    view.recoveredOrderId = cart.recoveredOrderId;
    view.recoveredPublicUid = cart.recoveredPublicUid;
  }
  return view;
}

export type CartDraft = Omit<OrderDraft, 'id' | 'internalId'> & { cartId: string; sequence: number };

/** A cart left at `createTimestamp`; a fifth are left before the address step, so they have no people. */
export function placeCart(random: Random, settings: StoreSettings, draft: CartDraft): CartRecord {
  const contents = placeOrder(random, settings, {
    ...draft,
    id: draft.cartId,
    internalId: ID_BASE.cart + draft.sequence,
  });
  contents.paymentStatus = 'INCOMPLETE';
  if (random.chance(0.2)) {
    delete contents.billingPerson;
    delete contents.shippingPerson;
  }
  return {
    cartId: draft.cartId,
    sequence: draft.sequence,
    createTimestamp: draft.createTimestamp,
    updateTimestamp: draft.createTimestamp,
    hidden: false,
    contents,
  };
}

/** What was in the cart, as a new order placed at `createTimestamp` (statuses as right after checkout). */
export function orderFromCart(
  cart: CartRecord,
  order: { id: string; internalId: number; createTimestamp: number; paymentStatus: 'AWAITING_PAYMENT' | 'PAID' },
): OrderRecord {
  return {
    ...cleanContents(cart.contents),
    id: order.id,
    internalId: order.internalId,
    createTimestamp: order.createTimestamp,
    updateTimestamp: order.createTimestamp,
    paymentStatus: order.paymentStatus,
    fulfillmentStatus: 'AWAITING_PROCESSING',
  };
}

/** Marks the cart as turned into this order. */
export function markRecovered(cart: CartRecord, order: Pick<OrderRecord, 'id' | 'internalId'>): void {
  cart.recoveredOrderId = order.internalId;
  cart.recoveredPublicUid = order.id;
}

/** A copy of an order's contents without what happened after checkout (a cart has no such history). */
function cleanContents(record: OrderRecord): OrderRecord {
  const { trackingNumber: _trackingNumber, privateAdminNotes: _privateAdminNotes, ...contents } = record;
  return { ...contents, refunds: [], hidden: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Generated carts

export interface CartGeneration {
  count: number;
  /** Orders already generated, oldest first: the recovered carts are the checkouts that became some of them. */
  orders: readonly OrderRecord[];
  /** Sorted by creation. */
  products: OrderDraft['products'];
  /** Sorted by registration, with their registration times (unix seconds). */
  customers: readonly Customer[];
  registeredAt: readonly number[];
  coupons: OrderDraft['coupons'];
  guestPeople: OrderDraft['guestPeople'];
  customerGroupName: OrderDraft['customerGroupName'];
  spanStart: number;
  now: number;
}

/**
 * Carts over the span, oldest first: a fifth were recovered (each the checkout that became one of the orders,
 * started minutes to two days before it), the rest were left — 15% of those in the last 6 hours, some touched
 * again later, and a tenth of the older ones deleted (hidden) by the merchant.
 */
export function generateCarts(random: Random, settings: StoreSettings, g: CartGeneration): CartRecord[] {
  const placed = g.orders.filter((o) => o.paymentStatus !== 'INCOMPLETE');
  const recovered = new Set<OrderRecord>();
  const wanted = Math.min(Math.round(g.count * 0.2), placed.length);
  while (recovered.size < wanted) recovered.add(random.pick(placed));
  const recentStart = Math.max(g.spanStart, g.now - 6 * HOUR);
  const plans: { at: number; becomes?: OrderRecord }[] = [
    ...[...recovered].map((order) => ({
      at: Math.max(g.spanStart, order.createTimestamp - random.int(10 * MINUTE, 2 * DAY)),
      becomes: order,
    })),
    ...Array.from({ length: g.count - recovered.size }, () => ({
      at: random.chance(0.15) ? random.int(recentStart, g.now) : random.int(g.spanStart, g.now),
    })),
  ].sort((a, b) => a.at - b.at);

  const productTimes = g.products.map((p) => p.createTimestamp);
  const ids = new Set<string>();
  return plans.map(({ at, becomes }, sequence) => {
    const cartId = newCartId(random, (id) => ids.has(id));
    ids.add(cartId);
    if (becomes) {
      const cart: CartRecord = {
        cartId,
        sequence,
        createTimestamp: at,
        updateTimestamp: becomes.createTimestamp,
        hidden: false,
        contents: cleanContents(becomes),
      };
      markRecovered(cart, becomes);
      return cart;
    }
    const existing = upperBound(productTimes, at);
    const registered = upperBound(g.registeredAt, at);
    const cart = placeCart(random, settings, {
      cartId,
      sequence,
      createTimestamp: at,
      customer: registered > 0 && random.chance(0.5) ? g.customers[random.int(0, registered - 1)] : undefined,
      customerGroupName: g.customerGroupName,
      products: existing > 0 ? g.products.slice(0, existing) : g.products.slice(0, 1),
      coupons: g.coupons,
      guestNumber: g.orders.length + sequence + 1,
      guestPeople: g.guestPeople,
    });
    if (random.chance(0.4)) cart.updateTimestamp = Math.min(g.now, at + random.int(MINUTE, 3 * HOUR));
    if (at < g.now - DAY && random.chance(0.1)) {
      cart.hidden = true;
      cart.updateTimestamp = Math.min(g.now, cart.updateTimestamp + random.int(HOUR, 3 * DAY));
    }
    return cart;
  });
}

/** How many of the sorted values are ≤ `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
