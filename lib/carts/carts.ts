import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { flatPerson } from '../output/people.js';
import { nowUnix } from '../ecwid/dates.js';
import { SAMPLE_CURRENCY } from '../invoice/fields.js';
import { lineItemOutputFields, toLineItem, type LineItem } from '../orders/line-items.js';
import { TOTALS_OUTPUT_FIELDS } from '../orders/output.js';
import { idOrNull, isoDateOf, numberOf as num, outputField as field, textOf as str } from '../output/values.js';
import { pollModeOf, pollRecords } from '../polling/poll.js';
import { type WindowSpec } from '../polling/window-reader.js';
import { ECWID_SAMPLE_ORDER } from '../orders/sample-ecwid-order.js';
import type { EcwidOrderItem, EcwidPerson } from '../ecwid/types.js';
import { optionalNumber } from '../inputs/validate.js';

/**
 * "New Abandoned Cart": Ecwid's abandoned carts (`GET /carts`, "Search abandoned carts", scope read_orders) — the
 * checkouts a shopper started and left, listed in Ecwid admin → My Sales → Abandoned Carts.
 *
 * - Carts are read by update time, newest first, through the same window reader as orders (Ecwid documents no row
 *   order for /carts either). A cart fires once (Zapier dedupes on its `cartId`) and only once it has been left
 *   untouched for the merchant's wait time, so a shopper still at the checkout is not treated as gone.
 * - Carts the merchant deleted in Ecwid admin (`hidden`) and carts already turned into an order
 *   (`recoveredOrderId`) never fire: there is nobody left to win back.
 * - Ecwid's cart carries no recovery link; the shopper's email, items and totals are what a recovery Zap uses.
 */

export interface EcwidCart {
  cartId: string;
  email?: string;
  hidden?: boolean;
  createDate?: string;
  updateDate?: string;
  createTimestamp?: number;
  updateTimestamp?: number;
  customerId?: number;
  total?: number;
  subtotal?: number;
  tax?: number;
  couponDiscount?: number;
  discount?: number;
  discountCoupon?: { code?: string; name?: string };
  paymentMethod?: string;
  shippingOption?: { shippingMethodName?: string; shippingRate?: number };
  recoveredOrderId?: number | string;
  recoveredPublicUid?: string;
  items?: EcwidOrderItem[];
  billingPerson?: EcwidPerson;
  shippingPerson?: EcwidPerson;
  [key: string]: unknown;
}

/** Default wait before a cart counts as abandoned, in minutes. */
export const DEFAULT_WAIT_MINUTES = 60;
/** The wait must stay well inside the poll's 3-day window, or a cart could age out of it before it fires. */
export const MAX_WAIT_MINUTES = 24 * 60;

/** What the dedupe-seeding poll reads: ids, times and what `keep` looks at. */
const CART_DEDUPE_FIELDS =
  'total,count,offset,limit,items(cartId,createTimestamp,updateTimestamp,hidden,recoveredOrderId,recoveredPublicUid)';

const cartTime = (cart: EcwidCart): number => Number(cart.updateTimestamp ?? cart.createTimestamp);

export const CART_WINDOW: WindowSpec<EcwidCart> = {
  path: '/carts',
  // Ecwid lists carts the merchant deleted unless told not to (showHidden defaults to true).
  params: { showHidden: false },
  from: 'updatedFrom',
  to: 'updatedTo',
  timeOf: cartTime,
  idOf: (cart) => String(cart.cartId),
};

export const isRecovered = (cart: EcwidCart): boolean =>
  Boolean(cart.recoveredOrderId) || Boolean(cart.recoveredPublicUid);

/** The merchant's wait, in minutes; an input error names the field. */
export const waitMinutesOf = (z: ZObject, inputData: Record<string, unknown>): number =>
  optionalNumber(z, inputData.waitMinutes, 'Wait Before Triggering (Minutes)', { min: 0, max: MAX_WAIT_MINUTES }) ??
  DEFAULT_WAIT_MINUTES;

// A type, not an interface: Zapier wants samples assignable to Record<string, unknown>.
export type CartOutput = {
  id: string;
  cartId: string;
  email: string;
  customerId: number | null;
  customerName: string;
  firstName: string;
  lastName: string;
  phone: string;
  countryCode: string;
  createDate: string;
  updateDate: string;
  subtotal: number;
  couponDiscount: number;
  discount: number;
  tax: number;
  total: number;
  currency: string;
  couponCode: string;
  paymentMethod: string;
  shippingMethod: string;
  itemCount: number;
  lineItems: LineItem[];
};

/**
 * A cart as the trigger returns it: every key on every cart (empty rather than missing), dates ISO-8601, money in
 * the store's `currency` (carts do not carry one).
 */
export const toCartOutput = (cart: EcwidCart, currency = ''): CartOutput => {
  const billing = flatPerson(cart.billingPerson);
  const shipping = flatPerson(cart.shippingPerson);
  // The shopper is read from billing first, then shipping (Ecwid may leave either out).
  const shopper = billing.name || billing.phone ? billing : shipping;
  const items = cart.items ?? [];
  return {
    id: String(cart.cartId),
    cartId: String(cart.cartId),
    email: str(cart.email),
    customerId: idOrNull(cart.customerId),
    customerName: shopper.name,
    firstName: shopper.firstName,
    lastName: shopper.lastName,
    phone: shopper.phone,
    countryCode: shopper.countryCode || shipping.countryCode,
    createDate: isoDateOf(cart.createDate, cart.createTimestamp),
    updateDate: isoDateOf(cart.updateDate, cart.updateTimestamp),
    subtotal: num(cart.subtotal),
    couponDiscount: num(cart.couponDiscount),
    discount: num(cart.discount),
    tax: num(cart.tax),
    total: num(cart.total),
    currency,
    couponCode: str(cart.discountCoupon?.code),
    paymentMethod: str(cart.paymentMethod),
    shippingMethod: str(cart.shippingOption?.shippingMethodName),
    itemCount: items.reduce((sum, item) => sum + num(item.quantity), 0),
    lineItems: items.map(toLineItem),
  };
};

/** A cart as Ecwid returns it, holding the items of the order sample: the static sample has the live shape. */
export const ECWID_SAMPLE_CART: EcwidCart = {
  cartId: '0B299518-FB54-491A-A6E0-5B6BA6E20868',
  email: ECWID_SAMPLE_ORDER.email,
  hidden: false,
  customerId: ECWID_SAMPLE_ORDER.customerId,
  createDate: '2026-11-02 13:41:07 +0000',
  updateDate: '2026-11-02 13:52:30 +0000',
  createTimestamp: 1793626867,
  updateTimestamp: 1793627550,
  subtotal: ECWID_SAMPLE_ORDER.subtotal,
  couponDiscount: ECWID_SAMPLE_ORDER.couponDiscount,
  discount: ECWID_SAMPLE_ORDER.discount,
  tax: ECWID_SAMPLE_ORDER.tax,
  total: ECWID_SAMPLE_ORDER.total,
  discountCoupon: ECWID_SAMPLE_ORDER.discountCoupon,
  paymentMethod: ECWID_SAMPLE_ORDER.paymentMethod,
  shippingOption: ECWID_SAMPLE_ORDER.shippingOption,
  billingPerson: ECWID_SAMPLE_ORDER.billingPerson,
  shippingPerson: ECWID_SAMPLE_ORDER.shippingPerson,
  items: ECWID_SAMPLE_ORDER.items,
};

export const CART_OUTPUT_SAMPLE: CartOutput = toCartOutput(ECWID_SAMPLE_CART, SAMPLE_CURRENCY);

export const CART_OUTPUT_FIELDS: PlainOutputField[] = [
  field('id', 'Cart ID'),
  field('email', 'Shopper Email'),
  field('customerId', 'Customer ID', 'integer'),
  field('customerName', 'Shopper Name'),
  field('firstName', 'Shopper First Name'),
  field('lastName', 'Shopper Last Name'),
  field('phone', 'Shopper Phone'),
  field('countryCode', 'Shopper Country Code'),
  field('createDate', 'Started At', 'datetime'),
  field('updateDate', 'Last Activity At', 'datetime'),
  ...TOTALS_OUTPUT_FIELDS,
  field('currency', 'Currency'),
  field('couponCode', 'Coupon Code'),
  field('paymentMethod', 'Payment Method'),
  field('shippingMethod', 'Shipping Method'),
  field('itemCount', 'Number of Units', 'number'),
  ...lineItemOutputFields({
    listKey: 'lineItems',
    only: ['productId', 'sku', 'name', 'options', 'quantity', 'price', 'lineTotal', 'imageUrl'],
  }),
];

/** The output fields and static sample of New Abandoned Cart: they travel together into `operation`. */
export const CART_OUTPUT = { sample: CART_OUTPUT_SAMPLE, outputFields: CART_OUTPUT_FIELDS };

/**
 * One poll: carts left untouched for `waitMinutes`, newest activity first. "Test trigger" shows the newest carts
 * whatever their age (it only needs fields to map).
 */
export const pollCarts = async (z: ZObject, bundle: Bundle, waitMinutes: number): Promise<Array<{ id: string }>> => {
  const idleSince = nowUnix() - Math.round(waitMinutes * 60);
  const mode = pollModeOf(bundle);
  return pollRecords(z, bundle, CART_WINDOW, {
    dedupeFields: CART_DEDUPE_FIELDS,
    keep: (cart) => cart.hidden !== true && !isRecovered(cart) && (mode === 'sample' || !(cartTime(cart) > idleSince)),
    toOutput: toCartOutput,
    withCurrency: true,
  });
};
