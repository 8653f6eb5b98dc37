/**
 * Orders as the store keeps them (`OrderRecord`: the facts of a checkout, money in integer cents, shared
 * references) and as the API shows them (`orderView` → Ecwid's order JSON, money derived on every read).
 * Keeping facts rather than JSON makes a 100,000-order store small and quick to build: a record is a handful of
 * heap objects, where the JSON is ~90 (every decimal amount is a boxed number in V8).
 * Also: placing a random order, and planning how it moves through payment and fulfillment statuses.
 */
import { formatEcwidDate, storedDateSeconds } from './dates.js';
import { emailFor, randomName, randomPerson } from './fixtures.js';
import { fromCents, priceOrder, toCents, type PricedOrder, type PricingLine, type Promotion } from './money.js';
import { Random, mixSeed } from './random.js';
import type {
  Customer,
  DiscountCoupon,
  FulfillmentStatus,
  Order,
  OrderCoupon,
  OrderItem,
  PaymentMethod,
  PaymentStatus,
  Person,
  Product,
  Refund,
  SelectedOption,
  ShippingMethod,
  StoreSettings,
} from './types.js';

const IP_ADDRESSES = Array.from({ length: 254 }, (_, i) => `203.0.113.${i + 1}`); // TEST-NET-3
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

// ---------------------------------------------------------------------------------------------------------------
// Records

/** A cart line as placed: the product's details at that moment, so later catalog edits leave old orders alone. */
export interface OrderLine extends PricingLine {
  productId: number;
  sku: string;
  name: string;
  categoryId: number;
  imageUrl: string;
  weight: number;
  /** The product's base unit price in cents (no options). */
  productPrice: number;
  selectedOptions?: readonly SelectedOption[];
}

export interface RefundRecord {
  at: number;
  reason: string;
  /** Cents. */
  amount: number;
  /** Who made it: the control panel (default), the API, or the payment gateway. */
  source?: Refund['source'];
}

/** What the store keeps per order. The fields an API client can change (PUT /orders) have their Ecwid names. */
export interface OrderRecord {
  id: string;
  internalId: number;
  createTimestamp: number;
  updateTimestamp: number;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  email: string;
  customerId?: number;
  customerGroupId: number;
  customerGroup: string;
  paymentMethod: PaymentMethod;
  lines: OrderLine[];
  promotions: readonly Promotion[];
  coupon?: OrderCoupon;
  shippingMethod?: ShippingMethod;
  /** Cents, after any free-shipping threshold. */
  shippingRate: number;
  /** Cents; 0 without handling fee. */
  handling: number;
  /** Cents of the untaxed "Eco packaging" surcharge; 0 without. */
  surcharge: number;
  /** Cents on the gift card used (the redemption is capped at the order's total). */
  giftCardBalance: number;
  giftCardCode?: string;
  /** Ecwid shows shipping tax in `taxesOnShipping[]` and, on some orders, also spread over the items. */
  shippingTaxOnItems: boolean;
  /** Cents, derived once at checkout (money never changes afterwards): what `totalFrom/To` compare. */
  totalCents: number;
  billingPerson?: Person;
  shippingPerson?: Person;
  ipAddress: string;
  acceptMarketing: boolean;
  orderComments?: string;
  privateAdminNotes?: string;
  trackingNumber?: string;
  hidden: boolean;
  customerTaxExempt: boolean;
  externalFulfillment: boolean;
  refunds: readonly RefundRecord[];
}

// ---------------------------------------------------------------------------------------------------------------
// Ids

const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols, no 0/O/1/I
const ID_BITS = 25; // 5 symbols × 5 bits

/**
 * Ecwid-looking order code ("K8XTQ") for the n-th order. Odd multipliers and xor-shifts each permute the 25-bit
 * space, so codes never collide (up to 33 million orders) and need no lookup table — and consecutive orders get
 * unrelated codes, so sorting by id says nothing about age (as with Ecwid).
 */
export function orderCode(sequence: number, mask: number): string {
  const all = (1 << ID_BITS) - 1;
  let bits = (sequence ^ mask) & all;
  bits = Math.imul(bits, 0x2f1b5) & all;
  bits ^= bits >>> 13;
  bits = Math.imul(bits, 0x1a3d7) & all;
  bits ^= bits >>> 11;
  const symbol = (shift: number) => ID_ALPHABET.charCodeAt((bits >>> shift) & 31);
  return String.fromCharCode(symbol(20), symbol(15), symbol(10), symbol(5), symbol(0));
}

/** The store's full order id: its prefix and suffix around the code, e.g. "SHOP-K8XTQ". */
export function orderId(
  settings: Pick<StoreSettings, 'orderIdPrefix' | 'orderIdSuffix'>,
  sequence: number,
  mask: number,
): string {
  return `${settings.orderIdPrefix}${orderCode(sequence, mask)}${settings.orderIdSuffix}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Placing an order

export interface OrderDraft {
  id: string;
  internalId: number;
  createTimestamp: number;
  /** The registered buyer; undefined for a guest checkout. */
  customer?: Customer;
  customerGroupName: (groupId: number) => string;
  /** Products that exist when the order is placed. */
  products: readonly Product[];
  /** Coupons that exist when the order is placed; only usable ABS/PERCENT ones are applied. */
  coupons: readonly DiscountCoupon[];
  /** A number that makes guest e-mail addresses unique. */
  guestNumber: number;
  /** People who check out as guests (or ship to another address): a shared pool keeps big stores small. */
  guestPeople: readonly Person[];
}

/** A new order as the shopper leaves checkout: AWAITING_PAYMENT / AWAITING_PROCESSING. */
export function placeOrder(random: Random, settings: StoreSettings, draft: OrderDraft): OrderRecord {
  const customer = draft.customer;
  const customerGroupId = customer?.customerGroupId ?? 0;
  const lines = pickLines(random, settings, draft.products);
  const subtotal = lines.reduce((acc, line) => acc + line.unitPrice * line.quantity, 0);
  const coupon = random.chance(0.18) ? pickCoupon(random, draft, lines, subtotal) : undefined;
  if (coupon) for (const line of lines) line.couponEligible = couponCovers(coupon, line);

  const method = lines.some((line) => line.shippable) ? pickShippingMethod(random, settings) : undefined;
  const freeShipping = method?.freeAbove !== undefined && subtotal >= toCents(method.freeAbove);
  const billingPerson = random.chance(0.05) ? undefined : billingFor(random, customer, draft.guestPeople);

  const record: OrderRecord = {
    id: draft.id,
    internalId: draft.internalId,
    createTimestamp: draft.createTimestamp,
    updateTimestamp: draft.createTimestamp,
    paymentStatus: 'AWAITING_PAYMENT',
    fulfillmentStatus: 'AWAITING_PROCESSING',
    email: customer ? customer.email : guestEmail(random, billingPerson, draft.guestNumber),
    customerId: customer?.id,
    customerGroupId,
    customerGroup: draft.customerGroupName(customerGroupId),
    paymentMethod: random.pick(settings.paymentMethods),
    lines,
    promotions: promotionsFor(settings, subtotal, customerGroupId),
    coupon: coupon && orderCoupon(coupon),
    shippingMethod: method,
    shippingRate: method && !freeShipping ? toCents(method.rate) : 0,
    handling: method && !method.isPickup && settings.handlingFee ? toCents(settings.handlingFee.value) : 0,
    surcharge: random.chance(0.08) ? 150 : 0,
    giftCardBalance: 0,
    shippingTaxOnItems: random.chance(0.5),
    totalCents: 0,
    billingPerson,
    shippingPerson: !method || random.chance(0.03) ? undefined : shippingFor(random, billingPerson, draft.guestPeople),
    ipAddress: random.pick(IP_ADDRESSES),
    acceptMarketing: customer?.acceptMarketing ?? random.chance(0.3),
    hidden: false,
    customerTaxExempt: false,
    externalFulfillment: false,
    refunds: NO_REFUNDS,
  };
  if (random.chance(0.04)) {
    record.giftCardBalance = toCents(random.pick([10, 25, 50, 100]));
    record.giftCardCode = `GC-${random.int(1000, 9999)}-${random.int(1000, 9999)}`;
  }
  if (random.chance(0.1))
    record.orderComments = random.pick(['Please gift wrap', 'Leave at the back door', 'Call before delivery']);
  record.totalCents = priceRecord(record, settings).total;
  return record;
}

const NO_REFUNDS: readonly RefundRecord[] = Object.freeze([]);

/** Option choices are shared between lines (they never change). */
const optionChoices = new Map<string, SelectedOption>();
function selectedOption(name: string, value: string): SelectedOption {
  const key = `${name}\u0000${value}`;
  let option = optionChoices.get(key);
  if (!option) {
    option = { name, value, type: 'CHOICE' };
    optionChoices.set(key, option);
  }
  return option;
}

function pickLines(random: Random, settings: StoreSettings, products: readonly Product[]): OrderLine[] {
  const lineCount = Math.min(products.length, random.weighted(LINE_COUNTS));
  const chosen = new Set<Product>();
  while (chosen.size < lineCount) chosen.add(random.pick(products));
  return [...chosen].map((product) => {
    let unitPrice = toCents(product.price);
    const selectedOptions = product.options.map((option) => {
      const choice = random.pick(option.choices);
      unitPrice += toCents(choice.priceModifier);
      return selectedOption(option.name, choice.text);
    });
    const line: OrderLine = {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      categoryId: product.defaultCategoryId,
      imageUrl: product.imageUrl,
      weight: product.weight,
      productPrice: toCents(product.price),
      unitPrice,
      quantity: random.weighted(QUANTITIES),
      taxes: settings.taxClasses[product.tax.taxClassCode],
      shippable: product.isShippingRequired,
      couponEligible: false,
    };
    if (selectedOptions.length > 0) line.selectedOptions = selectedOptions;
    return line;
  });
}
const LINE_COUNTS = [
  [1, 50],
  [2, 30],
  [3, 15],
  [4, 5],
] as const;
const QUANTITIES = [
  [1, 65],
  [2, 20],
  [3, 10],
  [5, 5],
] as const;

/** The promotions an order gets; the few possible lists are shared between orders. */
const promotionLists = new WeakMap<StoreSettings, Promotion[][]>();
function promotionsFor(settings: StoreSettings, subtotalCents: number, customerGroupId: number): readonly Promotion[] {
  let lists = promotionLists.get(settings);
  if (!lists) {
    const { volumeDiscount: volume, membershipDiscount: membership } = settings;
    const onTotal: Promotion = {
      percent: volume.percent,
      info: {
        value: volume.percent,
        type: 'PERCENT',
        base: 'ON_TOTAL',
        orderTotal: volume.threshold,
        description: `${volume.percent}% off orders over ${volume.threshold}`,
      },
    };
    const forMembers: Promotion = {
      percent: membership.percent,
      info: {
        value: membership.percent,
        type: 'PERCENT',
        base: 'ON_MEMBERSHIP',
        membershipId: membership.customerGroupId,
        description: `${membership.percent}% member discount`,
      },
    };
    lists = [[], [onTotal], [forMembers], [onTotal, forMembers]];
    promotionLists.set(settings, lists);
  }
  const bigOrder = subtotalCents >= toCents(settings.volumeDiscount.threshold);
  const member = customerGroupId !== 0 && customerGroupId === settings.membershipDiscount.customerGroupId;
  return lists[(bigOrder ? 1 : 0) + (member ? 2 : 0)];
}

// ---------------------------------------------------------------------------------------------------------------
// The Ecwid JSON of an order

function priceRecord(record: OrderRecord, settings: StoreSettings): PricedOrder {
  const coupon = record.coupon;
  return priceOrder({
    pricesIncludeTax: settings.pricesIncludeTax,
    lines: record.lines,
    promotions: record.promotions,
    coupon: coupon && {
      type: coupon.discountType === 'PERCENT' ? 'PERCENT' : 'ABS',
      discount: coupon.discountType === 'PERCENT' ? coupon.discount : toCents(coupon.discount),
    },
    shipping: record.shippingMethod && {
      rate: record.shippingRate,
      handling: record.handling,
      taxes: settings.shippingTaxes,
    },
    surcharges: record.surcharge > 0 ? [record.surcharge] : [],
    giftCardBalance: record.giftCardBalance,
    shippingTaxOnItems: record.shippingTaxOnItems,
  });
}

/** The order as `GET /orders` shows it: a fresh object each time (changing it changes nothing in the store). */
export function orderView(record: OrderRecord, settings: StoreSettings): Order {
  const priced = priceRecord(record, settings);
  const created = formatEcwidDate(record.createTimestamp);
  const promotions = record.promotions;
  const byBase = (base: Promotion['info']['base']) =>
    fromCents(promotions.reduce((acc, p, i) => acc + (p.info.base === base ? priced.promotionTotals[i] : 0), 0));
  const order: Order = {
    id: record.id,
    internalId: record.internalId,
    orderNumber: record.internalId,
    vendorOrderNumber: record.id,
    email: record.email,
    customerGroupId: record.customerGroupId,
    customerGroup: record.customerGroup,
    paymentMethod: record.paymentMethod.name,
    paymentModule: record.paymentMethod.module,
    paymentStatus: record.paymentStatus,
    fulfillmentStatus: record.fulfillmentStatus,
    createDate: created,
    createTimestamp: record.createTimestamp,
    updateDate: formatEcwidDate(record.updateTimestamp),
    updateTimestamp: record.updateTimestamp,
    pricesIncludeTax: settings.pricesIncludeTax,
    subtotal: fromCents(priced.subtotal),
    subtotalWithoutTax: fromCents(priced.subtotalWithoutTax),
    total: fromCents(priced.total),
    totalWithoutTax: fromCents(priced.totalWithoutTax),
    totalBeforeGiftCardRedemption: fromCents(priced.totalBeforeGiftCardRedemption),
    tax: fromCents(priced.tax),
    couponDiscount: fromCents(priced.couponDiscount),
    discount: fromCents(priced.discount),
    volumeDiscount: byBase('ON_TOTAL'),
    membershipBasedDiscount: byBase('ON_MEMBERSHIP'),
    totalAndMembershipBasedDiscount: byBase('ON_TOTAL_AND_MEMBERSHIP'),
    discountInfo: promotions.map((p) => ({ ...p.info })),
    customDiscount: [],
    customSurcharges:
      record.surcharge > 0
        ? [
            {
              id: 'eco-packaging',
              value: fromCents(record.surcharge),
              type: 'ABSOLUTE',
              total: fromCents(record.surcharge),
              totalWithoutTax: fromCents(record.surcharge),
              description: 'Eco packaging',
              taxable: false,
            },
          ]
        : [],
    refundedAmount: fromCents(record.refunds.reduce((acc, r) => acc + r.amount, 0)),
    refunds: record.refunds.map((r) => ({
      date: formatEcwidDate(r.at),
      source: r.source ?? 'CP',
      reason: r.reason,
      amount: fromCents(r.amount),
    })),
    taxesOnShipping: priced.shippingTaxes.map((t) => ({ name: t.name, value: t.rate, total: fromCents(t.total) })),
    items: record.lines.map((line, i) => orderItem(record, i, line, priced, settings.pricesIncludeTax)),
    ipAddress: record.ipAddress,
    hidden: record.hidden,
    acceptMarketing: record.acceptMarketing,
    customerTaxExempt: record.customerTaxExempt,
    externalFulfillment: record.externalFulfillment,
  };
  // Optional fields are absent (not null) when they do not apply, as in Ecwid's JSON.
  if (record.customerId !== undefined) order.customerId = record.customerId;
  const payment = gatewayPayment(record);
  if (payment) Object.assign(order, payment);
  if (priced.giftCardRedemption > 0) {
    order.giftCardRedemption = fromCents(priced.giftCardRedemption);
    order.giftCardCode = record.giftCardCode;
  }
  if (record.coupon) order.discountCoupon = { ...record.coupon };
  const method = record.shippingMethod;
  if (method) {
    order.shippingOption = {
      shippingMethodId: method.id,
      shippingMethodName: method.name,
      shippingRate: fromCents(priced.shippingRate),
      shippingRateWithoutTax: fromCents(priced.shippingRateWithoutTax),
      isPickup: method.isPickup,
      fulfillmentType: method.isPickup ? 'PICKUP' : 'SHIPPING',
    };
    if (method.estimatedTransitTime) order.shippingOption.estimatedTransitTime = method.estimatedTransitTime;
  }
  if (record.handling > 0 && settings.handlingFee) order.handlingFee = { ...settings.handlingFee };
  if (record.trackingNumber) order.trackingNumber = record.trackingNumber;
  if (record.billingPerson) order.billingPerson = { ...record.billingPerson };
  if (record.shippingPerson) order.shippingPerson = { ...record.shippingPerson };
  if (record.orderComments !== undefined) order.orderComments = record.orderComments;
  if (record.privateAdminNotes !== undefined) order.privateAdminNotes = record.privateAdminNotes;
  return order;
}

/** Statuses an order has only after its payment went through. */
const PAID_STATUSES: readonly PaymentStatus[] = ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'];

/**
 * What an online gateway reports once it has taken the money: its transaction id and payment reference, derived
 * from the order's number (so they cost no memory and no draw from the generator's streams). Offline methods and
 * unpaid orders have neither.
 */
export function gatewayPayment(
  record: Pick<OrderRecord, 'internalId' | 'paymentMethod' | 'paymentStatus'>,
): { externalTransactionId: string; paymentReference: string } | undefined {
  if (record.paymentMethod.offline || !PAID_STATUSES.includes(record.paymentStatus)) return undefined;
  const code = (salt: number) => mixSeed(record.internalId, salt).toString(36).toUpperCase().padStart(7, '0');
  return record.paymentMethod.module === 'PayPalStandard'
    ? { externalTransactionId: `${code(1)}${code(2)}`.slice(0, 17), paymentReference: `PAYID-${code(3)}${code(4)}` }
    : { externalTransactionId: `ch_3${code(1)}${code(2)}`, paymentReference: `pi_3${code(3)}${code(4)}` };
}

function orderItem(
  record: OrderRecord,
  index: number,
  line: OrderLine,
  priced: PricedOrder,
  pricesIncludeTax: boolean,
): OrderItem {
  const pricedLine = priced.lines[index];
  const item: OrderItem = {
    id: record.internalId * 100 + index + 1,
    productId: line.productId,
    categoryId: line.categoryId,
    sku: line.sku,
    name: line.name,
    price: fromCents(line.unitPrice),
    productPrice: fromCents(line.productPrice),
    priceWithoutTax: fromCents(pricedLine.priceWithoutTax),
    quantity: line.quantity,
    tax: fromCents(pricedLine.taxes.reduce((acc, t) => acc + t.onDiscountedSubtotal + t.onShipping, 0)),
    taxes: pricedLine.taxes.map((t) => ({
      name: t.name,
      value: t.rate,
      total: fromCents(t.onDiscountedSubtotal + t.onShipping),
      taxOnDiscountedSubtotal: fromCents(t.onDiscountedSubtotal),
      taxOnShipping: fromCents(t.onShipping),
      includeInPrice: pricesIncludeTax,
    })),
    shipping: fromCents(pricedLine.shippingShare),
    couponAmount: fromCents(pricedLine.couponAmount),
    couponApplied: pricedLine.couponAmount > 0,
    discounts: record.promotions
      .map((p, i) => ({ discountInfo: { ...p.info }, total: fromCents(pricedLine.promotionAmounts[i]) }))
      .filter((d) => d.total > 0),
    imageUrl: line.imageUrl,
    digital: !line.shippable,
    isShippingRequired: line.shippable,
    weight: line.weight,
  };
  if (line.selectedOptions) item.selectedOptions = line.selectedOptions.map((o) => ({ ...o }));
  return item;
}

/** Keeps the buyer's stats and the coupon's use count in step with a placed order. */
export function recordPurchase(
  order: OrderRecord,
  customer: Customer | undefined,
  coupons: Map<number, DiscountCoupon>,
): void {
  if (order.coupon) {
    const coupon = coupons.get(order.coupon.id);
    if (coupon) coupon.orderCount += 1;
  }
  if (!customer) return;
  const stats = customer.stats;
  const orderDate = formatEcwidDate(order.createTimestamp);
  stats.numberOfOrders += 1;
  stats.salesValue = fromCents(toCents(stats.salesValue) + order.totalCents);
  stats.averageOrderValue = fromCents(Math.round(toCents(stats.salesValue) / stats.numberOfOrders));
  stats.firstOrderDate ??= orderDate;
  stats.lastOrderDate = orderDate;
  customer.totalOrderCount = stats.numberOfOrders;
}

// ---------------------------------------------------------------------------------------------------------------
// Coupons on orders

/** Whether a coupon can be used at a moment, by a buyer, on a cart of this subtotal (cents). */
function couponUsable(
  coupon: DiscountCoupon,
  at: number,
  customer: Customer | undefined,
  subtotalCents: number,
): boolean {
  if (coupon.discountType !== 'ABS' && coupon.discountType !== 'PERCENT') return false; // shipping coupons: not modelled
  if (coupon.status !== 'ACTIVE') return false;
  if (coupon.launchDate && storedDateSeconds(coupon.launchDate) > at) return false;
  if (coupon.expirationDate && storedDateSeconds(coupon.expirationDate) < at) return false;
  if (coupon.usesLimit === 'SINGLE' && coupon.orderCount > 0) return false;
  if (coupon.totalLimit !== undefined && subtotalCents < toCents(coupon.totalLimit)) return false;
  const previousOrders = customer?.stats.numberOfOrders ?? 0;
  if (coupon.applicationLimit === 'NEW_CUSTOMER_ONLY' && previousOrders > 0) return false;
  if (coupon.applicationLimit === 'REPEAT_CUSTOMER_ONLY' && previousOrders === 0) return false;
  return true;
}

/** An empty or absent catalogLimit means the whole catalog; `categoryId` is the line's product category. */
function couponCovers(
  coupon: Pick<DiscountCoupon, 'catalogLimit'>,
  line: Pick<OrderLine, 'productId' | 'categoryId'>,
): boolean {
  const limit = coupon.catalogLimit;
  if (!limit || (limit.products.length === 0 && limit.categories.length === 0)) return true;
  return limit.products.includes(line.productId) || limit.categories.includes(line.categoryId);
}

function pickCoupon(
  random: Random,
  draft: OrderDraft,
  lines: readonly OrderLine[],
  subtotal: number,
): DiscountCoupon | undefined {
  const usable = draft.coupons.filter(
    (c) =>
      couponUsable(c, draft.createTimestamp, draft.customer, subtotal) && lines.some((line) => couponCovers(c, line)),
  );
  return usable.length > 0 ? random.pick(usable) : undefined;
}

/** The coupon as the order shows it: a copy taken at checkout (its use counted). */
function orderCoupon(coupon: DiscountCoupon): OrderCoupon {
  const {
    id,
    name,
    code,
    discountType,
    status,
    discount,
    launchDate,
    usesLimit,
    applicationLimit,
    creationDate,
    orderCount,
    catalogLimit,
  } = coupon;
  const snapshot: OrderCoupon = {
    id,
    name,
    code,
    discountType,
    status,
    discount,
    usesLimit,
    applicationLimit,
    creationDate,
    orderCount: orderCount + 1,
  };
  if (launchDate) snapshot.launchDate = launchDate;
  if (catalogLimit) snapshot.catalogLimit = catalogLimit;
  return snapshot;
}

// ---------------------------------------------------------------------------------------------------------------
// Shipping and people

function pickShippingMethod(random: Random, settings: StoreSettings): ShippingMethod {
  const offered = settings.shippingMethods.filter((m) => m.enabled !== false);
  const pickup = offered.filter((m) => m.isPickup);
  const delivery = offered.filter((m) => !m.isPickup);
  if (pickup.length > 0 && random.chance(0.1)) return random.pick(pickup);
  // The first delivery method is the everyday one; the others (express…) are rarer.
  return random.chance(0.75) || delivery.length === 1 ? delivery[0] : random.pick(delivery.slice(1));
}

// People are shared between records (customer → order billing → order shipping); views copy them, and updates
// replace them, so a shared person is never edited in place.
function billingFor(random: Random, customer: Customer | undefined, guestPeople: readonly Person[]): Person {
  if (customer?.billingPerson) return customer.billingPerson;
  if (customer) {
    const [firstName = customer.name, ...rest] = customer.name.split(' ');
    return randomPerson(random, { firstName, lastName: rest.join(' '), name: customer.name });
  }
  return random.pick(guestPeople);
}

function shippingFor(random: Random, billing: Person | undefined, guestPeople: readonly Person[]): Person {
  return billing && random.chance(0.8) ? billing : random.pick(guestPeople);
}

/** Guests mostly leave an e-mail; point-of-sale and phone orders sometimes have `""`. */
function guestEmail(random: Random, billing: Person | undefined, guestNumber: number): string {
  if (random.chance(0.04)) return '';
  const named =
    billing?.firstName && billing.lastName
      ? { firstName: billing.firstName, lastName: billing.lastName, name: billing.name ?? '' }
      : randomName(random);
  return emailFor(named, guestNumber, 'example.net');
}

// ---------------------------------------------------------------------------------------------------------------
// Status changes

export interface OrderChange {
  paymentStatus?: PaymentStatus;
  fulfillmentStatus?: FulfillmentStatus;
  trackingNumber?: string;
  /**
   * A `refunds[]` entry (`amount` in the store currency). A payment status of REFUNDED / PARTIALLY_REFUNDED without
   * one is a refund marked by hand (status only): Ecwid's docs do not say that it records an entry, so none is made.
   */
  refund?: { amount: number; reason: string; source?: Refund['source'] };
}

/** Applies a status change made at `atSeconds` and stamps the update time. */
export function applyOrderChange(record: OrderRecord, change: OrderChange, atSeconds: number): void {
  applyWithoutStamp(record, change, atSeconds);
  record.updateTimestamp = atSeconds;
}

/** Applies the planned changes due by `nowSeconds`; the update time is the last one applied. */
export function applyDueChanges(record: OrderRecord, plan: readonly PlannedChange[], nowSeconds: number): void {
  for (const { at, change } of plan) {
    if (at > nowSeconds) break;
    applyOrderChange(record, change, at);
  }
}

function applyWithoutStamp(record: OrderRecord, change: OrderChange, atSeconds: number): void {
  if (change.paymentStatus) record.paymentStatus = change.paymentStatus;
  if (change.fulfillmentStatus) record.fulfillmentStatus = change.fulfillmentStatus;
  if (change.trackingNumber) record.trackingNumber = change.trackingNumber;
  if (change.refund) {
    const { reason, source } = change.refund;
    record.refunds = [
      ...record.refunds,
      { at: atSeconds, reason, amount: toCents(change.refund.amount), ...(source ? { source } : {}) },
    ];
  }
}

export interface PlannedChange {
  at: number;
  change: OrderChange;
}

/**
 * What happens to an order after checkout, as timestamped changes: most are paid and move through fulfillment;
 * some are abandoned (INCOMPLETE), never paid and cancelled, left awaiting payment, or refunded in full or part.
 * The generator applies those whose time has come.
 */
export function planLifecycle(random: Random, record: OrderRecord): PlannedChange[] {
  const start = record.createTimestamp;
  const outcome = random.weighted(OUTCOMES);
  if (outcome === 'abandoned') return [{ at: start, change: { paymentStatus: 'INCOMPLETE' } }];
  if (outcome === 'cancelled') {
    return [
      {
        at: start + random.int(2 * DAY, 7 * DAY),
        change: { paymentStatus: 'CANCELLED', fulfillmentStatus: 'WILL_NOT_DELIVER' },
      },
    ];
  }
  if (outcome === 'unpaid') return [];

  const paidAt = start + (record.paymentMethod.offline ? random.int(HOUR, 3 * DAY) : random.int(5, 2 * MINUTE));
  const plan: PlannedChange[] = [
    { at: paidAt, change: { paymentStatus: 'PAID' } },
    ...fulfillmentPlan(random, record, paidAt),
  ];
  const refundAt = plan[plan.length - 1].at + random.int(DAY, 10 * DAY);
  if (outcome === 'refunded') {
    plan.push(...fullRefundPlan(record, refundAt));
  } else if (outcome === 'partiallyRefunded') {
    plan.push(...partialRefundPlan(record, refundAt));
  }
  return plan;
}
const OUTCOMES = [
  ['abandoned', 4],
  ['cancelled', 5],
  ['unpaid', 2],
  ['refunded', 3],
  ['partiallyRefunded', 1],
  ['paid', 85],
] as const;

/**
 * The shapes a refund takes draw from a stream of their own (seeded by the order), so they leave the generator's
 * main stream — and every other order of a seeded store — as they were before refunds had shapes.
 */
const refundRandom = (record: OrderRecord): Random => new Random(mixSeed(record.internalId, 0x2ef0));

/**
 * A full refund: mostly one `refunds[]` entry; a quarter are marked REFUNDED by hand (no entry), and a third of those
 * get the entry recorded a day or two later (the gateway's refund, same money, status unchanged).
 */
function fullRefundPlan(record: OrderRecord, at: number): PlannedChange[] {
  const shape = refundRandom(record);
  const total = fromCents(record.totalCents);
  const status = { paymentStatus: 'REFUNDED', fulfillmentStatus: 'RETURNED' } as const;
  if (!shape.chance(0.25))
    return [{ at, change: { ...status, refund: { amount: total, reason: 'Returned by customer' } } }];
  const plan: PlannedChange[] = [{ at, change: status }];
  if (shape.chance(1 / 3))
    plan.push({
      at: at + shape.int(DAY, 2 * DAY),
      change: { refund: { amount: total, reason: 'Returned by customer', source: 'EXTERNAL' } },
    });
  return plan;
}

/**
 * A partial refund of 30%; half of them are followed by a second partial refund (20%) days later, and a quarter of
 * all end with the order marked REFUNDED by hand (the rest refunded, no entry).
 */
function partialRefundPlan(record: OrderRecord, at: number): PlannedChange[] {
  const shape = refundRandom(record);
  const part = (share: number) => fromCents(Math.round(record.totalCents * share));
  const plan: PlannedChange[] = [
    { at, change: { paymentStatus: 'PARTIALLY_REFUNDED', refund: { amount: part(0.3), reason: 'Damaged item' } } },
  ];
  if (shape.chance(0.5))
    plan.push({ at: at + shape.int(DAY, 5 * DAY), change: { refund: { amount: part(0.2), reason: 'Late delivery' } } });
  if (shape.chance(0.25))
    plan.push({ at: plan[plan.length - 1].at + shape.int(DAY, 5 * DAY), change: { paymentStatus: 'REFUNDED' } });
  return plan;
}

function fulfillmentPlan(random: Random, record: OrderRecord, paidAt: number): PlannedChange[] {
  const method = record.shippingMethod;
  if (!method) return [{ at: paidAt + MINUTE, change: { fulfillmentStatus: 'DELIVERED' } }]; // digital goods
  const processing = paidAt + random.int(HOUR, DAY);
  if (method.isPickup) {
    const ready = processing + random.int(2 * HOUR, DAY);
    return [
      { at: processing, change: { fulfillmentStatus: 'PROCESSING' } },
      { at: ready, change: { fulfillmentStatus: 'READY_FOR_PICKUP' } },
      { at: ready + random.int(4 * HOUR, 3 * DAY), change: { fulfillmentStatus: 'DELIVERED' } },
    ];
  }
  const shipped = processing + random.int(4 * HOUR, 2 * DAY);
  const plan: PlannedChange[] = [
    { at: processing, change: { fulfillmentStatus: 'PROCESSING' } },
    {
      at: shipped,
      change: {
        fulfillmentStatus: 'SHIPPED',
        trackingNumber: `1Z${random.int(100000, 999999)}${random.int(1000000, 9999999)}`,
      },
    },
  ];
  if (random.chance(0.9))
    plan.push({ at: shipped + random.int(DAY, 5 * DAY), change: { fulfillmentStatus: 'DELIVERED' } });
  return plan;
}
