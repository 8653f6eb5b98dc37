/**
 * Accounting-ready invoice lines for an Ecwid order, as Xero's "Create Sales Invoice" takes them and totals them:
 * with Tax Amount left empty, Xero's total is what Ecwid charged before gift cards, to the cent, and each line's
 * `taxAmount` is the tax Xero computes for it.
 *
 * In order: the order is read once into minor units (order-facts.ts); every reading of its ambiguous fields
 * (readings.ts) is built into lines as Ecwid charged them, discounts folded into the items (lines.ts,
 * discounts.ts), and the first whose lines add up to Ecwid's total with Ecwid's own tax is taken; a difference of
 * more than one minor unit becomes an explicit "adjustment" line. Then the lines go over to Xero's arithmetic
 * (xero-lines.ts): exact unit amounts, Xero's tax per line, the Xero codes of the trigger's inputs
 * (xero-codes.ts), and what Xero's rounding still leaves as one explicit "rounding" line.
 */
import { buyerOf, type Buyer } from '../output/people.js';
import { currencyDigits, Money, sum } from './money.js';
import { orderFacts, type OrderFacts } from './order-facts.js';
import { buildLines, invoiceSum, lineTax, shownAmount, type DraftLine } from './lines.js';
import { DEFAULT_XERO_CODES, type XeroCodes } from './xero-codes.js';
import {
  roundingLine,
  toXeroCents,
  toXeroLine,
  xeroAmount,
  xeroCents,
  xeroTotalCents,
  type XeroContext,
} from './xero-lines.js';
import { readings, readingWith, type Reading } from './readings.js';
import type { Invoice, InvoiceLine, LineAmountTypes } from './types.js';
import type { EcwidOrder } from '../ecwid/types.js';

/** How a reading fared: exact match first, then whether its taxes are Ecwid's `tax`. */
interface Candidate {
  lines: DraftLine[];
  residual: number;
  taxMatches: boolean;
}

interface Chosen {
  reading: Reading;
  candidate: Candidate;
}

/** Diagnostics for tests and the demo: how far Ecwid's total was from the lines before any correction. */
export interface InvoiceDiagnostics {
  /** Ecwid's total minus what the lines add up to with Ecwid's own tax, in minor units, before any correction. */
  residualUnits: number;
  /** 'rounding': one minor unit, left to the rounding line; 'adjustment': more, an adjustment line. */
  adjusted: 'none' | 'rounding' | 'adjustment';
  reading: Reading;
  /** The rounding line's amount in Xero's cents (0: none). */
  roundingCents: number;
}

/** What Ecwid charged before gift cards, in minor units; undefined when the order states no total. */
const chargedBeforeGiftCards = (money: Money, order: EcwidOrder): number | undefined =>
  order.totalBeforeGiftCardRedemption !== undefined
    ? money.units(order.totalBeforeGiftCardRedemption)
    : order.total !== undefined
      ? money.units(order.total) + money.units(order.giftCardRedemption)
      : undefined;

/** No reading is consistent (e.g. promotions below their parts): lines from the parts alone, so the rest shows. */
function fallbackCandidate(
  facts: OrderFacts,
  reading: Reading,
  target: number | undefined,
  exclusive: boolean,
): Candidate {
  const withoutDiscountField = { ...facts, order: { ...facts.order, discount: undefined } };
  const lines =
    buildLines(withoutDiscountField, { ...reading, couponInDiscount: false, customOutsideDiscount: false }) ?? [];
  return { lines, residual: target === undefined ? 0 : target - invoiceSum(lines, exclusive), taxMatches: false };
}

/** Readings in order of preference; the first that adds up with Ecwid's own tax, else the first that adds up. */
function chooseReading(facts: OrderFacts, target: number | undefined, exclusive: boolean): Chosen {
  const { money, order } = facts;
  const orderTax = order.tax !== undefined ? money.units(order.tax) : undefined;
  let exact: Chosen | undefined;
  let first: Chosen | undefined;
  for (const reading of readings(facts)) {
    const lines = buildLines(facts, reading);
    if (!lines) continue;
    const residual = target === undefined ? 0 : target - invoiceSum(lines, exclusive);
    const taxMatches = orderTax === undefined || sum(lines.map(lineTax)) === orderTax;
    const evaluated = { reading, candidate: { lines, residual, taxMatches } };
    first ??= evaluated;
    if (residual === 0 && taxMatches) {
      exact = evaluated;
      break;
    }
    if (residual === 0) exact ??= evaluated;
  }
  const documented = readingWith([]);
  return exact ?? first ?? { reading: documented, candidate: fallbackCandidate(facts, documented, target, exclusive) };
}

/** A line that says why Ecwid's total and its parts differ, carrying the difference (untaxed). */
function adjustmentLine(money: Money, target: number, residual: number): DraftLine {
  return {
    kind: 'adjustment',
    description: `Adjustment: Ecwid's order total is ${shownAmount(money, target)}, its parts add up to ${shownAmount(money, target - residual)}`,
    sku: '',
    quantity: 1,
    amount: residual,
    taxes: [],
    discounts: [],
  };
}

/**
 * Closes what Ecwid's own figures leave between its total and the lines: one minor unit is Ecwid's rounding and
 * is left to the rounding line; more becomes an adjustment line that says so.
 */
function reconcile(
  lines: DraftLine[],
  residual: number,
  target: number | undefined,
  money: Money,
): InvoiceDiagnostics['adjusted'] {
  if (residual === 0) return 'none';
  if (Math.abs(residual) <= 1) return 'rounding';
  lines.push(adjustmentLine(money, target ?? 0, residual));
  return 'adjustment';
}

/** The lines as Xero receives them, and a rounding line when Xero's total would differ from Ecwid's charge. */
function xeroLines(
  context: XeroContext,
  lines: readonly DraftLine[],
  charged: number,
): { lines: InvoiceLine[]; rounding: number } {
  const invoiceLines = lines.map((line) => toXeroLine(context, line));
  const chargedCents = toXeroCents(context.money, charged);
  const rounding = chargedCents - xeroTotalCents(invoiceLines, context.lineAmountTypes);
  if (rounding !== 0) invoiceLines.push(roundingLine(context, rounding, chargedCents));
  return { lines: invoiceLines, rounding };
}

/** The buyer as Xero's contact fields. */
const contactFields = (buyer: Buyer) => ({
  contactName: buyer.name,
  contactEmail: buyer.email,
  contactFirstName: buyer.firstName,
  contactLastName: buyer.lastName,
  contactCompany: buyer.company,
  contactPhone: buyer.phone,
  contactAddressLine1: buyer.addressLine1,
  contactAddressLine2: buyer.addressLine2,
  contactCity: buyer.city,
  contactRegion: buyer.region,
  contactPostalCode: buyer.postalCode,
  contactCountry: buyer.countryCode,
});

export interface InvoiceOptions {
  /** The order's buyer, when the caller has already worked it out. */
  buyer?: Buyer;
  /** The Xero codes of the trigger's inputs (defaults: Xero's standard chart, untaxed lines NONE). */
  codes?: XeroCodes;
}

export function invoiceWithDiagnostics(
  order: EcwidOrder,
  currency: string,
  { buyer = buyerOf(order), codes = DEFAULT_XERO_CODES }: InvoiceOptions = {},
): { invoice: Invoice; diagnostics: InvoiceDiagnostics } {
  const money = new Money(currencyDigits(currency));
  const facts = orderFacts(order, money);
  const lineAmountTypes: LineAmountTypes = !facts.taxed ? 'NoTax' : facts.inclusive ? 'Inclusive' : 'Exclusive';
  const exclusive = lineAmountTypes === 'Exclusive';
  const target = chargedBeforeGiftCards(money, order);
  const chosen = chooseReading(facts, target, exclusive);
  const { lines, residual } = chosen.candidate;
  const adjusted = reconcile(lines, residual, target, money);
  const charged = target ?? invoiceSum(lines, exclusive);
  const xero = xeroLines({ money, lineAmountTypes, codes }, lines, charged);
  const taxCents = xero.lines.reduce((a, l) => a + xeroCents(l.taxAmount), 0);
  const ecwidTax = order.tax !== undefined ? money.units(order.tax) : sum(lines.map(lineTax));
  const invoice: Invoice = {
    invoiceLines: xero.lines,
    lineAmountTypes,
    invoiceTotal: xeroAmount(toXeroCents(money, charged)),
    invoiceTaxTotal: xeroAmount(taxCents),
    giftCardRedemption: money.amount(money.units(order.giftCardRedemption)),
    currency,
    invoiceReference: String(order.id ?? ''),
    ...contactFields(buyer),
    ecwidTaxTotal: money.amount(ecwidTax),
    taxDifferenceFromEcwid: taxDifference(money, taxCents, ecwidTax),
    roundingAmount: xeroAmount(xero.rounding),
  };
  return {
    invoice,
    diagnostics: { residualUnits: residual, adjusted, reading: chosen.reading, roundingCents: xero.rounding },
  };
}

/** Xero's tax less Ecwid's, at the finer of the two precisions. */
function taxDifference(money: Money, xeroTaxCents: number, ecwidTaxUnits: number): number {
  const digits = Math.max(money.digits, 2);
  return Number((xeroAmount(xeroTaxCents) - money.amount(ecwidTaxUnits)).toFixed(digits));
}

/** The invoice fields of an order output (all order triggers and Find Order). */
export const toInvoice = (order: EcwidOrder, currency: string, options?: InvoiceOptions): Invoice =>
  invoiceWithDiagnostics(order, currency, options).invoice;
