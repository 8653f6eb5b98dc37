/**
 * The invoice lines of one reading of the order, in integer minor units:
 *
 * 1. Product lines carry the full line (price × quantity) and its tax; each discount (coupon, volume, membership,
 *    both, custom, unexplained rest) is its own negative line carrying the tax it takes off. A discount that covers
 *    products of different tax rates is split into one line per rate, because a Xero line has one tax rate.
 * 2. Discount lines get rate × amount (per tax group the total is rounded once and shared out, so each line is within
 *    a cent); each product line gets Ecwid's own tax on its discounted line plus a share of what the discount lines
 *    took off, chosen to bring it closest to rate × its full amount. So Σ line taxes is exactly Ecwid's item taxes
 *    and every line stays within about a cent of rate × amount (measured: ≤ 1.12 cents over thousands of orders).
 * 3. Shipping tax is read from `taxesOnShipping[]` when it has entries, else from the items' `taxOnShipping` — the
 *    same money, never both — and split between shipping and handling.
 */
import { allocate, apportion, sum, type Money } from './money.js';
import { text, type OrderFacts, type ParsedItem, type TaxPart, type TaxRateRef } from './order-facts.js';
import { discountsOf, type Discount } from './discounts.js';
import type { Reading } from './readings.js';
import type { InvoiceLineKind } from './types.js';

export interface DraftLine {
  kind: InvoiceLineKind;
  description: string;
  itemCode: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  taxes: TaxPart[];
}

/** Decimals a product's unit price keeps (at least the currency's): Ecwid prices may carry a third. */
const UNIT_PRICE_DECIMALS = 4;
/** Decimals of a rate shown or worked out for display. */
const RATE_DECIMALS = 4;
const DISPLAY_RATE_DECIMALS = 2;

export const ratesOf = (taxes: readonly TaxRateRef[]): number => sum(taxes.map((t) => t.rate));

export const lineTax = (line: DraftLine): number => sum(line.taxes.map((t) => t.amount));

/** Σ lineAmount (+ Σ taxAmount when Exclusive): what Xero will total. */
export const invoiceSum = (lines: readonly DraftLine[], exclusive: boolean): number =>
  sum(lines.map((l) => l.amount + (exclusive ? lineTax(l) : 0)));

const formatRate = (rate: number): string => `${Number(rate.toFixed(RATE_DECIMALS))}%`;

const taxLabel = (taxes: readonly TaxRateRef[]): string =>
  taxes.length === 0 ? 'no tax' : taxes.map((t) => `${t.name} ${formatRate(t.rate)}`).join(' + ');

/** A line of quantity 1 whose unit amount is the whole (signed) amount. */
const singleLine = (money: Money, kind: InvoiceLineKind, description: string, amount: number, taxes: TaxPart[]): DraftLine => ({
  kind,
  description,
  itemCode: '',
  quantity: 1,
  unitAmount: money.amount(amount),
  amount,
  taxes,
});

/** The items grouped by tax rates, each group with its taxes. */
interface TaxGroups {
  groups: string[];
  taxesOf: Map<string, TaxRateRef[]>;
}

const taxGroups = (items: readonly ParsedItem[]): TaxGroups => {
  const groups = [...new Set(items.map((i) => i.group))];
  return { groups, taxesOf: new Map(groups.map((g) => [g, items.find((i) => i.group === g)?.taxes ?? []])) };
};

interface DiscountPiece {
  group: string;
  description: string;
  amount: number;
  taxes: TaxPart[];
}

/** One piece per discount and tax group it touches; `share[k][i]` is the part of discount k on item i. */
function discountPieces(items: readonly ParsedItem[], tax: TaxGroups, discounts: Discount[], share: number[][]): DiscountPiece[] {
  return discounts.flatMap((discount, k) => {
    const spans = items.length === 0 ? [''] : tax.groups.filter((g) => items.some((item, i) => item.group === g && share[k][i] !== 0));
    return spans.map((group) => ({
      group,
      description: spans.length > 1 ? `${discount.description} (${taxLabel(tax.taxesOf.get(group) ?? [])})` : discount.description,
      amount: items.length === 0 ? discount.amount : sum(items.map((item, i) => (item.group === group ? share[k][i] : 0))),
      taxes: [] as TaxPart[],
    }));
  });
}

/**
 * Per group and tax, the tax of all its discount pieces is rounded once, then shared out so that each piece's tax
 * is within a unit of rate × its amount (rounding each piece alone could drift a unit per piece). Returns, per
 * group and tax name, what the discount pieces took off.
 */
function taxDiscountPieces(facts: OrderFacts, pieces: DiscountPiece[], tax: TaxGroups): Map<string, Map<string, number>> {
  const { money, inclusive } = facts;
  const takenOff = new Map<string, Map<string, number>>();
  for (const group of new Set(pieces.map((p) => p.group))) {
    const taxes = tax.taxesOf.get(group) ?? [];
    const ofGroup = pieces.filter((p) => p.group === group);
    const byName = new Map<string, number>();
    for (const t of taxes) {
      const total = money.tax(sum(ofGroup.map((p) => p.amount)), t.rate, ratesOf(taxes), inclusive);
      const parts = apportion(total, ofGroup.map((p) => money.exactTax(p.amount, t.rate, ratesOf(taxes), inclusive)));
      ofGroup.forEach((p, n) => p.taxes.push({ name: t.name, rate: t.rate, amount: parts[n] }));
      byName.set(t.name, total);
    }
    takenOff.set(group, byName);
  }
  return takenOff;
}

/**
 * What each product line gets back of what its group's discount lines took off, per tax name: shares chosen so
 * that each line's tax comes as close as it can to rate × its full amount.
 */
function addBackShares(
  facts: OrderFacts,
  tax: TaxGroups,
  takenOff: Map<string, Map<string, number>>,
  discountOnItem: number[],
): Map<number, Map<string, number>> {
  const { money, items, inclusive } = facts;
  const addBack = new Map<number, Map<string, number>>();
  for (const group of tax.groups) {
    const inGroup = items.map((item, i) => (item.group === group ? i : -1)).filter((i) => i >= 0);
    const discounted = inGroup.filter((i) => discountOnItem[i] !== 0);
    const members = discounted.length > 0 ? discounted : inGroup;
    const taxes = tax.taxesOf.get(group) ?? [];
    for (const [name, total] of takenOff.get(group) ?? []) {
      const rate = taxes.find((t) => t.name === name);
      if (!rate || members.length === 0) continue;
      const ideal = members.map((i) => {
        const onDiscounted = items[i].taxes?.find((t) => t.name === name)?.onDiscounted ?? 0;
        return money.exactTax(items[i].amount, rate.rate, ratesOf(taxes), inclusive) - onDiscounted;
      });
      apportion(total, ideal).forEach((part, m) => {
        const byName = addBack.get(members[m]) ?? new Map<string, number>();
        byName.set(name, part);
        addBack.set(members[m], byName);
      });
    }
  }
  return addBack;
}

/** The rate of a tax Ecwid did not itemise: what the tax is of the discounted line (for display only). */
function unlistedRate(item: ParsedItem, discount: number, inclusive: boolean): number {
  const base = item.amount - discount - (inclusive ? item.unlistedTax : 0);
  return base > 0 ? Number(((100 * item.unlistedTax) / base).toFixed(DISPLAY_RATE_DECIMALS)) : 0;
}

function productLine(facts: OrderFacts, item: ParsedItem, added: Map<string, number> | undefined, discount: number): DraftLine {
  const { money, inclusive } = facts;
  const taxes: TaxPart[] = item.taxes
    ? item.taxes.map((t) => ({ name: t.name, rate: t.rate, amount: t.onDiscounted + (added?.get(t.name) ?? 0) }))
    : item.unlistedTax !== 0
      ? [{ name: 'Tax', rate: unlistedRate(item, discount, inclusive), amount: item.unlistedTax }]
      : [];
  return {
    kind: 'product',
    description: item.description,
    itemCode: item.sku,
    quantity: item.quantity,
    unitAmount: Number(item.unitPrice.toFixed(Math.max(UNIT_PRICE_DECIMALS, money.digits))),
    amount: item.amount,
    taxes,
  };
}

/** Product and discount lines: discounts split per tax group, taxes as the module comment says (point 2). */
function productAndDiscountLines(facts: OrderFacts, discounts: Discount[]): DraftLine[] {
  const { money, items } = facts;
  const tax = taxGroups(items);
  const share = discounts.map((d) => (items.length > 0 ? allocate(d.amount, d.weights) : []));
  const pieces = discountPieces(items, tax, discounts, share);
  const takenOff = taxDiscountPieces(facts, pieces, tax);
  const discountLines = pieces.map((p) =>
    singleLine(money, 'discount', p.description, -p.amount, p.taxes.map((t) => ({ ...t, amount: -t.amount }))),
  );
  const discountOnItem = items.map((_, i) => sum(share.map((s) => s[i] ?? 0)));
  const addBack = addBackShares(facts, tax, takenOff, discountOnItem);
  const productLines = items.map((item, i) => productLine(facts, item, addBack.get(i), discountOnItem[i]));
  return [...productLines, ...discountLines];
}

/** Shipping and handling as charged: handling alone is left out when zero, shipping kept while it carries tax. */
function shippingCharges(facts: OrderFacts) {
  const method = text(facts.order.shippingOption?.shippingMethodName);
  return [
    { kind: 'shipping' as const, description: method ? `Shipping: ${method}` : 'Shipping', amount: facts.shippingRate },
    { kind: 'handling' as const, description: text(facts.order.handlingFee?.name) || 'Handling fee', amount: facts.handling },
  ].filter((c, index) => c.amount !== 0 || (index === 0 && facts.handling === 0 && facts.shippingTaxes.length > 0));
}

/** Every charge but the largest gets exactly rate × amount; the largest takes the rest of Ecwid's figure. */
function splitShippingTax(facts: OrderFacts, charges: Array<{ amount: number }>, discountTaxes: number[]): TaxPart[][] {
  const { money, inclusive } = facts;
  const rates = ratesOf(facts.shippingTaxes);
  const taxesPerCharge = charges.map(() => [] as TaxPart[]);
  if (charges.length === 0) return taxesPerCharge;
  const largest = charges.reduce((best, c, i) => (Math.abs(c.amount) > Math.abs(charges[best].amount) ? i : best), 0);
  facts.shippingTaxes.forEach((t, ti) => {
    const total = t.total + discountTaxes[ti];
    const parts = charges.map((c, i) => (i === largest ? 0 : money.tax(c.amount, t.rate, rates, inclusive)));
    parts[largest] = total - sum(parts);
    parts.forEach((amount, i) => taxesPerCharge[i].push({ name: t.name, rate: t.rate, amount }));
  });
  return taxesPerCharge;
}

/** Shipping and handling lines; the shipping tax (on rate + fee together) split between them. */
function shippingLines(facts: OrderFacts, reading: Reading): DraftLine[] {
  const { money, inclusive } = facts;
  const rates = ratesOf(facts.shippingTaxes);
  const shippingDiscount =
    reading.shippingDiscountLine && facts.discountedShippingRate !== undefined ? facts.shippingRate - facts.discountedShippingRate : 0;
  const discountTaxes = facts.shippingTaxes.map((t) => money.tax(shippingDiscount, t.rate, rates, inclusive));
  const charges = shippingCharges(facts);
  const taxesPerCharge = splitShippingTax(facts, charges, discountTaxes);
  const lines = charges.map((c, i) => {
    const gross = reading.netShippingInGrossStore ? c.amount + sum(taxesPerCharge[i].map((t) => t.amount)) : c.amount;
    return singleLine(money, c.kind, c.description, gross, taxesPerCharge[i]);
  });
  if (shippingDiscount !== 0) {
    const taxes = facts.shippingTaxes.map((t, ti) => ({ name: t.name, rate: t.rate, amount: -discountTaxes[ti] }));
    lines.push(singleLine(money, 'discount', 'Shipping discount', -shippingDiscount, taxes));
  }
  return lines;
}

function surchargeLines(facts: OrderFacts, reading: Reading): DraftLine[] {
  const { money, inclusive } = facts;
  return facts.surcharges
    .filter((s) => s.total !== 0 || s.taxes.length > 0)
    .map((s) => {
      const tax = sum(s.taxes.map((t) => t.amount));
      // Gross totals (the default): the line shows the net part when amounts are tax-exclusive.
      const amount = reading.netSurcharges ? (inclusive ? s.total + tax : s.total) : inclusive ? s.total : s.total - tax;
      return singleLine(money, 'surcharge', s.description, amount, s.taxes);
    });
}

/** Every line of the order under a reading; undefined when the reading cannot be (a negative promotion rest). */
export function buildLines(facts: OrderFacts, reading: Reading): DraftLine[] | undefined {
  const discounts = discountsOf(facts, reading);
  if (!discounts) return undefined;
  const lines = [...productAndDiscountLines(facts, discounts), ...shippingLines(facts, reading), ...surchargeLines(facts, reading)];
  if (!facts.taxed) for (const line of lines) line.taxes = [];
  return lines;
}
