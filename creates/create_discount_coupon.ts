import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import {
  APPLICATION_LIMITS,
  COUPON_LABELS as L,
  COUPON_OUTPUT,
  COUPON_STATUSES,
  couponRequestFrom,
  createCoupon,
  DISCOUNT_TYPES,
  toCouponOutput,
  USES_LIMITS,
} from '../lib/coupons/coupons.js';
import { choicesOf } from '../lib/orders/statuses.js';

const inputFields = defineInputFields([
  {
    key: 'name',
    label: L.name,
    required: true,
    helpText:
      'Shown to the shopper at checkout and in Ecwid admin → Marketing → Discount Coupons, e.g. "Welcome: 10% off your first order".',
  },
  {
    key: 'discountType',
    label: L.discountType,
    required: true,
    default: 'PERCENT',
    choices: choicesOf(DISCOUNT_TYPES),
    helpText: 'What the coupon takes off the order.',
  },
  {
    key: 'discount',
    label: L.discount,
    type: 'number',
    required: false,
    helpText:
      'The percentage (0–100) for percentage coupons, or the amount in the store currency for fixed-amount coupons. Leave empty for "Free shipping".',
  },
  {
    key: 'code',
    label: L.code,
    required: false,
    helpText: `What the shopper types at checkout: up to 128 letters, digits, "-" or "_" (Ecwid ignores case). Leave empty to have a unique, hard-to-guess code made, like 7KQ4M9XHTP2C.`,
  },
  {
    key: 'codePrefix',
    label: L.codePrefix,
    required: false,
    helpText: 'When the code is made for you, it starts with this, e.g. WELCOME gives WELCOME7KQ4M9XHTP2C.',
  },
  {
    key: 'uniqueFor',
    label: L.uniqueFor,
    required: false,
    helpText:
      "Map the Xero contact's ID or email here: the same value always gives the same coupon (for the same coupon name and prefix), so a retried step or a re-run never makes a second one. Leave empty to make a new coupon every time.",
  },
  {
    key: 'status',
    label: L.status,
    required: false,
    default: 'ACTIVE',
    choices: choicesOf(COUPON_STATUSES),
    helpText: 'A paused coupon exists but cannot be used at checkout yet.',
  },
  {
    key: 'launchDate',
    label: L.launchDate,
    type: 'datetime',
    required: false,
    helpText: 'The coupon works from this moment. A date without a time means midnight UTC. Leave empty to start now.',
  },
  {
    key: 'expirationDate',
    label: L.expirationDate,
    type: 'datetime',
    required: false,
    helpText:
      'The coupon stops working after this moment; a date without a time means the end of that day (23:59:59 UTC), as in Ecwid admin. Leave empty for no end.',
  },
  {
    key: 'totalLimit',
    label: L.totalLimit,
    type: 'number',
    required: false,
    helpText: 'The coupon applies only to orders whose subtotal reaches this amount, in the store currency.',
  },
  {
    key: 'usesLimit',
    label: L.usesLimit,
    required: false,
    choices: choicesOf(USES_LIMITS),
    helpText: 'How often the coupon can be used. Ecwid allows unlimited use when empty.',
  },
  {
    key: 'applicationLimit',
    label: L.applicationLimit,
    required: false,
    choices: choicesOf(APPLICATION_LIMITS),
    helpText: 'Which shoppers can use it: new customers have no earlier orders. All customers when empty.',
  },
  {
    key: 'productIds',
    label: L.productIds,
    required: false,
    list: true,
    dynamic: 'product_list.id.name',
    helpText: 'Limit the discount to these products. Leave Products and Categories empty for the whole catalog.',
  },
  {
    key: 'categoryIds',
    label: L.categoryIds,
    required: false,
    list: true,
    dynamic: 'category_list.id.name',
    helpText: 'Limit the discount to products in these categories.',
  },
  {
    key: 'shippingMethods',
    label: L.shippingMethods,
    required: false,
    list: true,
    dynamic: 'shipping_method_list.id.name',
    helpText: 'For coupons with free shipping: only these methods become free. Leave empty for every method.',
  },
]);

const perform = (async (z, bundle) => {
  const request = couponRequestFrom(z, bundle, bundle.inputData);
  return toCouponOutput(await createCoupon(z, bundle, request));
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_discount_coupon',
  noun: 'Discount Coupon',
  display: {
    label: 'Create Discount Coupon',
    description:
      'Creates a discount coupon in your Ecwid store, with a unique code made for you if you leave the code empty.',
  },
  operation: { inputFields, perform, ...COUPON_OUTPUT },
});
