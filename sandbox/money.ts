/**
 * Order money, computed in integer cents so that every sum the ecwid-api.md rules state holds exactly:
 *   taxOnDiscountedSubtotal = discounted line × rate            (net prices)
 *                           = discounted line × rate / (1 + Σ rates of the line)   (gross prices)
 *   tax = Σ line taxes on discounted lines + Σ taxes on (shipping + handling)
 *   totalBeforeGiftCardRedemption = subtotal − couponDiscount − discount + shippingRate + handling
 *                                   + Σ surcharges + (pricesIncludeTax ? 0 : tax)
 *   total = totalBeforeGiftCardRedemption − giftCardRedemption;  totalWithoutTax = total − tax
 * With several taxes on one gross-priced line each tax takes rate / (1 + Σ rates) of it (the doc gives the one-tax
 * form). Surcharges are untaxed here (the doc found no example that reconciles taxed ones).
 */
import type { DiscountInfo, TaxRate } from './types.js';

export const toCents = (amount: number): number => Math.round(amount * 100);
export const fromCents = (cents: number): number => cents / 100;

/**
 * Splits `total` cents over `weights` in proportion, largest remainders first, so the parts always add up to
 * `total` exactly. All-zero weights split evenly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const effectiveSum = sum > 0 ? sum : weights.length;
  const exact = effective.map((w) => (total * w) / effectiveSum);
  const parts = exact.map(Math.floor);
  let remainder = total - parts.reduce((a, b) => a + b, 0);
  const byFraction = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byFraction) {
    if (remainder <= 0) break;
    parts[i] += 1;
    remainder -= 1;
  }
  return parts;
}

const sumRates = (taxes: readonly TaxRate[]): number => taxes.reduce((acc, t) => acc + t.rate, 0);

/** The tax contained in (gross) or added to (net) an amount, for one rate among `allRates` on that amount. */
function taxOn(amountCents: number, rate: number, allRates: number, pricesIncludeTax: boolean): number {
  return Math.round(pricesIncludeTax ? (amountCents * rate) / (100 + allRates) : (amountCents * rate) / 100);
}

function withoutTax(amountCents: number, allRates: number, pricesIncludeTax: boolean): number {
  return pricesIncludeTax ? Math.round((amountCents * 100) / (100 + allRates)) : amountCents;
}

export interface PricingLine {
  /** Unit price in cents, options included. */
  unitPrice: number;
  quantity: number;
  taxes: readonly TaxRate[];
  shippable: boolean;
  couponEligible: boolean;
}

export interface Promotion {
  info: DiscountInfo;
  percent: number;
}

export interface PricingInput {
  pricesIncludeTax: boolean;
  lines: readonly PricingLine[];
  promotions: readonly Promotion[];
  coupon?: { type: 'ABS' | 'PERCENT'; discount: number };
  shipping?: { rate: number; handling: number; taxes: readonly TaxRate[] };
  surcharges: readonly number[];
  giftCardBalance?: number;
  /** Ecwid shows shipping tax in `taxesOnShipping[]` and, on some orders, also spread over the items' `taxOnShipping`. */
  shippingTaxOnItems: boolean;
}

export interface PricedLineTax {
  name: string;
  rate: number;
  onDiscountedSubtotal: number;
  onShipping: number;
}

export interface PricedLine {
  lineTotal: number;
  priceWithoutTax: number;
  /** One amount per input promotion, same order. */
  promotionAmounts: number[];
  couponAmount: number;
  taxes: PricedLineTax[];
  shippingShare: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  subtotal: number;
  subtotalWithoutTax: number;
  /** Σ per promotion over all lines, same order as the input promotions. */
  promotionTotals: number[];
  discount: number;
  couponDiscount: number;
  shippingRate: number;
  shippingRateWithoutTax: number;
  handling: number;
  shippingTaxes: { name: string; rate: number; total: number }[];
  surcharges: number;
  tax: number;
  totalBeforeGiftCardRedemption: number;
  giftCardRedemption: number;
  total: number;
  totalWithoutTax: number;
}

/** All amounts in the input and output are cents. */
export function priceOrder(input: PricingInput): PricedOrder {
  const { pricesIncludeTax } = input;
  const lineTotals = input.lines.map((l) => l.unitPrice * l.quantity);

  // Promotions first, on the full line; then the coupon on what the promotions left.
  const promotionAmounts = input.lines.map((_, i) =>
    input.promotions.map((p) => Math.round((lineTotals[i] * p.percent) / 100)),
  );
  const afterPromotions = lineTotals.map((total, i) => total - promotionAmounts[i].reduce((a, b) => a + b, 0));
  const couponAmounts = couponPerLine(input, afterPromotions);
  const discounted = afterPromotions.map((amount, i) => amount - couponAmounts[i]);

  const shipping = input.shipping ?? { rate: 0, handling: 0, taxes: [] };
  const shippingBase = shipping.rate + shipping.handling;
  const shippingRates = sumRates(shipping.taxes);
  const shippingTaxes = shipping.taxes.map((t) => ({
    name: t.name,
    rate: t.rate,
    total: taxOn(shippingBase, t.rate, shippingRates, pricesIncludeTax),
  }));

  const lines: PricedLine[] = input.lines.map((line, i) => {
    const allRates = sumRates(line.taxes);
    return {
      lineTotal: lineTotals[i],
      priceWithoutTax: withoutTax(line.unitPrice, allRates, pricesIncludeTax),
      promotionAmounts: promotionAmounts[i],
      couponAmount: couponAmounts[i],
      taxes: line.taxes.map((t) => ({
        name: t.name,
        rate: t.rate,
        onDiscountedSubtotal: taxOn(discounted[i], t.rate, allRates, pricesIncludeTax),
        onShipping: 0,
      })),
      shippingShare: 0,
    };
  });

  const shippableWeights = input.lines.map((l, i) => (l.shippable ? lineTotals[i] : 0));
  allocate(shipping.rate, shippableWeights).forEach((share, i) => (lines[i].shippingShare = share));
  if (input.shippingTaxOnItems) spreadShippingTax(lines, shippingTaxes, shippableWeights);

  const subtotal = sum(lineTotals);
  const promotionTotals = input.promotions.map((_, p) => sum(promotionAmounts.map((amounts) => amounts[p])));
  const discount = sum(promotionTotals);
  const couponDiscount = sum(couponAmounts);
  const lineTax = sum(lines.flatMap((l) => l.taxes.map((t) => t.onDiscountedSubtotal)));
  const tax = lineTax + sum(shippingTaxes.map((t) => t.total));
  const surcharges = sum(input.surcharges);
  const totalBeforeGiftCardRedemption =
    subtotal - couponDiscount - discount + shipping.rate + shipping.handling + surcharges + (pricesIncludeTax ? 0 : tax);
  const giftCardRedemption = Math.min(input.giftCardBalance ?? 0, totalBeforeGiftCardRedemption);
  const total = totalBeforeGiftCardRedemption - giftCardRedemption;

  return {
    lines,
    subtotal,
    subtotalWithoutTax: sum(input.lines.map((l, i) => withoutTax(lineTotals[i], sumRates(l.taxes), pricesIncludeTax))),
    promotionTotals,
    discount,
    couponDiscount,
    shippingRate: shipping.rate,
    shippingRateWithoutTax: withoutTax(shipping.rate, shippingRates, pricesIncludeTax),
    handling: shipping.handling,
    shippingTaxes,
    surcharges,
    tax,
    totalBeforeGiftCardRedemption,
    giftCardRedemption,
    total,
    totalWithoutTax: total - tax,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** ABS coupons spread their amount over eligible lines; PERCENT coupons take the percent of each eligible line. */
function couponPerLine(input: PricingInput, afterPromotions: readonly number[]): number[] {
  const { coupon } = input;
  const eligible = afterPromotions.map((amount, i) => (input.lines[i].couponEligible ? amount : 0));
  if (!coupon) return eligible.map(() => 0);
  if (coupon.type === 'PERCENT') return eligible.map((amount) => Math.round((amount * coupon.discount) / 100));
  return allocate(Math.min(coupon.discount, sum(eligible)), eligible);
}

/** Copies each shipping tax onto the items that carry a tax of the same name (same money, shown twice). */
function spreadShippingTax(
  lines: PricedLine[],
  shippingTaxes: readonly { name: string; total: number }[],
  shippableWeights: readonly number[],
): void {
  for (const shippingTax of shippingTaxes) {
    const weights = lines.map((l, i) => (l.taxes.some((t) => t.name === shippingTax.name) ? shippableWeights[i] : 0));
    if (sum(weights) === 0) continue; // no item carries this tax: it stays in taxesOnShipping[] only
    allocate(shippingTax.total, weights).forEach((share, i) => {
      const tax = lines[i].taxes.find((t) => t.name === shippingTax.name);
      if (tax) tax.onShipping = share;
    });
  }
}
