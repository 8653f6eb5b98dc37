/**
 * Order money, computed in integer cents so that every sum docs/ecwid-api-notes.md states holds exactly:
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
 * `total` exactly. All-zero weights split evenly. (Plain loops: this runs several times per generated order.)
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const parts = new Array<number>(n);
  const fractions = new Array<number>(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const exact = weightSum > 0 ? (total * weights[i]) / weightSum : total / n;
    parts[i] = Math.floor(exact);
    fractions[i] = exact - parts[i];
    assigned += parts[i];
  }
  // Fewer than n cents are left over: hand them out one by one to the largest fractions (earliest on ties).
  for (let left = total - assigned; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n; i++) if (fractions[i] > fractions[best]) best = i;
    parts[best] += 1;
    fractions[best] = -1;
  }
  return parts;
}

function sumRates(taxes: readonly TaxRate[]): number {
  let total = 0;
  for (const t of taxes) total += t.rate;
  return total;
}

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

const NO_SHIPPING = { rate: 0, handling: 0, taxes: [] as readonly TaxRate[] };

/** All amounts in the input and output are cents. */
export function priceOrder(input: PricingInput): PricedOrder {
  const { pricesIncludeTax, promotions } = input;
  const shipping = input.shipping ?? NO_SHIPPING;
  const shippingRates = sumRates(shipping.taxes);
  const shippingBase = shipping.rate + shipping.handling;
  const shippingTaxes = shipping.taxes.map((t) => ({
    name: t.name,
    rate: t.rate,
    total: taxOn(shippingBase, t.rate, shippingRates, pricesIncludeTax),
  }));

  // Promotions first, on the full line; then the coupon on what the promotions left.
  const promotionTotals = promotions.map(() => 0);
  const afterPromotions: number[] = [];
  const lines: PricedLine[] = input.lines.map((line) => {
    const lineTotal = line.unitPrice * line.quantity;
    const promotionAmounts = promotions.map((p, i) => {
      const amount = Math.round((lineTotal * p.percent) / 100);
      promotionTotals[i] += amount;
      return amount;
    });
    afterPromotions.push(lineTotal - sum(promotionAmounts));
    return {
      lineTotal,
      priceWithoutTax: withoutTax(line.unitPrice, sumRates(line.taxes), pricesIncludeTax),
      promotionAmounts,
      couponAmount: 0,
      taxes: [],
      shippingShare: 0,
    };
  });
  const couponAmounts = couponPerLine(input, afterPromotions);
  const shippableWeights = input.lines.map((l, i) => (l.shippable ? lines[i].lineTotal : 0));
  const shippingShares = allocate(shipping.rate, shippableWeights);

  let subtotal = 0;
  let subtotalWithoutTax = 0;
  let lineTax = 0;
  input.lines.forEach((line, i) => {
    const priced = lines[i];
    const allRates = sumRates(line.taxes);
    const discounted = afterPromotions[i] - couponAmounts[i];
    priced.couponAmount = couponAmounts[i];
    priced.shippingShare = shippingShares[i];
    priced.taxes = line.taxes.map((t) => ({
      name: t.name,
      rate: t.rate,
      onDiscountedSubtotal: taxOn(discounted, t.rate, allRates, pricesIncludeTax),
      onShipping: 0,
    }));
    subtotal += priced.lineTotal;
    subtotalWithoutTax += withoutTax(priced.lineTotal, allRates, pricesIncludeTax);
    for (const t of priced.taxes) lineTax += t.onDiscountedSubtotal;
  });
  if (input.shippingTaxOnItems) spreadShippingTax(lines, shippingTaxes, shippableWeights);

  const discount = sum(promotionTotals);
  const couponDiscount = sum(couponAmounts);
  const tax = lineTax + sum(shippingTaxes.map((t) => t.total));
  const surcharges = sum(input.surcharges);
  const totalBeforeGiftCardRedemption =
    subtotal -
    couponDiscount -
    discount +
    shipping.rate +
    shipping.handling +
    surcharges +
    (pricesIncludeTax ? 0 : tax);
  const giftCardRedemption = Math.min(input.giftCardBalance ?? 0, totalBeforeGiftCardRedemption);
  const total = totalBeforeGiftCardRedemption - giftCardRedemption;

  return {
    lines,
    subtotal,
    subtotalWithoutTax,
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
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** ABS coupons spread their amount over eligible lines; PERCENT coupons take the percent of each eligible line. */
function couponPerLine(input: PricingInput, afterPromotions: readonly number[]): number[] {
  const { coupon } = input;
  if (!coupon) return afterPromotions.map(() => 0);
  const eligible = afterPromotions.map((amount, i) => (input.lines[i].couponEligible ? amount : 0));
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
