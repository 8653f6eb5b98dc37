/**
 * Accounting-ready invoice lines for an Ecwid order (what Xero's "Create Sales Invoice" takes): one line per
 * product, shipping, handling fee, surcharge and discount, every line with the same keys, and the rule
 *
 *     Σ lineAmount (+ Σ taxAmount when Exclusive) = what the order was charged before gift cards, to the cent.
 *
 * Everything is integer minor units (money.ts). In order: the order is read once (order-facts.ts); every reading
 * of its ambiguous fields (readings.ts) is built into lines (lines.ts, discounts.ts) and the first that adds up to
 * Ecwid's total is taken; what still differs — one minor unit (rounding) goes onto the largest tax, or the largest
 * single-quantity line (see `absorbRounding`); more becomes an explicit "adjustment" line, so an invoice never
 * silently fails to add up.
 */
import { buyerOf, type Buyer } from '../output/people.js';
import { currencyDigits, Money, sum } from './money.js';
import { orderFacts, type OrderFacts } from './order-facts.js';
import { buildLines, invoiceSum, lineTax, ratesOf, type DraftLine } from './lines.js';
import { readings, readingWith, type Reading } from './readings.js';
import type { Invoice, InvoiceLine, LineAmountTypes } from './types.js';
import type { EcwidOrder } from '../ecwid/types.js';

/** Decimals of a line's combined tax rate. */
const RATE_DECIMALS = 4;

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
  /** Ecwid's total minus what the lines add up to, in minor units, before rounding or adjustment. */
  residualUnits: number;
  adjusted: 'none' | 'rounding' | 'adjustment';
  reading: Reading;
}

/** What Ecwid charged before gift cards, in minor units; undefined when the order states no total. */
const chargedBeforeGiftCards = (money: Money, order: EcwidOrder): number | undefined =>
  order.totalBeforeGiftCardRedemption !== undefined
    ? money.units(order.totalBeforeGiftCardRedemption)
    : order.total !== undefined
      ? money.units(order.total) + money.units(order.giftCardRedemption)
      : undefined;

/** No reading is consistent (e.g. promotions below their parts): lines from the parts alone, so the rest shows. */
function fallbackCandidate(facts: OrderFacts, reading: Reading, target: number | undefined, exclusive: boolean): Candidate {
  const withoutDiscountField = { ...facts, order: { ...facts.order, discount: undefined } };
  const lines = buildLines(withoutDiscountField, { ...reading, couponInDiscount: false, customOutsideDiscount: false }) ?? [];
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

/**
 * A difference of one minor unit is Ecwid's rounding: it goes onto the tax of the line with the largest tax when
 * amounts are tax-exclusive (the line amounts stay quantity × unit price), else onto the largest line of quantity 1
 * (its unit amount follows). First such line on ties. Returns false when no line can take it.
 */
function absorbRounding(lines: DraftLine[], difference: number, exclusive: boolean, money: Money): boolean {
  const pickLargest = (candidates: DraftLine[], size: (l: DraftLine) => number) =>
    candidates.reduce<DraftLine | undefined>((best, l) => (!best || Math.abs(size(l)) > Math.abs(size(best)) ? l : best), undefined);
  if (exclusive) {
    const taxed = pickLargest(lines.filter((l) => l.taxes.length > 0 && lineTax(l) !== 0), lineTax);
    if (taxed) {
      const biggest = taxed.taxes.reduce((best, t) => (Math.abs(t.amount) > Math.abs(best.amount) ? t : best));
      biggest.amount += difference;
      return true;
    }
  }
  const single = pickLargest(lines.filter((l) => l.quantity === 1 && l.amount !== 0), (l) => l.amount);
  if (!single) return false;
  single.amount += difference;
  single.unitAmount = money.amount(single.amount);
  return true;
}

/** A line that says why Ecwid's total and its parts differ, carrying the difference. */
function adjustmentLine(money: Money, target: number, residual: number): DraftLine {
  const shown = (units: number) => money.amount(units).toFixed(money.digits);
  return {
    kind: 'adjustment',
    description: `Adjustment: Ecwid's order total is ${shown(target)}, its parts add up to ${shown(target - residual)}`,
    itemCode: '',
    quantity: 1,
    unitAmount: money.amount(residual),
    amount: residual,
    taxes: [],
  };
}

/** Closes what is left between Ecwid's total and the lines: a rounding unit absorbed, or an adjustment line. */
function reconcile(
  lines: DraftLine[],
  residual: number,
  target: number | undefined,
  exclusive: boolean,
  money: Money,
): InvoiceDiagnostics['adjusted'] {
  if (residual === 0) return 'none';
  if (Math.abs(residual) <= 1 && absorbRounding(lines, residual, exclusive, money)) return 'rounding';
  lines.push(adjustmentLine(money, target ?? 0, residual));
  return 'adjustment';
}

function toInvoiceLine(line: DraftLine, money: Money): InvoiceLine {
  return {
    kind: line.kind,
    description: line.description,
    itemCode: line.itemCode,
    quantity: line.quantity,
    unitAmount: line.unitAmount,
    taxAmount: money.amount(lineTax(line)),
    taxRate: Number(ratesOf(line.taxes).toFixed(RATE_DECIMALS)),
    taxName: line.taxes.map((t) => t.name).join(' + '),
    lineAmount: money.amount(line.amount),
  };
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

/** `buyer`: the order's buyer, when the caller has already worked it out. */
export function invoiceWithDiagnostics(
  order: EcwidOrder,
  currency: string,
  buyer: Buyer = buyerOf(order),
): { invoice: Invoice; diagnostics: InvoiceDiagnostics } {
  const money = new Money(currencyDigits(currency));
  const facts = orderFacts(order, money);
  const lineAmountTypes: LineAmountTypes = !facts.taxed ? 'NoTax' : facts.inclusive ? 'Inclusive' : 'Exclusive';
  const exclusive = lineAmountTypes === 'Exclusive';
  const target = chargedBeforeGiftCards(money, order);
  const chosen = chooseReading(facts, target, exclusive);
  const { lines, residual } = chosen.candidate;
  const adjusted = reconcile(lines, residual, target, exclusive, money);
  const invoice: Invoice = {
    invoiceLines: lines.map((line) => toInvoiceLine(line, money)),
    lineAmountTypes,
    invoiceTotal: money.amount(invoiceSum(lines, exclusive)),
    invoiceTaxTotal: money.amount(sum(lines.map(lineTax))),
    giftCardRedemption: money.amount(money.units(order.giftCardRedemption)),
    currency,
    invoiceReference: String(order.id ?? ''),
    ...contactFields(buyer),
  };
  return { invoice, diagnostics: { residualUnits: residual, adjusted, reading: chosen.reading } };
}

/** The invoice fields of an order output (all order triggers and Find Order). */
export const toInvoice = (order: EcwidOrder, currency: string, buyer?: Buyer): Invoice =>
  invoiceWithDiagnostics(order, currency, buyer).invoice;
