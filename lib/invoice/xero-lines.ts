/**
 * Ecwid's lines as Xero will total them. Xero computes every invoice itself from the lines it receives: amounts at
 * 2 decimals whatever the currency, UnitAmount at 2 (4 with `unitdp=4`), line amount = quantity × unit amount, and
 * per line one tax, rounded half away from zero: amount × rate / 100 on tax-exclusive invoices, amount × rate /
 * (100 + rate) on tax-inclusive ones, `rate` the sum of a multi-component rate's parts. So here:
 *
 * - every unit amount is exact at 2 decimals — quantity × unit, or quantity 1 and unit = line amount when the
 *   per-unit amount is not (the description then says "3 × 9.995" or what discount was folded in) — so unitdp 2
 *   and 4 give the same line amounts;
 * - each line's `taxAmount` is the tax Xero computes for it, so mapping Tax Amount or not changes nothing;
 * - what Xero's rounding still leaves between its total and what Ecwid charged (a cent where Ecwid rounds State
 *   and City tax apart and Xero once, a 3-decimal currency) is one explicit untaxed "rounding" line.
 */
import { Money, divRound } from './money.js';
import { lineTax, shownAmount, type DraftLine } from './lines.js';
import { accountCodeOf, taxTypeOf, TAX_NAME_SEPARATOR, type XeroCodes } from './xero-codes.js';
import type { InvoiceLine, InvoiceLineKind, LineAmountTypes } from './types.js';

/** Xero keeps every amount at 2 decimals, whatever the currency. */
const XERO = new Money(2);
/** Xero's limits on a line: description 1–4,000 characters, item code ≤ 30. */
const DESCRIPTION_MAX = 4000;
const ITEM_CODE_MAX = 30;
const ELLIPSIS = '…';
/** Decimals of a line's combined tax rate, and of a unit price shown in a description (Ecwid keeps up to 4). */
const RATE_DECIMALS = 4;
const PRICE_DECIMALS = 4;

/** What a line with no description of its own is called. */
const KIND_NAMES: Record<InvoiceLineKind, string> = {
  product: 'Product',
  shipping: 'Shipping',
  handling: 'Handling fee',
  surcharge: 'Surcharge',
  discount: 'Discount',
  adjustment: 'Adjustment',
  rounding: 'Rounding',
};

export interface XeroContext {
  /** The order's currency. */
  money: Money;
  lineAmountTypes: LineAmountTypes;
  codes: XeroCodes;
}

/** Minor units of the currency → Xero's hundredths (exact for 0 and 2 decimals, rounded for 3). */
export function toXeroCents(money: Money, units: number): number {
  if (money.digits === XERO.digits) return units;
  if (money.digits < XERO.digits) return units * 10 ** (XERO.digits - money.digits);
  return divRound(units, 10 ** (money.digits - XERO.digits));
}

/** The tax Xero computes for a line of `amount` cents at `rate` percent (0 on NoTax invoices). */
export const xeroLineTax = (amount: number, rate: number, types: LineAmountTypes): number =>
  types === 'NoTax' || rate === 0 ? 0 : XERO.tax(amount, rate, rate, types === 'Inclusive');

/** Xero's 1–4,000 characters, cut with an ellipsis, never through a surrogate pair. */
export function xeroDescription(description: string, kind: InvoiceLineKind): string {
  const text = description.trim() || KIND_NAMES[kind];
  if (text.length <= DESCRIPTION_MAX) return text;
  const cut = text.slice(0, DESCRIPTION_MAX - ELLIPSIS.length);
  const whole = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${whole}${ELLIPSIS}`;
}

/** Quantity and unit amount (cents) whose product is exactly the line amount at 2 decimals. */
function quantityAndUnit(line: DraftLine, amount: number): { quantity: number; unit: number } {
  const q = line.quantity;
  if (Number.isInteger(q) && q > 0 && amount % q === 0) return { quantity: q, unit: amount / q };
  return { quantity: 1, unit: amount };
}

const shownPrice = (money: Money, price: number): string => {
  const decimals = (String(Number(price.toFixed(PRICE_DECIMALS))).split('.')[1] ?? '').length;
  return price.toFixed(Math.max(money.digits, decimals));
};

/** "Mug (Size: L) — 3 × 9.995, less Discount coupon: SAVE 1.50": what a quantity of 1 or a folded discount hides. */
function describedLine(money: Money, line: DraftLine, collapsed: boolean): string {
  const parts: string[] = [];
  if (collapsed && line.unitPrice !== undefined) parts.push(`${line.quantity} × ${shownPrice(money, line.unitPrice)}`);
  if (line.discounts.length > 0)
    parts.push(`less ${line.discounts.map((d) => `${d.description} ${shownAmount(money, d.amount)}`).join('; ')}`);
  return parts.length === 0 ? line.description : `${line.description} — ${parts.join(', ')}`;
}

/** One Ecwid line as the invoice line Xero receives, with the tax Xero computes for it. */
export function toXeroLine(context: XeroContext, line: DraftLine): InvoiceLine {
  const { money, lineAmountTypes, codes } = context;
  const applied = line.taxes.filter((t) => t.rate !== 0 && t.amount !== 0);
  const rate = Number(applied.reduce((a, t) => a + t.rate, 0).toFixed(RATE_DECIMALS));
  const amount = toXeroCents(money, line.amount);
  const { quantity, unit } = quantityAndUnit(line, amount);
  const names = applied.map((t) => t.name);
  return {
    kind: line.kind,
    description: xeroDescription(describedLine(money, line, quantity !== line.quantity), line.kind),
    itemCode: line.sku.length <= ITEM_CODE_MAX ? line.sku : '',
    quantity,
    unitAmount: XERO.amount(unit),
    taxAmount: XERO.amount(xeroLineTax(amount, rate, lineAmountTypes)),
    taxRate: rate,
    taxName: names.join(TAX_NAME_SEPARATOR),
    lineAmount: XERO.amount(amount),
    taxType: taxTypeOf(codes, names),
    accountCode: accountCodeOf(codes, line.kind),
    sku: line.sku,
    ecwidTaxAmount: money.amount(lineTax(line)),
  };
}

/** Σ lineAmount (+ Σ taxAmount when Exclusive) in cents: Xero's total of these lines. */
export const xeroTotalCents = (lines: readonly InvoiceLine[], types: LineAmountTypes): number =>
  lines.reduce(
    (total, l) => total + XERO.units(l.lineAmount) + (types === 'Exclusive' ? XERO.units(l.taxAmount) : 0),
    0,
  );

export const xeroCents = (amount: number): number => XERO.units(amount);
export const xeroAmount = (cents: number): number => XERO.amount(cents);

/** The untaxed line that brings Xero's total to what Ecwid charged. */
export function roundingLine(context: XeroContext, difference: number, chargedCents: number): InvoiceLine {
  const { codes } = context;
  const shown = (cents: number) => XERO.amount(cents).toFixed(XERO.digits);
  return {
    kind: 'rounding',
    description: `Rounding: Ecwid charged ${shown(chargedCents)}; Xero totals the other lines to ${shown(chargedCents - difference)}`,
    itemCode: '',
    quantity: 1,
    unitAmount: XERO.amount(difference),
    taxAmount: 0,
    taxRate: 0,
    taxName: '',
    lineAmount: XERO.amount(difference),
    taxType: codes.untaxed,
    accountCode: accountCodeOf(codes, 'rounding'),
    sku: '',
    ecwidTaxAmount: 0,
  };
}
