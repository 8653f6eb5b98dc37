/**
 * Builds one Ecwid order (cart, promotions, coupon, shipping, gift card, people) and plans how it moves through
 * payment and fulfillment statuses. Used by the seeded generator and by live `createOrder` alike.
 */
import { formatEcwidDate, parseEcwidDate } from './dates.js';
import { emailFor, randomName, randomPerson } from './fixtures.js';
import { fromCents, priceOrder, toCents, type PricedOrder, type Promotion } from './money.js';
import type { Random } from './random.js';
import type {
  Customer,
  DiscountCoupon,
  FulfillmentStatus,
  Order,
  OrderItem,
  PaymentStatus,
  Person,
  Product,
  SelectedOption,
  StoreSettings,
} from './types.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

// ---------------------------------------------------------------------------------------------------------------
// Ids

const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols, no 0/O/1/I
const ID_BITS = 25; // 5 symbols × 5 bits

/**
 * Ecwid-looking order code ("K8XTQ") for the n-th order: an odd multiplier and an xor mask permute the 25-bit
 * space, so codes look random yet never collide (up to 33 million orders) and need no lookup table.
 */
export function orderCode(sequence: number, mask: number): string {
  const bits = (Math.imul(sequence + 1, 0x2f1b5) ^ mask) & ((1 << ID_BITS) - 1);
  let code = '';
  for (let shift = ID_BITS - 5; shift >= 0; shift -= 5) code += ID_ALPHABET[(bits >>> shift) & 31];
  return code;
}

// ---------------------------------------------------------------------------------------------------------------
// Building

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
}

interface CartLine {
  product: Product;
  quantity: number;
  options: SelectedOption[];
  /** Unit price in cents with option modifiers. */
  unitPrice: number;
}

/** A new order as the shopper leaves checkout: AWAITING_PAYMENT / AWAITING_PROCESSING. */
export function buildOrder(random: Random, settings: StoreSettings, draft: OrderDraft): Order {
  const cart = pickCart(random, draft.products);
  const customer = draft.customer;
  const customerGroupId = customer?.customerGroupId ?? 0;
  const subtotal = cart.reduce((acc, line) => acc + line.unitPrice * line.quantity, 0);

  const promotions = promotionsFor(settings, subtotal, customerGroupId);
  const coupon = random.chance(0.18) ? pickCoupon(random, draft, cart, subtotal) : undefined;
  const couponEligible = (line: CartLine) => (coupon ? couponCovers(coupon, line.product) : false);

  const shippable = cart.some((line) => line.product.isShippingRequired);
  const method = shippable ? pickShippingMethod(random, settings) : undefined;
  const shippingRate = method ? (method.freeAbove !== undefined && subtotal >= toCents(method.freeAbove) ? 0 : toCents(method.rate)) : 0;
  const handling = method && !method.isPickup && settings.handlingFee ? toCents(settings.handlingFee.value) : 0;
  const surcharge = random.chance(0.08) ? 150 : 0;
  const giftCardBalance = random.chance(0.04) ? toCents(random.pick([10, 25, 50, 100])) : 0;

  const priced = priceOrder({
    pricesIncludeTax: settings.pricesIncludeTax,
    lines: cart.map((line) => ({
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      taxes: settings.taxClasses[line.product.tax.taxClassCode],
      shippable: line.product.isShippingRequired,
      couponEligible: couponEligible(line),
    })),
    promotions,
    coupon: coupon ? { type: coupon.discountType as 'ABS' | 'PERCENT', discount: coupon.discountType === 'ABS' ? toCents(coupon.discount) : coupon.discount } : undefined,
    shipping: method ? { rate: shippingRate, handling, taxes: settings.shippingTaxes } : undefined,
    surcharges: surcharge ? [surcharge] : [],
    giftCardBalance,
    shippingTaxOnItems: random.chance(0.5),
  });

  const paymentMethod = random.pick(settings.paymentMethods);
  const billingPerson = random.chance(0.05) ? undefined : billingFor(random, customer);
  const shippingPerson = !shippable || random.chance(0.03) ? undefined : shippingFor(random, billingPerson);
  const created = formatEcwidDate(draft.createTimestamp);

  const order: Order = {
    id: draft.id,
    internalId: draft.internalId,
    orderNumber: draft.internalId,
    vendorOrderNumber: draft.id,
    email: customer ? customer.email : guestEmail(random, billingPerson, draft.guestNumber),
    customerGroupId,
    customerGroup: draft.customerGroupName(customerGroupId),
    paymentMethod: paymentMethod.name,
    paymentModule: paymentMethod.module,
    paymentStatus: 'AWAITING_PAYMENT',
    fulfillmentStatus: 'AWAITING_PROCESSING',
    createDate: created,
    createTimestamp: draft.createTimestamp,
    updateDate: created,
    updateTimestamp: draft.createTimestamp,
    pricesIncludeTax: settings.pricesIncludeTax,
    subtotal: fromCents(priced.subtotal),
    subtotalWithoutTax: fromCents(priced.subtotalWithoutTax),
    total: fromCents(priced.total),
    totalWithoutTax: fromCents(priced.totalWithoutTax),
    totalBeforeGiftCardRedemption: fromCents(priced.totalBeforeGiftCardRedemption),
    tax: fromCents(priced.tax),
    couponDiscount: fromCents(priced.couponDiscount),
    discount: fromCents(priced.discount),
    ...promotionFields(promotions, priced),
    discountInfo: promotions.map((p) => p.info),
    customDiscount: [],
    customSurcharges: surcharge
      ? [{ id: 'eco-packaging', value: fromCents(surcharge), type: 'ABSOLUTE', total: fromCents(surcharge), totalWithoutTax: fromCents(surcharge), description: 'Eco packaging', taxable: false }]
      : [],
    refundedAmount: 0,
    refunds: [],
    taxesOnShipping: priced.shippingTaxes.map((t) => ({ name: t.name, value: t.rate, total: fromCents(t.total) })),
    items: cart.map((line, i) => orderItem(draft.internalId, i, line, priced, promotions, settings.pricesIncludeTax)),
    ipAddress: `203.0.113.${random.int(1, 254)}`,
    hidden: false,
    acceptMarketing: customer?.acceptMarketing ?? random.chance(0.3),
    customerTaxExempt: false,
    externalFulfillment: false,
  };
  if (customer) order.customerId = customer.id;
  if (priced.giftCardRedemption > 0) {
    order.giftCardRedemption = fromCents(priced.giftCardRedemption);
    order.giftCardCode = `GC-${random.int(1000, 9999)}-${random.int(1000, 9999)}`;
  }
  if (coupon) order.discountCoupon = orderCoupon(coupon);
  if (method) {
    order.shippingOption = {
      shippingMethodId: method.id,
      shippingMethodName: method.name,
      shippingRate: fromCents(priced.shippingRate),
      shippingRateWithoutTax: fromCents(priced.shippingRateWithoutTax),
      isPickup: method.isPickup,
      fulfillmentType: method.isPickup ? 'PICKUP' : 'SHIPPING',
      ...(method.estimatedTransitTime ? { estimatedTransitTime: method.estimatedTransitTime } : {}),
    };
  }
  if (handling > 0 && settings.handlingFee) order.handlingFee = { ...settings.handlingFee };
  if (billingPerson) order.billingPerson = billingPerson;
  if (shippingPerson) order.shippingPerson = shippingPerson;
  if (random.chance(0.1)) order.orderComments = random.pick(['Please gift wrap', 'Leave at the back door', 'Call before delivery']);
  return order;
}

function pickCart(random: Random, products: readonly Product[]): CartLine[] {
  const lineCount = Math.min(products.length, random.weighted([[1, 50], [2, 30], [3, 15], [4, 5]] as const));
  const chosen = new Set<Product>();
  while (chosen.size < lineCount) chosen.add(random.pick(products));
  return [...chosen].map((product) => {
    const options = product.options.map((option) => {
      const choice = random.pick(option.choices);
      return { name: option.name, value: choice.text, type: 'CHOICE' as const, modifier: toCents(choice.priceModifier) };
    });
    return {
      product,
      quantity: random.weighted([[1, 65], [2, 20], [3, 10], [5, 5]] as const),
      options: options.map(({ name, value, type }) => ({ name, value, type })),
      unitPrice: toCents(product.price) + options.reduce((acc, o) => acc + o.modifier, 0),
    };
  });
}

function promotionsFor(settings: StoreSettings, subtotalCents: number, customerGroupId: number): Promotion[] {
  const promotions: Promotion[] = [];
  const { volumeDiscount: volume, membershipDiscount: membership } = settings;
  if (subtotalCents >= toCents(volume.threshold)) {
    promotions.push({
      percent: volume.percent,
      info: { value: volume.percent, type: 'PERCENT', base: 'ON_TOTAL', orderTotal: volume.threshold, description: `${volume.percent}% off orders over ${volume.threshold}` },
    });
  }
  if (customerGroupId !== 0 && customerGroupId === membership.customerGroupId) {
    promotions.push({
      percent: membership.percent,
      info: { value: membership.percent, type: 'PERCENT', base: 'ON_MEMBERSHIP', membershipId: customerGroupId, description: `${membership.percent}% member discount` },
    });
  }
  return promotions;
}

/** Order-level promotion totals by kind: Σ of each equals `discount`. */
function promotionFields(promotions: readonly Promotion[], priced: PricedOrder) {
  const byBase = (base: Promotion['info']['base']) =>
    fromCents(promotions.reduce((acc, p, i) => acc + (p.info.base === base ? priced.promotionTotals[i] : 0), 0));
  return {
    volumeDiscount: byBase('ON_TOTAL'),
    membershipBasedDiscount: byBase('ON_MEMBERSHIP'),
    totalAndMembershipBasedDiscount: byBase('ON_TOTAL_AND_MEMBERSHIP'),
  };
}

function orderItem(
  internalId: number,
  index: number,
  line: CartLine,
  priced: PricedOrder,
  promotions: readonly Promotion[],
  pricesIncludeTax: boolean,
): OrderItem {
  const pricedLine = priced.lines[index];
  const taxes = pricedLine.taxes.map((t) => ({
    name: t.name,
    value: t.rate,
    total: fromCents(t.onDiscountedSubtotal + t.onShipping),
    taxOnDiscountedSubtotal: fromCents(t.onDiscountedSubtotal),
    taxOnShipping: fromCents(t.onShipping),
    includeInPrice: pricesIncludeTax,
  }));
  const item: OrderItem = {
    id: internalId * 100 + index + 1,
    productId: line.product.id,
    categoryId: line.product.defaultCategoryId,
    sku: line.product.sku,
    name: line.product.name,
    price: fromCents(line.unitPrice),
    productPrice: line.product.price,
    priceWithoutTax: fromCents(pricedLine.priceWithoutTax),
    quantity: line.quantity,
    tax: fromCents(pricedLine.taxes.reduce((acc, t) => acc + t.onDiscountedSubtotal + t.onShipping, 0)),
    taxes,
    shipping: fromCents(pricedLine.shippingShare),
    couponAmount: fromCents(pricedLine.couponAmount),
    couponApplied: pricedLine.couponAmount > 0,
    discounts: promotions
      .map((p, i) => ({ discountInfo: p.info, total: fromCents(pricedLine.promotionAmounts[i]) }))
      .filter((d) => d.total > 0),
    imageUrl: line.product.imageUrl,
    digital: !line.product.isShippingRequired,
    isShippingRequired: line.product.isShippingRequired,
    weight: line.product.weight,
  };
  if (line.options.length > 0) item.selectedOptions = line.options;
  return item;
}

// ---------------------------------------------------------------------------------------------------------------
// Coupons on orders

/** Whether a coupon can be used at a moment, by a buyer, on a cart of this subtotal (cents). */
function couponUsable(coupon: DiscountCoupon, at: number, customer: Customer | undefined, subtotalCents: number): boolean {
  if (coupon.discountType !== 'ABS' && coupon.discountType !== 'PERCENT') return false; // shipping coupons: not modelled
  if (coupon.status !== 'ACTIVE') return false;
  if (coupon.launchDate && (parseEcwidDate(coupon.launchDate) ?? 0) > at) return false;
  if (coupon.expirationDate && (parseEcwidDate(coupon.expirationDate) ?? Infinity) < at) return false;
  if (coupon.usesLimit === 'SINGLE' && coupon.orderCount > 0) return false;
  if (coupon.totalLimit !== undefined && subtotalCents < toCents(coupon.totalLimit)) return false;
  const previousOrders = customer?.stats.numberOfOrders ?? 0;
  if (coupon.applicationLimit === 'NEW_CUSTOMER_ONLY' && previousOrders > 0) return false;
  if (coupon.applicationLimit === 'REPEAT_CUSTOMER_ONLY' && previousOrders === 0) return false;
  return true;
}

/** An empty or absent catalogLimit means the whole catalog. */
export function couponCovers(coupon: DiscountCoupon, product: Product): boolean {
  const limit = coupon.catalogLimit;
  if (!limit || (limit.products.length === 0 && limit.categories.length === 0)) return true;
  return limit.products.includes(product.id) || product.categoryIds.some((id) => limit.categories.includes(id));
}

function pickCoupon(random: Random, draft: OrderDraft, cart: readonly CartLine[], subtotal: number): DiscountCoupon | undefined {
  const usable = draft.coupons.filter(
    (c) => couponUsable(c, draft.createTimestamp, draft.customer, subtotal) && cart.some((line) => couponCovers(c, line.product)),
  );
  return usable.length > 0 ? random.pick(usable) : undefined;
}

function orderCoupon(coupon: DiscountCoupon): Order['discountCoupon'] {
  const { id, name, code, discountType, status, discount, launchDate, usesLimit, applicationLimit, creationDate, orderCount, catalogLimit } = coupon;
  return {
    id, name, code, discountType, status, discount, usesLimit, applicationLimit, creationDate,
    orderCount: orderCount + 1,
    ...(launchDate ? { launchDate } : {}),
    ...(catalogLimit ? { catalogLimit } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shipping and people

function pickShippingMethod(random: Random, settings: StoreSettings) {
  const pickup = settings.shippingMethods.filter((m) => m.isPickup);
  const delivery = settings.shippingMethods.filter((m) => !m.isPickup);
  if (pickup.length > 0 && random.chance(0.1)) return random.pick(pickup);
  // The first delivery method is the everyday one; the others (express…) are rarer.
  return random.chance(0.75) || delivery.length === 1 ? delivery[0] : random.pick(delivery.slice(1));
}

function billingFor(random: Random, customer: Customer | undefined): Person {
  if (customer?.billingPerson) return { ...customer.billingPerson };
  if (customer) {
    const [firstName = customer.name, ...rest] = customer.name.split(' ');
    return randomPerson(random, { firstName, lastName: rest.join(' '), name: customer.name });
  }
  return randomPerson(random);
}

function shippingFor(random: Random, billing: Person | undefined): Person {
  return billing && random.chance(0.8) ? { ...billing } : randomPerson(random);
}

/** Guests mostly leave an e-mail; point-of-sale and phone orders sometimes have `""`. */
function guestEmail(random: Random, billing: Person | undefined, guestNumber: number): string {
  if (random.chance(0.04)) return '';
  const named = billing?.firstName && billing.lastName ? { firstName: billing.firstName, lastName: billing.lastName, name: billing.name ?? '' } : randomName(random);
  return emailFor(named, guestNumber, 'example.net');
}

// ---------------------------------------------------------------------------------------------------------------
// Status changes

export interface OrderChange {
  paymentStatus?: PaymentStatus;
  fulfillmentStatus?: FulfillmentStatus;
  trackingNumber?: string;
  refund?: { amount: number; reason: string };
}

/** Applies a status change made at `atSeconds` and stamps `updateDate`/`updateTimestamp`. */
export function applyOrderChange(order: Order, change: OrderChange, atSeconds: number): void {
  if (change.paymentStatus) order.paymentStatus = change.paymentStatus;
  if (change.fulfillmentStatus) order.fulfillmentStatus = change.fulfillmentStatus;
  if (change.trackingNumber) order.trackingNumber = change.trackingNumber;
  if (change.refund) {
    order.refunds.push({ date: formatEcwidDate(atSeconds), source: 'CP', reason: change.refund.reason, amount: change.refund.amount });
    order.refundedAmount = fromCents(toCents(order.refundedAmount) + toCents(change.refund.amount));
  }
  order.updateTimestamp = atSeconds;
  order.updateDate = formatEcwidDate(atSeconds);
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
export function planLifecycle(random: Random, order: Order, settings: StoreSettings): PlannedChange[] {
  const start = order.createTimestamp;
  const offline = settings.paymentMethods.find((m) => m.name === order.paymentMethod)?.offline ?? false;
  const outcome = random.weighted([
    ['abandoned', 4], ['cancelled', 5], ['unpaid', 2], ['refunded', 3], ['partiallyRefunded', 1], ['paid', 85],
  ] as const);

  if (outcome === 'abandoned') return [{ at: start, change: { paymentStatus: 'INCOMPLETE' } }];
  if (outcome === 'cancelled') {
    return [{ at: start + random.int(2 * DAY, 7 * DAY), change: { paymentStatus: 'CANCELLED', fulfillmentStatus: 'WILL_NOT_DELIVER' } }];
  }
  if (outcome === 'unpaid') return [];

  const paidAt = start + (offline ? random.int(HOUR, 3 * DAY) : random.int(5, 2 * MINUTE));
  const plan: PlannedChange[] = [{ at: paidAt, change: { paymentStatus: 'PAID' } }, ...fulfillmentPlan(random, order, paidAt)];
  const lastAt = plan[plan.length - 1].at;
  if (outcome === 'refunded') {
    plan.push({ at: lastAt + random.int(DAY, 10 * DAY), change: { paymentStatus: 'REFUNDED', fulfillmentStatus: 'RETURNED', refund: { amount: order.total, reason: 'Returned by customer' } } });
  } else if (outcome === 'partiallyRefunded') {
    const amount = fromCents(Math.round(toCents(order.total) * 0.3));
    plan.push({ at: lastAt + random.int(DAY, 10 * DAY), change: { paymentStatus: 'PARTIALLY_REFUNDED', refund: { amount, reason: 'Damaged item' } } });
  }
  return plan;
}

function fulfillmentPlan(random: Random, order: Order, paidAt: number): PlannedChange[] {
  if (!order.shippingOption) return [{ at: paidAt + MINUTE, change: { fulfillmentStatus: 'DELIVERED' } }]; // digital goods
  const processing = paidAt + random.int(HOUR, DAY);
  if (order.shippingOption.isPickup) {
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
    { at: shipped, change: { fulfillmentStatus: 'SHIPPED', trackingNumber: `1Z${random.int(100000, 999999)}${random.int(1000000, 9999999)}` } },
  ];
  if (random.chance(0.9)) plan.push({ at: shipped + random.int(DAY, 5 * DAY), change: { fulfillmentStatus: 'DELIVERED' } });
  return plan;
}
