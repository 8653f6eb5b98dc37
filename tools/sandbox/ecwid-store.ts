/**
 * The store: Ecwid records, indexes that keep searches fast at 100,000 orders, the queries the API answers, and
 * the mutations simulations drive over virtual time. Orders are kept as compact records and turned into Ecwid's
 * JSON on read (see order-factory.ts). Build one with `generateStore` (generate.ts).
 */
import { cartView, markRecovered, newCartId, orderFromCart, placeCart, type CartRecord } from './cart-factory.js';
import type { Clock } from './clock.js';
import { formatEcwidDate, storedDateSeconds } from './dates.js';
import { emailFor, randomName, randomPerson } from './fixtures.js';
import { fromCents, toCents } from './money.js';
import {
  applyOrderChange,
  gatewayPayment,
  orderId,
  orderView,
  placeOrder,
  recordPurchase,
  type OrderChange,
  type OrderRecord,
} from './order-factory.js';
import { Random, mixSeed } from './random.js';
import { ID_BASE } from './seed-data.js';
import { TimeIndex } from './time-index.js';
import type {
  AbandonedCart,
  Category,
  CouponStatus,
  Customer,
  CustomerGroup,
  DiscountCoupon,
  DiscountType,
  FulfillmentStatus,
  Order,
  PaymentStatus,
  Person,
  Product,
  Refund,
  StoreSettings,
} from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// Query and mutation shapes

/** `GET /orders` filters, already parsed (times in unix seconds; all bounds inclusive). */
export interface OrderFilter {
  ids?: string[];
  keywords?: string;
  email?: string;
  customerId?: number;
  productId?: number;
  totalFrom?: number;
  totalTo?: number;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  paymentMethod?: string;
  shippingMethod?: string;
  couponCode?: string;
  /** Exact, case-sensitive: the gateway's payment reference. */
  paymentReference?: string;
  /** INCOMPLETE orders are left out unless this list names INCOMPLETE. */
  paymentStatuses?: PaymentStatus[];
  fulfillmentStatuses?: FulfillmentStatus[];
}

/** Fields `PUT /orders/{id}` may change. */
export type OrderPatch = Partial<
  Pick<
    Order,
    | 'paymentStatus'
    | 'fulfillmentStatus'
    | 'trackingNumber'
    | 'privateAdminNotes'
    | 'orderComments'
    | 'email'
    | 'customerId'
    | 'billingPerson'
    | 'shippingPerson'
    | 'hidden'
    | 'acceptMarketing'
    | 'customerTaxExempt'
    | 'externalFulfillment'
  >
>;

export interface CreateOrderOptions {
  /** A registered buyer; `null` → guest checkout; omitted → picked at random like the generator does. */
  customerId?: number | null;
  /** Status right after checkout; default AWAITING_PAYMENT. INCOMPLETE = abandoned checkout. */
  paymentStatus?: 'AWAITING_PAYMENT' | 'PAID' | 'INCOMPLETE';
}

/** `GET /carts` filters, already parsed (times in unix seconds; all bounds inclusive). */
export interface CartFilter {
  /** Default true: carts the merchant deleted (hidden) are listed too, as in Ecwid. */
  showHidden?: boolean;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  totalFrom?: number;
  totalTo?: number;
  couponCode?: string;
  /** A customer id (digits) or an e-mail address (case-insensitive). */
  customer?: string;
}

export interface CreateCartOptions {
  /** A registered shopper; `null` → a guest; omitted → picked at random like the generator does. */
  customerId?: number | null;
}

export const CUSTOMER_SORTS = [
  'NAME_ASC',
  'NAME_DESC',
  'EMAIL_ASC',
  'EMAIL_DESC',
  'REGISTERED_DATE_DESC',
  'REGISTERED_DATE_ASC',
  'UPDATED_DATE_DESC',
  'UPDATED_DATE_ASC',
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerFilter {
  keyword?: string;
  name?: string;
  email?: string;
  phone?: string;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  customerGroupIds?: number[];
}

export type CustomerInput = Partial<
  Pick<
    Customer,
    | 'email'
    | 'name'
    | 'billingPerson'
    | 'shippingAddresses'
    | 'customerGroupId'
    | 'taxId'
    | 'taxExempt'
    | 'acceptMarketing'
    | 'lang'
    | 'privateAdminNotes'
  >
>;

export const PRODUCT_SORTS = [
  'RELEVANCE',
  'ADDED_TIME_DESC',
  'ADDED_TIME_ASC',
  'UPDATED_TIME_DESC',
  'UPDATED_TIME_ASC',
  'NAME_ASC',
  'NAME_DESC',
  'PRICE_ASC',
  'PRICE_DESC',
  'SKU_ASC',
  'SKU_DESC',
] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductFilter {
  keyword?: string;
  sku?: string;
  productIds?: number[];
  /** 0 = products in no category. */
  category?: number;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  enabled?: boolean;
  inStock?: boolean;
}

export type ProductInput = Partial<
  Pick<
    Product,
    | 'sku'
    | 'name'
    | 'price'
    | 'quantity'
    | 'unlimited'
    | 'enabled'
    | 'description'
    | 'categoryIds'
    | 'weight'
    | 'isShippingRequired'
    | 'compareToPrice'
    | 'imageUrl'
  >
>;

export interface CouponFilter {
  code?: string;
  discountTypes?: DiscountType[];
  /** Matches the effective status (EXPIRED / USEDUP computed). */
  availability?: CouponStatus;
  createdFrom?: number;
  updatedFrom?: number;
}

/** A validated coupon body; the store adds id, dates and orderCount. */
export type CouponInput = Omit<DiscountCoupon, 'id' | 'creationDate' | 'updateDate' | 'orderCount'>;

export interface InventoryResult {
  updateCount: number;
  warning?: string;
}

export interface LatestStats {
  productsUpdated: string;
  ordersUpdated: string;
  categoriesUpdated: string;
  customersUpdated: string;
  discountCouponsUpdated: string;
  abandonedSalesUpdated: string;
  profileUpdated: string;
}

type Changeable = 'orders' | 'abandonedSales' | 'products' | 'categories' | 'customers' | 'discountCoupons' | 'profile';

// ---------------------------------------------------------------------------------------------------------------
// The store

export interface StoreData {
  seed: number;
  settings: StoreSettings;
  customerGroups: CustomerGroup[];
  categories: Category[];
  products: Product[];
  customers: Customer[];
  coupons: DiscountCoupon[];
  orders: OrderRecord[];
  /** Abandoned carts, recovered ones included. */
  carts: CartRecord[];
  /** The pool guest checkouts draw their people from. */
  guestPeople: Person[];
  /** Continues the order-code sequence after the generated orders. */
  orderIdMask: number;
  /** Orders deleted before the store was built, oldest deletion first (their sequence numbers stay used). */
  deletedOrders?: DeletedOrderRecord[];
}

/** A deleted order as `/orders/deleted` lists it: its internal number, its id, and when (unix seconds). */
export interface DeletedOrderRecord {
  internalId: number;
  orderId: string;
  deletedAt: number;
}

/** `GET /orders/deleted` filters (`from_date`, `to_date`: unix seconds, inclusive). */
export interface DeletedOrderFilter {
  from?: number;
  to?: number;
}

/** How `refundOrder` records a refund. */
export interface RefundOptions {
  /** Store currency; default what is left to refund (a full refund). */
  amount?: number;
  reason?: string;
  source?: Refund['source'];
  /** Only the payment status changes, no `refunds[]` entry: a refund marked by hand. */
  statusOnly?: boolean;
}

export class EcwidStore {
  readonly seed: number;
  readonly settings: StoreSettings;
  readonly clock: Clock;
  readonly customerGroups: CustomerGroup[];
  readonly categories: Category[];
  /** In creation order. Add and change products through the methods below, which keep the indexes. */
  readonly products: Product[];
  /** In registration order. Register and change customers through the methods below, which keep the indexes. */
  readonly customers: Customer[];
  readonly coupons: DiscountCoupon[];
  /** How many records the last search of each kind examined: shows the time indexes at work. */
  readonly diagnostics = { lastOrderScan: 0, lastCustomerScan: 0, lastProductScan: 0 };

  private readonly ordersByCreate: TimeIndex<OrderRecord>;
  private readonly ordersByUpdate: TimeIndex<OrderRecord>;
  private readonly orderById = new Map<string, OrderRecord>();
  private readonly cartsByCreate: TimeIndex<CartRecord>;
  private readonly cartsByUpdate: TimeIndex<CartRecord>;
  private readonly cartById = new Map<string, CartRecord>();
  private readonly productsByCreate: TimeIndex<Product>;
  private readonly productsByUpdate: TimeIndex<Product>;
  private readonly productById = new Map<number, Product>();
  private readonly customersByRegistration: TimeIndex<Customer>;
  private readonly customersByUpdate: TimeIndex<Customer>;
  private readonly customerById = new Map<number, Customer>();
  private readonly couponById = new Map<number, DiscountCoupon>();
  private readonly keywordText = new WeakMap<OrderRecord, string>();
  /** Live mutations draw from their own stream so they never disturb a replay of the generator. */
  private readonly random: Random;
  private readonly orderIdMask: number;
  private readonly guestPeople: Person[];
  private readonly latest: Record<Changeable, number>;
  /** Oldest deletion first. */
  private readonly deleted: DeletedOrderRecord[];
  /** The next order's sequence number (ids and internal ids): deleted orders keep theirs. */
  private orderSequence: number;

  constructor(data: StoreData, clock: Clock) {
    this.seed = data.seed;
    this.settings = data.settings;
    this.clock = clock;
    this.customerGroups = data.customerGroups;
    this.categories = data.categories;
    this.products = data.products;
    this.customers = data.customers;
    this.coupons = data.coupons;
    this.orderIdMask = data.orderIdMask;
    this.guestPeople = data.guestPeople;
    this.random = new Random(mixSeed(data.seed, 0x11fe));
    const internalId = (o: OrderRecord) => o.internalId;
    this.ordersByCreate = new TimeIndex((o) => o.createTimestamp, internalId, data.orders);
    this.ordersByUpdate = new TimeIndex((o) => o.updateTimestamp, internalId, data.orders);
    for (const o of data.orders) this.orderById.set(o.id, o);
    const sequence = (c: CartRecord) => c.sequence;
    this.cartsByCreate = new TimeIndex((c) => c.createTimestamp, sequence, data.carts);
    this.cartsByUpdate = new TimeIndex((c) => c.updateTimestamp, sequence, data.carts);
    for (const c of data.carts) this.cartById.set(c.cartId, c);
    this.productsByCreate = new TimeIndex((p) => p.createTimestamp, productId, data.products);
    this.productsByUpdate = new TimeIndex((p) => p.updateTimestamp, productId, data.products);
    for (const p of data.products) this.productById.set(p.id, p);
    this.customersByRegistration = new TimeIndex(registeredAt, customerId, data.customers);
    this.customersByUpdate = new TimeIndex(updatedAt, customerId, data.customers);
    for (const c of data.customers) this.customerById.set(c.id, c);
    for (const c of data.coupons) this.couponById.set(c.id, c);
    this.latest = this.initialLatest(data);
    this.deleted = [...(data.deletedOrders ?? [])].sort(
      (a, b) => a.deletedAt - b.deletedAt || a.internalId - b.internalId,
    );
    this.orderSequence = data.orders.length + this.deleted.length;
  }

  get storeId(): number {
    return this.settings.storeId;
  }

  /**
   * Every order as the API shows it, oldest first (abandoned ones included). Built afresh on each access:
   * O(orders) — on big stores prefer `searchOrderIds` / `getOrder`.
   */
  get orders(): Order[] {
    return this.ordersByCreate.all().map((record) => this.view(record));
  }

  get orderCount(): number {
    return this.ordersByCreate.size;
  }

  private now(): number {
    return this.clock.nowSeconds();
  }

  private view(record: OrderRecord): Order {
    return orderView(record, this.settings);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Orders

  /** The order as the API shows it (a snapshot: change orders through the methods below). */
  getOrder(id: string): Order | undefined {
    const record = this.orderById.get(id);
    return record && this.view(record);
  }

  /** The most recently created order that is not an abandoned checkout. */
  lastOrder(): Order | undefined {
    const all = this.ordersByCreate.all();
    for (let i = all.length - 1; i >= 0; i--) if (all[i].paymentStatus !== 'INCOMPLETE') return this.view(all[i]);
    return undefined;
  }

  /** Matching orders, oldest first. */
  searchOrders(filter: OrderFilter): Order[] {
    return this.findOrders(filter).map((record) => this.view(record));
  }

  /** Ids of the matching orders, oldest first: cheap even when millions of rows match (no JSON is built). */
  searchOrderIds(filter: OrderFilter): string[] {
    return this.findOrders(filter).map((record) => record.id);
  }

  /** Only the time window (create or update, whichever is narrower) is scanned. */
  private findOrders(filter: OrderFilter): OrderRecord[] {
    let candidates: OrderRecord[];
    let inCreateOrder = true;
    if (filter.ids) {
      candidates = [...new Set(filter.ids)]
        .map((id) => this.orderById.get(id))
        .filter((o): o is OrderRecord => o !== undefined);
      inCreateOrder = false;
    } else {
      ({ candidates, inCreateOrder } = timeWindow(this.ordersByCreate, this.ordersByUpdate, filter));
    }
    this.diagnostics.lastOrderScan = candidates.length;
    const matches = candidates.filter(this.orderPredicate(filter));
    if (!inCreateOrder) matches.sort((a, b) => a.createTimestamp - b.createTimestamp || a.internalId - b.internalId);
    return matches;
  }

  private orderPredicate(f: OrderFilter): (order: OrderRecord) => boolean {
    const keywords = f.keywords?.toLowerCase();
    const email = f.email?.toLowerCase();
    const couponCode = f.couponCode?.toLowerCase();
    const includeAbandoned = f.paymentStatuses?.includes('INCOMPLETE') ?? false;
    return (o) =>
      (includeAbandoned || o.paymentStatus !== 'INCOMPLETE') &&
      within(o.createTimestamp, f.createdFrom, f.createdTo) &&
      within(o.updateTimestamp, f.updatedFrom, f.updatedTo) &&
      within(o.totalCents / 100, f.totalFrom, f.totalTo) &&
      (!f.paymentStatuses || f.paymentStatuses.includes(o.paymentStatus)) &&
      (!f.fulfillmentStatuses || f.fulfillmentStatuses.includes(o.fulfillmentStatus)) &&
      (email === undefined || o.email.toLowerCase() === email) &&
      (f.customerId === undefined || o.customerId === f.customerId) &&
      (f.productId === undefined || o.lines.some((line) => line.productId === f.productId)) &&
      (f.paymentMethod === undefined || o.paymentMethod.name === f.paymentMethod) &&
      (f.shippingMethod === undefined || o.shippingMethod?.name === f.shippingMethod) &&
      (couponCode === undefined || o.coupon?.code.toLowerCase() === couponCode) &&
      (f.paymentReference === undefined || gatewayPayment(o)?.paymentReference === f.paymentReference) &&
      (keywords === undefined || this.orderKeywordText(o).includes(keywords));
  }

  /** What `keywords` searches: id, e-mail, people, items, comments, the gateway's transaction id (not cached: it appears on payment). */
  private orderKeywordText(order: OrderRecord): string {
    let text = this.keywordText.get(order);
    if (text === undefined) {
      const people = [order.billingPerson, order.shippingPerson].flatMap((p) => [p?.name, p?.companyName, p?.phone]);
      const items = order.lines.flatMap((line) => [line.name, line.sku]);
      text = [order.id, order.email, ...people, ...items, order.orderComments].filter(Boolean).join('\n').toLowerCase();
      this.keywordText.set(order, text);
    }
    const transactionId = gatewayPayment(order)?.externalTransactionId;
    return transactionId ? `${text}\n${transactionId.toLowerCase()}` : text;
  }

  /** Places an order at the clock's time, with a random cart like the generator's. */
  createOrder(options: CreateOrderOptions = {}): Order {
    const now = this.now();
    const products = this.productsOnSale('createOrder');
    const customer = this.buyerFor(options.customerId);
    const sequence = this.orderSequence++;
    const record = placeOrder(this.random, this.settings, {
      id: orderId(this.settings, sequence, this.orderIdMask),
      internalId: ID_BASE.order + sequence,
      createTimestamp: now,
      customer,
      customerGroupName: (id) => this.groupName(id),
      products,
      coupons: this.coupons,
      guestNumber: sequence + 1,
      guestPeople: this.guestPeople,
    });
    if (options.paymentStatus && options.paymentStatus !== 'AWAITING_PAYMENT')
      record.paymentStatus = options.paymentStatus;
    return this.addOrder(record);
  }

  /** Indexes a new order and counts the purchase (the buyer's stats, the coupon's uses). */
  private addOrder(record: OrderRecord): Order {
    const customer = record.customerId === undefined ? undefined : this.customerById.get(record.customerId);
    if (record.paymentStatus !== 'INCOMPLETE') recordPurchase(record, customer, this.couponById);
    this.ordersByCreate.insert(record);
    this.ordersByUpdate.insert(record);
    this.orderById.set(record.id, record);
    this.noteChange(record.paymentStatus === 'INCOMPLETE' ? 'abandonedSales' : 'orders', record.createTimestamp);
    return this.view(record);
  }

  /** Enabled products that exist at the clock's time: what a shopper can buy now. */
  private productsOnSale(caller: string): Product[] {
    const now = this.now();
    const products = this.products.filter((p) => p.enabled && p.createTimestamp <= now);
    if (products.length === 0) throw new Error(`${caller}: the store has no enabled product yet`);
    return products;
  }

  private buyerFor(customerId: number | null | undefined): Customer | undefined {
    if (customerId === null) return undefined;
    if (customerId !== undefined) return this.requireCustomer(customerId);
    const registered = this.customers.filter((c) => storedDateSeconds(c.registered) <= this.now());
    return registered.length > 0 && this.random.chance(0.6) ? this.random.pick(registered) : undefined;
  }

  payOrder(id: string): Order {
    return this.changeOrder(id, { paymentStatus: 'PAID' });
  }

  setFulfillmentStatus(id: string, fulfillmentStatus: FulfillmentStatus): Order {
    return this.changeOrder(id, { fulfillmentStatus });
  }

  cancelOrder(id: string): Order {
    return this.changeOrder(id, { paymentStatus: 'CANCELLED', fulfillmentStatus: 'WILL_NOT_DELIVER' });
  }

  /**
   * A refund at the clock's time: full (default: what is left) or partial, recorded in `refunds[]` like Ecwid's
   * control panel does, or by status alone. The status is REFUNDED once the refunds reach the total.
   */
  refundOrder(id: string, amountOrOptions?: number | RefundOptions): Order {
    const options = typeof amountOrOptions === 'number' ? { amount: amountOrOptions } : (amountOrOptions ?? {});
    const record = this.requireOrder(id);
    const leftCents = record.totalCents - record.refunds.reduce((acc, r) => acc + r.amount, 0);
    const refundCents = Math.min(options.amount === undefined ? leftCents : toCents(options.amount), leftCents);
    if (!(refundCents > 0) && !options.statusOnly)
      throw new Error(`refundOrder: order ${id} has nothing left to refund`);
    const full = refundCents === leftCents;
    const reason = options.reason ?? (full ? 'Refunded' : 'Partial refund');
    return this.changeOrder(id, {
      paymentStatus: full ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
      ...(options.statusOnly ? {} : { refund: { amount: fromCents(refundCents), reason, source: options.source } }),
    });
  }

  /** A `refunds[]` entry recorded without a status change (a gateway's refund arriving after the order was marked). */
  recordRefund(id: string, amount: number, reason = 'Refunded', source: Refund['source'] = 'EXTERNAL'): Order {
    if (!(amount > 0)) throw new Error(`recordRefund: amount must be positive, got ${amount}`);
    return this.changeOrder(id, { refund: { amount, reason, source } });
  }

  /** Deletes an order at the clock's time: it leaves every search and is listed by `/orders/deleted`. */
  deleteOrder(id: string): DeletedOrderRecord {
    const record = this.requireOrder(id);
    this.ordersByCreate.remove(record);
    this.ordersByUpdate.remove(record);
    this.orderById.delete(id);
    const deletion = { internalId: record.internalId, orderId: record.id, deletedAt: this.now() };
    this.deleted.push(deletion);
    this.noteChange(record.paymentStatus === 'INCOMPLETE' ? 'abandonedSales' : 'orders', deletion.deletedAt);
    return deletion;
  }

  /** Deleted orders in the bounds, oldest deletion first. */
  searchDeletedOrders(filter: DeletedOrderFilter = {}): DeletedOrderRecord[] {
    return this.deleted.filter((d) => within(d.deletedAt, filter.from, filter.to));
  }

  /** Applies a status change at the clock's time (re-indexes the order under its new update time). */
  changeOrder(id: string, change: OrderChange): Order {
    const record = this.requireOrder(id);
    this.touchOrder(record, () => applyOrderChange(record, change, this.now()));
    return this.view(record);
  }

  /** `PUT /orders/{id}`: only the given fields change. */
  updateOrder(id: string, patch: OrderPatch): Order {
    const record = this.requireOrder(id);
    this.touchOrder(record, () => {
      Object.assign(record, definedOnly(patch));
      record.updateTimestamp = this.now();
    });
    return this.view(record);
  }

  private touchOrder(record: OrderRecord, mutate: () => void): void {
    this.ordersByUpdate.remove(record);
    mutate();
    this.ordersByUpdate.insert(record);
    this.keywordText.delete(record);
    this.noteChange(record.paymentStatus === 'INCOMPLETE' ? 'abandonedSales' : 'orders', record.updateTimestamp);
  }

  private requireOrder(id: string): OrderRecord {
    const record = this.orderById.get(id);
    if (!record) throw new Error(`No order ${id}`);
    return record;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Abandoned carts

  /** Every cart as the API shows it, oldest first (hidden and recovered ones included). */
  get carts(): AbandonedCart[] {
    return this.cartsByCreate.all().map((cart) => cartView(cart, this.settings));
  }

  get cartCount(): number {
    return this.cartsByCreate.size;
  }

  getCart(cartId: string): AbandonedCart | undefined {
    const cart = this.cartById.get(cartId);
    return cart && cartView(cart, this.settings);
  }

  /** Ids of the matching carts, oldest first. Only the time window (create or update, the narrower) is scanned. */
  searchCartIds(f: CartFilter): string[] {
    const { candidates, inCreateOrder } = timeWindow(this.cartsByCreate, this.cartsByUpdate, f);
    const couponCode = f.couponCode?.toLowerCase();
    const customerId = f.customer !== undefined && /^\d+$/.test(f.customer) ? Number(f.customer) : undefined;
    const email = customerId === undefined ? f.customer?.toLowerCase() : undefined;
    const matches = candidates.filter(
      (cart) =>
        (f.showHidden !== false || !cart.hidden) &&
        within(cart.createTimestamp, f.createdFrom, f.createdTo) &&
        within(cart.updateTimestamp, f.updatedFrom, f.updatedTo) &&
        within(cart.contents.totalCents / 100, f.totalFrom, f.totalTo) &&
        (couponCode === undefined || cart.contents.coupon?.code.toLowerCase() === couponCode) &&
        (customerId === undefined || cart.contents.customerId === customerId) &&
        (email === undefined || cart.contents.email.toLowerCase() === email),
    );
    if (!inCreateOrder) matches.sort((a, b) => a.createTimestamp - b.createTimestamp || a.sequence - b.sequence);
    return matches.map((cart) => cart.cartId);
  }

  /** A shopper leaves a cart at the clock's time, filled like the generator's. */
  createCart(options: CreateCartOptions = {}): AbandonedCart {
    const products = this.productsOnSale('createCart');
    const sequence = this.cartsByCreate.size;
    const cart = placeCart(this.random, this.settings, {
      cartId: newCartId(this.random, (id) => this.cartById.has(id)),
      sequence,
      createTimestamp: this.now(),
      customer: this.buyerFor(options.customerId),
      customerGroupName: (id) => this.groupName(id),
      products,
      coupons: this.coupons,
      guestNumber: this.ordersByCreate.size + sequence + 1,
      guestPeople: this.guestPeople,
    });
    this.cartsByCreate.insert(cart);
    this.cartsByUpdate.insert(cart);
    this.cartById.set(cart.cartId, cart);
    this.noteChange('abandonedSales', cart.updateTimestamp);
    return cartView(cart, this.settings);
  }

  /** The shopper came back to the cart (and left again): its update time moves to the clock's. */
  touchCart(cartId: string): AbandonedCart {
    return this.changeCart(cartId, () => undefined);
  }

  /** `PUT /carts/{cartId}` with `hidden`: the merchant deletes (or restores) it in Ecwid admin. */
  hideCart(cartId: string, hidden = true): AbandonedCart {
    return this.changeCart(cartId, (cart) => {
      cart.hidden = hidden;
    });
  }

  /** The cart becomes an order at the clock's time (AWAITING_PAYMENT unless told PAID); returns the order. */
  recoverCart(cartId: string, paymentStatus: 'AWAITING_PAYMENT' | 'PAID' = 'AWAITING_PAYMENT'): Order {
    const cart = this.requireCart(cartId);
    if (cart.recoveredOrderId !== undefined)
      throw new Error(`Cart ${cartId} already became order ${cart.recoveredPublicUid}`);
    const sequence = this.orderSequence++;
    const record = orderFromCart(cart, {
      id: orderId(this.settings, sequence, this.orderIdMask),
      internalId: ID_BASE.order + sequence,
      createTimestamp: this.now(),
      paymentStatus,
    });
    const order = this.addOrder(record);
    this.changeCart(cartId, (c) => markRecovered(c, record));
    return order;
  }

  /** Applies a change at the clock's time (re-indexes the cart under its new update time). */
  private changeCart(cartId: string, mutate: (cart: CartRecord) => void): AbandonedCart {
    const cart = this.requireCart(cartId);
    this.cartsByUpdate.remove(cart);
    mutate(cart);
    cart.updateTimestamp = this.now();
    this.cartsByUpdate.insert(cart);
    this.noteChange('abandonedSales', cart.updateTimestamp);
    return cartView(cart, this.settings);
  }

  private requireCart(cartId: string): CartRecord {
    const cart = this.cartById.get(cartId);
    if (!cart) throw new Error(`No cart ${cartId}`);
    return cart;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Customers

  getCustomer(id: number): Customer | undefined {
    return this.customerById.get(id);
  }

  findCustomerByEmail(email: string): Customer | undefined {
    const wanted = email.toLowerCase();
    return wanted === '' ? undefined : this.customers.find((c) => c.email.toLowerCase() === wanted);
  }

  /** Only the time window (registration or update, the narrower) is scanned; any other filter alone scans them all. */
  searchCustomers(f: CustomerFilter, sortBy: CustomerSort = 'NAME_ASC'): Customer[] {
    const keyword = f.keyword?.toLowerCase();
    const name = f.name?.toLowerCase();
    const email = f.email?.toLowerCase();
    const phone = f.phone === undefined ? undefined : digits(f.phone);
    const { candidates } = timeWindow(this.customersByRegistration, this.customersByUpdate, f);
    this.diagnostics.lastCustomerScan = candidates.length;
    const matches = candidates.filter(
      (c) =>
        within(registeredAt(c), f.createdFrom, f.createdTo) &&
        within(updatedAt(c), f.updatedFrom, f.updatedTo) &&
        (name === undefined || c.name.toLowerCase().includes(name)) &&
        (email === undefined || c.email.toLowerCase() === email) &&
        (phone === undefined || (phone !== '' && digits(c.billingPerson?.phone ?? '').includes(phone))) &&
        (!f.customerGroupIds || f.customerGroupIds.includes(c.customerGroupId)) &&
        (keyword === undefined || customerKeywordText(c).includes(keyword)),
    );
    return matches.sort(CUSTOMER_ORDER[sortBy]);
  }

  /** `POST /customers`: registered at the clock's time. */
  registerCustomer(input: CustomerInput & { email: string }): Customer {
    const now = this.now();
    const id = ID_BASE.customer + this.customers.length;
    const groupId = input.customerGroupId ?? 0;
    const customer: Customer = {
      id,
      email: input.email,
      name: input.name ?? input.billingPerson?.name ?? '',
      registered: formatEcwidDate(now),
      updated: formatEcwidDate(now),
      totalOrderCount: 0,
      customerGroupId: groupId,
      customerGroupName: this.groupName(groupId),
      shippingAddresses: input.shippingAddresses ?? [],
      contacts: [{ id: id * 10 + 1, contact: input.email, type: 'EMAIL', default: true }],
      taxId: input.taxId ?? '',
      taxIdValid: true,
      taxExempt: input.taxExempt ?? false,
      acceptMarketing: input.acceptMarketing ?? false,
      lang: input.lang ?? 'en',
      stats: { numberOfOrders: 0, salesValue: 0, averageOrderValue: 0 },
    };
    if (input.billingPerson) customer.billingPerson = input.billingPerson;
    if (input.privateAdminNotes) customer.privateAdminNotes = input.privateAdminNotes;
    this.customers.push(customer);
    this.customersByRegistration.insert(customer);
    this.customersByUpdate.insert(customer);
    this.customerById.set(id, customer);
    this.noteChange('customers', now);
    return customer;
  }

  /** A random sign-up at the clock's time (for simulations). */
  registerRandomCustomer(): Customer {
    const named = randomName(this.random);
    return this.registerCustomer({
      email: emailFor(named, this.customers.length + 1, 'example.org'),
      name: named.name,
      billingPerson: randomPerson(this.random, named),
    });
  }

  /** Changes the given fields at the clock's time (re-indexes the customer under its new update time). */
  updateCustomer(id: number, patch: CustomerInput): Customer {
    const customer = this.requireCustomer(id);
    this.customersByUpdate.remove(customer);
    Object.assign(customer, definedOnly(patch));
    if (patch.customerGroupId !== undefined) customer.customerGroupName = this.groupName(patch.customerGroupId);
    customer.updated = formatEcwidDate(this.now());
    this.customersByUpdate.insert(customer);
    this.noteChange('customers', this.now());
    return customer;
  }

  private requireCustomer(id: number): Customer {
    const customer = this.customerById.get(id);
    if (!customer) throw new Error(`No customer ${id}`);
    return customer;
  }

  groupName(id: number): string {
    return this.customerGroups.find((g) => g.id === id)?.name ?? 'General';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Catalog

  getProduct(id: number): Product | undefined {
    return this.productById.get(id);
  }

  findProductBySku(sku: string): Product | undefined {
    return this.products.find((p) => p.sku === sku);
  }

  /** Only the time window (creation or update, the narrower) is scanned; any other filter alone scans them all. */
  searchProducts(f: ProductFilter, sortBy: ProductSort = 'RELEVANCE'): Product[] {
    const keyword = f.keyword?.toLowerCase();
    const { candidates } = timeWindow(this.productsByCreate, this.productsByUpdate, f);
    this.diagnostics.lastProductScan = candidates.length;
    const matches = candidates.filter(
      (p) =>
        within(p.createTimestamp, f.createdFrom, f.createdTo) &&
        within(p.updateTimestamp, f.updatedFrom, f.updatedTo) &&
        (f.sku === undefined || p.sku === f.sku) &&
        (!f.productIds || f.productIds.includes(p.id)) &&
        (f.category === undefined ||
          (f.category === 0 ? p.categoryIds.length === 0 : p.categoryIds.includes(f.category))) &&
        (f.enabled === undefined || p.enabled === f.enabled) &&
        (f.inStock === undefined || p.inStock === f.inStock) &&
        (keyword === undefined || `${p.name}\n${p.sku}\n${p.description}`.toLowerCase().includes(keyword)),
    );
    if (sortBy !== 'RELEVANCE') return matches.sort(PRODUCT_ORDER[sortBy]);
    // Relevance: name matches before sku/description matches; otherwise the catalog's own order.
    const nameRank = (p: Product) => (keyword !== undefined && p.name.toLowerCase().includes(keyword) ? 0 : 1);
    return matches.sort((a, b) => nameRank(a) - nameRank(b) || a.id - b.id);
  }

  /** `POST /products`: created at the clock's time. */
  addProduct(input: ProductInput & { name: string }): Product {
    const now = this.now();
    const id = ID_BASE.product + this.products.length;
    const unlimited = input.unlimited ?? input.quantity === undefined;
    const categoryIds = input.categoryIds ?? [];
    const product: Product = {
      id,
      sku: input.sku ?? String(id),
      name: input.name,
      price: input.price ?? 0,
      unlimited,
      inStock: unlimited || (input.quantity ?? 0) > 0,
      enabled: input.enabled ?? true,
      url: `${this.settings.storeUrl}/p${id}`,
      imageUrl: input.imageUrl ?? '',
      description: input.description ?? '',
      categoryIds,
      defaultCategoryId: categoryIds[0] ?? 0,
      created: formatEcwidDate(now),
      updated: formatEcwidDate(now),
      createTimestamp: now,
      updateTimestamp: now,
      weight: input.weight ?? 0,
      isShippingRequired: input.isShippingRequired ?? true,
      tax: { taxable: true, taxClassCode: 'standard' },
      options: [],
    };
    if (!unlimited) product.quantity = input.quantity ?? 0;
    if (input.compareToPrice !== undefined) product.compareToPrice = input.compareToPrice;
    this.products.push(product);
    this.productsByCreate.insert(product);
    this.productsByUpdate.insert(product);
    this.productById.set(id, product);
    this.noteChange('products', now);
    return product;
  }

  updateProduct(id: number, patch: ProductInput): Product {
    const product = this.requireProduct(id);
    Object.assign(product, definedOnly(patch));
    if (patch.quantity !== undefined && patch.unlimited === undefined) product.unlimited = false;
    if (product.unlimited) delete product.quantity;
    else product.quantity ??= 0;
    if (patch.categoryIds) product.defaultCategoryId = patch.categoryIds[0] ?? 0;
    this.stampProduct(product);
    return product;
  }

  /**
   * `PUT /products/{id}/inventory`: adds `quantityDelta` in one step. Stock never goes below zero here: a larger
   * decrease empties it and says so in `warning` (our choice; the doc does not say). Unlimited products are left
   * alone with a warning and updateCount 0.
   */
  adjustInventory(id: number, quantityDelta: number): InventoryResult {
    const product = this.requireProduct(id);
    if (product.unlimited)
      return { updateCount: 0, warning: 'The product has unlimited stock; its quantity was not changed' };
    const wanted = (product.quantity ?? 0) + quantityDelta;
    product.quantity = Math.max(0, wanted);
    this.stampProduct(product);
    return wanted < 0
      ? { updateCount: 1, warning: `Not enough stock: quantity set to 0 instead of ${wanted}` }
      : { updateCount: 1 };
  }

  /** Stock flag and update time after a change, at the clock's time (re-indexes the product under its new update time). */
  private stampProduct(product: Product): void {
    product.inStock = product.unlimited || (product.quantity ?? 0) > 0;
    this.productsByUpdate.remove(product);
    product.updateTimestamp = this.now();
    product.updated = formatEcwidDate(product.updateTimestamp);
    this.productsByUpdate.insert(product);
    this.noteChange('products', product.updateTimestamp);
  }

  private requireProduct(id: number): Product {
    const product = this.productById.get(id);
    if (!product) throw new Error(`No product ${id}`);
    return product;
  }

  /** Enabled products per category id (what `GET /categories` reports as productCount). */
  categoryProductCounts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const p of this.products) {
      if (!p.enabled) continue;
      for (const id of p.categoryIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Discount coupons

  /** Ecwid's path takes either the numeric id or the code; an id match wins. Codes compare case-insensitively. */
  getCoupon(idOrCode: string): DiscountCoupon | undefined {
    if (/^\d+$/.test(idOrCode)) {
      const byId = this.couponById.get(Number(idOrCode));
      if (byId) return byId;
    }
    return this.findCouponByCode(idOrCode);
  }

  findCouponByCode(code: string): DiscountCoupon | undefined {
    const wanted = code.toLowerCase();
    return this.coupons.find((c) => c.code.toLowerCase() === wanted);
  }

  /** ACTIVE coupons past their expiration date read EXPIRED; single-use ones already used read USEDUP. */
  effectiveCouponStatus(coupon: DiscountCoupon): CouponStatus {
    if (coupon.status !== 'ACTIVE') return coupon.status;
    if (coupon.expirationDate && storedDateSeconds(coupon.expirationDate) < this.now()) return 'EXPIRED';
    if (coupon.usesLimit === 'SINGLE' && coupon.orderCount > 0) return 'USEDUP';
    return 'ACTIVE';
  }

  searchCoupons(f: CouponFilter): DiscountCoupon[] {
    const code = f.code?.toLowerCase();
    return this.coupons.filter(
      (c) =>
        (code === undefined || c.code.toLowerCase() === code) &&
        (!f.discountTypes || f.discountTypes.includes(c.discountType)) &&
        (f.availability === undefined || this.effectiveCouponStatus(c) === f.availability) &&
        within(storedDateSeconds(c.creationDate), f.createdFrom, undefined) &&
        within(storedDateSeconds(c.updateDate), f.updatedFrom, undefined),
    );
  }

  createCoupon(input: CouponInput): DiscountCoupon {
    const now = formatEcwidDate(this.now());
    const id = this.coupons.reduce((max, c) => Math.max(max, c.id), ID_BASE.coupon - 1) + 1;
    const coupon: DiscountCoupon = {
      ...(definedOnly(input) as CouponInput),
      id,
      creationDate: now,
      updateDate: now,
      orderCount: 0,
    };
    this.coupons.push(coupon);
    this.couponById.set(id, coupon);
    this.noteChange('discountCoupons', this.now());
    return coupon;
  }

  updateCoupon(coupon: DiscountCoupon, patch: Partial<CouponInput>): DiscountCoupon {
    Object.assign(coupon, definedOnly(patch));
    coupon.updateDate = formatEcwidDate(this.now());
    this.noteChange('discountCoupons', this.now());
    return coupon;
  }

  deleteCoupon(coupon: DiscountCoupon): void {
    this.coupons.splice(this.coupons.indexOf(coupon), 1);
    this.couponById.delete(coupon.id);
    this.noteChange('discountCoupons', this.now());
  }

  // -------------------------------------------------------------------------------------------------------------
  // Change tracking (`GET /latest-stats`)

  latestStats(): LatestStats {
    const date = (kind: Changeable) => formatEcwidDate(this.latest[kind]);
    return {
      productsUpdated: date('products'),
      ordersUpdated: date('orders'),
      categoriesUpdated: date('categories'),
      customersUpdated: date('customers'),
      discountCouponsUpdated: date('discountCoupons'),
      abandonedSalesUpdated: date('abandonedSales'),
      profileUpdated: date('profile'),
    };
  }

  private noteChange(kind: Changeable, atSeconds: number): void {
    this.latest[kind] = Math.max(this.latest[kind], atSeconds);
  }

  private initialLatest(data: StoreData): Record<Changeable, number> {
    const latest: Record<Changeable, number> = {
      orders: 0,
      abandonedSales: 0,
      products: 0,
      categories: 0,
      customers: 0,
      discountCoupons: 0,
      profile: 0,
    };
    for (const o of data.orders) {
      const kind = o.paymentStatus === 'INCOMPLETE' ? 'abandonedSales' : 'orders';
      latest[kind] = Math.max(latest[kind], o.updateTimestamp);
    }
    for (const c of data.carts) latest.abandonedSales = Math.max(latest.abandonedSales, c.updateTimestamp);
    for (const p of data.products) {
      latest.products = Math.max(latest.products, p.updateTimestamp);
      latest.categories = latest.profile = Math.max(latest.profile, p.createTimestamp); // set up with the catalog
    }
    // Stored dates are all "… +0000": the greatest string is the latest time.
    const latestDate = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a), '');
    latest.customers = storedDateSeconds(latestDate(data.customers.map((c) => c.updated))) || 0;
    latest.discountCoupons = storedDateSeconds(latestDate(data.coupons.map((c) => c.updateDate))) || 0;
    return latest;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Time bounds of a search: `createdFrom/To`, `updatedFrom/To` in unix seconds, inclusive. */
interface TimeBounds {
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
}

/**
 * The records a time-bounded search has to look at: the create or the update window, whichever holds fewer
 * (the other bounds are checked per record). `inCreateOrder` says whether they come in creation order.
 */
function timeWindow<T>(
  byCreate: TimeIndex<T>,
  byUpdate: TimeIndex<T>,
  f: TimeBounds,
): { candidates: T[]; inCreateOrder: boolean } {
  const inCreateWindow = byCreate.countRange(f.createdFrom, f.createdTo);
  const hasUpdateBounds = f.updatedFrom !== undefined || f.updatedTo !== undefined;
  const inUpdateWindow = hasUpdateBounds ? byUpdate.countRange(f.updatedFrom, f.updatedTo) : Infinity;
  return inUpdateWindow < inCreateWindow
    ? { candidates: byUpdate.range(f.updatedFrom, f.updatedTo), inCreateOrder: false }
    : { candidates: byCreate.range(f.createdFrom, f.createdTo), inCreateOrder: true };
}

function within(value: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/** Copies only the keys whose value is not undefined (so `{email: undefined}` changes nothing). */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function customerKeywordText(c: Customer): string {
  const b: Person = c.billingPerson ?? {};
  return [c.name, c.email, b.phone, b.companyName, b.city].filter(Boolean).join('\n').toLowerCase();
}

type Compare<T> = (a: T, b: T) => number;
const by =
  <T>(key: (x: T) => string | number, direction: 1 | -1, tie: (x: T) => number): Compare<T> =>
  (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -direction : ka > kb ? direction : 0) || tie(a) - tie(b);
  };
const customerId = (c: Customer) => c.id;
const productId = (p: Product) => p.id;
/** A customer's time keys: the store writes `registered` and `updated` as Ecwid date text. */
const registeredAt = (c: Customer) => storedDateSeconds(c.registered);
const updatedAt = (c: Customer) => storedDateSeconds(c.updated);

// Dates are all "… +0000", so their string order is their time order.
const CUSTOMER_ORDER: Record<CustomerSort, Compare<Customer>> = {
  NAME_ASC: by((c) => c.name.toLowerCase(), 1, customerId),
  NAME_DESC: by((c) => c.name.toLowerCase(), -1, customerId),
  EMAIL_ASC: by((c) => c.email.toLowerCase(), 1, customerId),
  EMAIL_DESC: by((c) => c.email.toLowerCase(), -1, customerId),
  REGISTERED_DATE_DESC: by((c) => c.registered, -1, customerId),
  REGISTERED_DATE_ASC: by((c) => c.registered, 1, customerId),
  UPDATED_DATE_DESC: by((c) => c.updated, -1, customerId),
  UPDATED_DATE_ASC: by((c) => c.updated, 1, customerId),
};

const PRODUCT_ORDER: Record<Exclude<ProductSort, 'RELEVANCE'>, Compare<Product>> = {
  ADDED_TIME_DESC: by((p) => p.createTimestamp, -1, productId),
  ADDED_TIME_ASC: by((p) => p.createTimestamp, 1, productId),
  UPDATED_TIME_DESC: by((p) => p.updateTimestamp, -1, productId),
  UPDATED_TIME_ASC: by((p) => p.updateTimestamp, 1, productId),
  NAME_ASC: by((p) => p.name.toLowerCase(), 1, productId),
  NAME_DESC: by((p) => p.name.toLowerCase(), -1, productId),
  PRICE_ASC: by((p) => p.price, 1, productId),
  PRICE_DESC: by((p) => p.price, -1, productId),
  SKU_ASC: by((p) => p.sku, 1, productId),
  SKU_DESC: by((p) => p.sku, -1, productId),
};
