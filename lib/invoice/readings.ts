/**
 * Where Ecwid's fields are ambiguous, every reading is built and the one whose lines add up to Ecwid's total is
 * taken, the documented reading first: does `discount` include the coupon, is `customDiscount[]` inside `discount`,
 * is a shipping coupon shown as `discountedShippingRate`, is shipping net in a tax-inclusive store, are surcharges
 * net or gross.
 */
import { customDiscountAmount, type OrderFacts } from './order-facts.js';

export interface Reading {
  /** `discount` includes `couponDiscount` (one Ecwid description says so; every example says not). */
  couponInDiscount: boolean;
  /** `customDiscount[]` is on top of `discount` rather than inside it. */
  customOutsideDiscount: boolean;
  /** A shipping coupon shows as `discountedShippingRate` below `shippingRate`: a separate discount line. */
  shippingDiscountLine: boolean;
  /** A tax-inclusive store charged shipping and handling net, with their tax added. */
  netShippingInGrossStore: boolean;
  /** Surcharge totals are net, their tax added on top. */
  netSurcharges: boolean;
}

const READING_FLAGS = [
  'couponInDiscount',
  'customOutsideDiscount',
  'shippingDiscountLine',
  'netShippingInGrossStore',
  'netSurcharges',
] as const satisfies ReadonlyArray<keyof Reading>;

/** Which flags can change anything for this order: the others stay at the documented reading (false). */
function relevantFlags(facts: OrderFacts): Array<keyof Reading> {
  const { money, order } = facts;
  const relevant: Record<keyof Reading, boolean> = {
    couponInDiscount: money.units(order.couponDiscount) !== 0 && order.discount !== undefined,
    customOutsideDiscount: (order.customDiscount ?? []).some((d) => customDiscountAmount(money, d) !== 0),
    shippingDiscountLine:
      facts.discountedShippingRate !== undefined && facts.discountedShippingRate < facts.shippingRate,
    netShippingInGrossStore: facts.inclusive && facts.shippingTaxes.length > 0,
    netSurcharges: facts.surcharges.some((s) => s.taxes.length > 0),
  };
  return READING_FLAGS.filter((flag) => relevant[flag]);
}

/** The reading with the given flags set, the others false (none: the documented reading). */
export const readingWith = (flags: ReadonlyArray<keyof Reading>): Reading => {
  const reading: Reading = {
    couponInDiscount: false,
    customOutsideDiscount: false,
    shippingDiscountLine: false,
    netShippingInGrossStore: false,
    netSurcharges: false,
  };
  for (const flag of flags) reading[flag] = true;
  return reading;
};

/**
 * Every combination of the relevant flags, the documented reading first. Lazy: almost every order adds up under
 * the documented reading, and then the others are never worked out.
 */
export function* readings(facts: OrderFacts): Generator<Reading> {
  yield readingWith([]);
  const flags = relevantFlags(facts);
  for (let mask = 1; mask < 2 ** flags.length; mask++)
    yield readingWith(flags.filter((_, bit) => (mask & (1 << bit)) !== 0));
}
