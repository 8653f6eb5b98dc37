import { defineInputFields, defineSearch, type SearchOrCreate, type SearchPerform } from 'zapier-platform-core';
import { COUPON_LABELS, COUPON_OUTPUT, findCouponByCode, toCouponOutput } from '../lib/coupons/coupons.js';
import { requiredText } from '../lib/inputs/validate.js';

const inputFields = defineInputFields([
  {
    key: 'code',
    label: COUPON_LABELS.code,
    required: true,
    helpText: 'The code the shopper types at checkout. Ecwid ignores case.',
  },
]);

const perform = (async (z, bundle) => {
  const coupon = await findCouponByCode(z, bundle, requiredText(z, bundle.inputData.code, COUPON_LABELS.code));
  return coupon ? [toCouponOutput(coupon)] : [];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_discount_coupon',
  noun: 'Discount Coupon',
  display: {
    label: 'Find Discount Coupon',
    description: 'Finds a discount coupon in your Ecwid store by its code.',
  },
  operation: { inputFields, perform, ...COUPON_OUTPUT },
});

/** "Find or Create Discount Coupon": register under `searchOrCreates` in index.ts. */
export const findOrCreateDiscountCoupon: SearchOrCreate = {
  key: 'find_discount_coupon',
  display: {
    label: 'Find or Create Discount Coupon',
    description: 'Finds a discount coupon by its code, or creates it when there is none.',
  },
  search: 'find_discount_coupon',
  create: 'create_discount_coupon',
};
