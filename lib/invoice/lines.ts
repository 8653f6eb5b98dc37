/**
 * The lines of one reading of the order as Ecwid charged them, in the currency's minor units, each with Ecwid's own
 * tax — laid out the way Ecwid rounds its tax, so that Xero, rounding each line once, lands on the same cents:
 *
 * 1. Each discount (coupon, volume, membership, both, custom, unexplained rest) is folded into the product lines it
 *    applies to: Ecwid taxes the discounted item line and rounds that, so the discounted line is what Xero must
 *    see. A discount is a separate line only when the order has no items to fold it into.
 * 2. Shipping and handling are one line when taxed (Ecwid taxes rate + fee together); a shipping coupon
 *    (`discountedShippingRate`) is folded into it. Shipping tax is read from `taxesOnShipping[]` when it has
 *    entries, else from the items' `taxOnShipping` — the same money, never both.
 * 3. Surcharges are a line each, with their own taxes.
 */
import { allocate, sum, type Money } from './money.js';
import { text, type OrderFacts, type ParsedItem, type TaxPart } from './order-facts.js';
import { discountsOf, type Discount } from './discounts.js';
import type { Reading } from './readings.js';
import type { InvoiceLineKind } from './types.js';

/** A discount as folded into one line: which, and how much of it this line took. */
export interface FoldedDiscount {
  description: string;
  amount: number;
}

export interface DraftLine {
  kind: InvoiceLineKind;
  description: string;
  /** The SKU for products; "" otherwise. */
  sku: string;
  quantity: number;
  /** The price of one unit before discounts, as Ecwid stores it (products only; may carry a third decimal). */
  unitPrice?: number;
  /** What the line was charged, after the discounts folded into it. */
  amount: number;
  /** Ecwid's taxes on the line; tax-inclusive amounts contain them. */
  taxes: TaxPart[];
  discounts: FoldedDiscount[];
}

/** Decimals of a rate worked out from two amounts, for display. */
const DISPLAY_RATE_DECIMALS = 2;

export const ratesOf = (taxes: ReadonlyArray<{ rate: number }>): number => sum(taxes.map((t) => t.rate));

export const lineTax = (line: { taxes: ReadonlyArray<{ amount: number }> }): number =>
  sum(line.taxes.map((t) => t.amount));

/** Σ amount (+ Σ Ecwid's tax when Exclusive): what the lines add up to by Ecwid's own figures. */
export const invoiceSum = (lines: readonly DraftLine[], exclusive: boolean): number =>
  sum(lines.map((l) => l.amount + (exclusive ? lineTax(l) : 0)));

/** A charge of quantity 1 with nothing folded into it. */
const chargeLine = (kind: InvoiceLineKind, description: string, amount: number, taxes: TaxPart[]): DraftLine => ({
  kind,
  description,
  sku: '',
  quantity: 1,
  amount,
  taxes,
  discounts: [],
});

/** The rate of a tax Ecwid did not itemise: what the tax is of the discounted line (for display only). */
function unlistedRate(item: ParsedItem, discount: number, inclusive: boolean): number {
  const base = item.amount - discount - (inclusive ? item.unlistedTax : 0);
  return base > 0 ? Number(((100 * item.unlistedTax) / base).toFixed(DISPLAY_RATE_DECIMALS)) : 0;
}

/** Ecwid's taxes on an item's discounted line: per tax when listed, else its `tax` at an unknown rate. */
function itemTaxes(item: ParsedItem, discount: number, inclusive: boolean): TaxPart[] {
  if (item.taxes) return item.taxes.map((t) => ({ name: t.name, rate: t.rate, amount: t.onDiscounted }));
  if (item.unlistedTax === 0) return [];
  return [{ name: 'Tax', rate: unlistedRate(item, discount, inclusive), amount: item.unlistedTax }];
}

/** Product lines with every discount folded into the items it applies to; separate discount lines without items. */
function productLines(facts: OrderFacts, discounts: Discount[]): DraftLine[] {
  const { items, inclusive } = facts;
  if (items.length === 0) return discounts.map((d) => ({ ...chargeLine('discount', d.description, -d.amount, []) }));
  // share[k][i]: the part of discount k on item i.
  const share = discounts.map((d) => allocate(d.amount, d.weights));
  return items.map((item, i) => {
    const folded = discounts
      .map((d, k) => ({ description: d.description, amount: share[k][i] }))
      .filter((d) => d.amount !== 0);
    const discount = sum(folded.map((d) => d.amount));
    return {
      kind: 'product',
      description: item.description,
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      amount: item.amount - discount,
      taxes: itemTaxes(item, discount, inclusive),
      discounts: folded,
    };
  });
}

/** Shipping as charged (a shipping coupon read as `discountedShippingRate` taken off), and handling. */
function shippingCharges(facts: OrderFacts, reading: Reading) {
  const method = text(facts.order.shippingOption?.shippingMethodName);
  const couponed = reading.shippingDiscountLine && facts.discountedShippingRate !== undefined;
  const shippingDiscount = couponed ? facts.shippingRate - (facts.discountedShippingRate ?? 0) : 0;
  return {
    shipping: {
      description: method ? `Shipping: ${method}` : 'Shipping',
      amount: facts.shippingRate - shippingDiscount,
      discounts: shippingDiscount !== 0 ? [{ description: 'Shipping discount', amount: shippingDiscount }] : [],
    },
    handling: { description: text(facts.order.handlingFee?.name) || 'Handling fee', amount: facts.handling },
  };
}

/**
 * Shipping and handling. Taxed: one line, since Ecwid taxes rate + fee together and rounds that once (its tax is
 * Ecwid's shipping tax). Untaxed: a line each (handling is a fee, not shipping).
 */
function shippingLines(facts: OrderFacts, reading: Reading): DraftLine[] {
  const { shipping, handling } = shippingCharges(facts, reading);
  if (!(facts.taxed && facts.shippingTaxes.length > 0)) {
    return [
      ...(shipping.amount !== 0
        ? [{ ...chargeLine('shipping', shipping.description, shipping.amount, []), discounts: shipping.discounts }]
        : []),
      ...(handling.amount !== 0 ? [chargeLine('handling', handling.description, handling.amount, [])] : []),
    ];
  }
  const taxes = facts.shippingTaxes.map((t) => ({ name: t.name, rate: t.rate, amount: t.total }));
  const net = shipping.amount + handling.amount;
  const amount = reading.netShippingInGrossStore ? net + lineTax({ taxes }) : net;
  const description =
    handling.amount === 0
      ? shipping.description
      : shipping.amount === 0 && shipping.discounts.length === 0
        ? handling.description
        : `${shipping.description} and ${handling.description}`;
  return [{ ...chargeLine('shipping', description, amount, taxes), discounts: shipping.discounts }];
}

function surchargeLines(facts: OrderFacts, reading: Reading): DraftLine[] {
  const { inclusive } = facts;
  return facts.surcharges
    .filter((s) => s.total !== 0 || s.taxes.length > 0)
    .map((s) => {
      const tax = sum(s.taxes.map((t) => t.amount));
      // Gross totals (the default): the line shows the net part when amounts are tax-exclusive.
      const amount = reading.netSurcharges
        ? inclusive
          ? s.total + tax
          : s.total
        : inclusive
          ? s.total
          : s.total - tax;
      return chargeLine('surcharge', s.description, amount, s.taxes);
    });
}

/** Every line of the order under a reading; undefined when the reading cannot be (a negative promotion rest). */
export function buildLines(facts: OrderFacts, reading: Reading): DraftLine[] | undefined {
  const discounts = discountsOf(facts, reading);
  if (!discounts) return undefined;
  const lines = [
    ...productLines(facts, discounts),
    ...shippingLines(facts, reading),
    ...surchargeLines(facts, reading),
  ];
  if (!facts.taxed) for (const line of lines) line.taxes = [];
  return lines;
}

/** Formats minor units for a description ("1.55"). */
export const shownAmount = (money: Money, units: number): string => money.amount(units).toFixed(money.digits);
