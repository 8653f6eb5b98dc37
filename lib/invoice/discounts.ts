/** The order's discounts (coupon, promotions, custom, the unexplained rest) and how each spreads over the items. */
import { sum } from './money.js';
import { customDiscountAmount, text, type OrderFacts, type ParsedItem } from './order-facts.js';
import type { Reading } from './readings.js';
import type { EcwidOrder } from '../ecwid/types.js';

export interface Discount {
  description: string;
  amount: number;
  /** How the amount spreads over the items (their share decides each tax-rate split). */
  weights: number[];
}

/** Ecwid's promotion bases, each with the order field that totals it. */
const PROMOTIONS = [
  { base: 'ON_TOTAL', field: 'volumeDiscount', label: 'Volume discount' },
  { base: 'ON_MEMBERSHIP', field: 'membershipBasedDiscount', label: 'Membership discount' },
  {
    base: 'ON_TOTAL_AND_MEMBERSHIP',
    field: 'totalAndMembershipBasedDiscount',
    label: 'Volume and membership discount',
  },
] as const;

/** The promotion bases an order names a field for, and the custom discount: the rest is "Discount". */
const KNOWN_BASES = new Set<string>([...PROMOTIONS.map((p) => p.base), 'CUSTOM']);

/** The merchant's name for a promotion ("Autumn sale"), when the order names exactly one for that base. */
function promotionName(order: EcwidOrder, base: string): string {
  const infos = [
    ...(order.discountInfo ?? []),
    ...(order.items ?? []).flatMap((i) => (i.discounts ?? []).map((d) => d.discountInfo ?? {})),
  ];
  const names = new Set(
    infos
      .filter((info) => info.base === base)
      .map((info) => text(info.description))
      .filter(Boolean),
  );
  return names.size === 1 ? [...names][0] : '';
}

/** Weights that spread a discount, or the line amounts when the items give none. */
const weightsOr =
  (items: readonly ParsedItem[]) =>
  (weights: number[]): number[] =>
    sum(weights) > 0 ? weights : items.map((i) => i.amount);

function couponDiscount(facts: OrderFacts): Discount[] {
  const { money, order, items } = facts;
  const coupon = money.units(order.couponDiscount);
  if (coupon === 0) return [];
  const flagged = items.map((i) => (i.couponApplied === true ? i.amount : 0));
  const c = order.discountCoupon;
  const label = [text(c?.name), text(c?.code) && `(${text(c?.code)})`].filter(Boolean).join(' ');
  const perItem = items.map((i) => i.couponAmount);
  return [
    {
      description: label ? `Discount coupon: ${label}` : 'Discount coupon',
      amount: coupon,
      weights: weightsOr(items)(perItem.some((a) => a > 0) ? perItem : flagged),
    },
  ];
}

function promotionDiscounts(facts: OrderFacts): Discount[] {
  const { money, order, items } = facts;
  return PROMOTIONS.flatMap((promotion) => {
    const amount = money.units(order[promotion.field]);
    if (amount === 0) return [];
    const membership =
      promotion.base === 'ON_MEMBERSHIP' && text(order.customerGroup) ? ` (${text(order.customerGroup)})` : '';
    const name = promotionName(order, promotion.base);
    return [
      {
        description: `${promotion.label}${membership}${name ? `: ${name}` : ''}`,
        amount,
        weights: weightsOr(items)(items.map((i) => i.promotionAmounts.get(promotion.base) ?? 0)),
      },
    ];
  });
}

function customDiscounts(facts: OrderFacts): Discount[] {
  const { money, order, items } = facts;
  const weights = weightsOr(items)(items.map((i) => i.promotionAmounts.get('CUSTOM') ?? 0));
  return (order.customDiscount ?? []).flatMap((entry) => {
    const amount = customDiscountAmount(money, entry);
    if (amount === 0) return [];
    const description = typeof entry === 'object' && entry ? text((entry as { description?: string }).description) : '';
    return [{ description: description || 'Custom discount', amount, weights }];
  });
}

/** The discounts of the order under a reading; undefined when the reading leaves a negative promotion total. */
export function discountsOf(facts: OrderFacts, reading: Reading): Discount[] | undefined {
  const { money, order, items } = facts;
  const coupon = couponDiscount(facts);
  const promotions = promotionDiscounts(facts);
  const custom = customDiscounts(facts);
  const discounts = [...coupon, ...promotions, ...custom];

  // `discount` is the promotions' total; what its named parts do not explain still reaches the invoice.
  if (order.discount !== undefined) {
    const couponTotal = sum(coupon.map((d) => d.amount));
    const promotionTotal = money.units(order.discount) - (reading.couponInDiscount ? couponTotal : 0);
    const customTotal = reading.customOutsideDiscount ? 0 : sum(custom.map((d) => d.amount));
    const rest = promotionTotal - sum(promotions.map((d) => d.amount)) - customTotal;
    if (rest < 0) return undefined;
    if (rest > 0) {
      const other = items.map((i) =>
        sum([...i.promotionAmounts].filter(([base]) => !KNOWN_BASES.has(base)).map(([, a]) => a)),
      );
      discounts.push({ description: 'Discount', amount: rest, weights: weightsOr(items)(other) });
    }
  } else if (reading.couponInDiscount || reading.customOutsideDiscount) {
    return undefined;
  }
  return discounts;
}
