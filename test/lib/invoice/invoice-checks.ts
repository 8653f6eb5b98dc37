/**
 * What every invoice must satisfy, whatever the order: the checks the invoice tests share, in integer minor units.
 */
import { expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import type { Invoice, InvoiceLine } from '../../../lib/invoice/types.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';

const FIXTURES = 'test/fixtures/orders';
export const fixture = (name: string): EcwidOrder => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8'));
export const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

const LINE_KEYS = ['description', 'itemCode', 'kind', 'lineAmount', 'quantity', 'taxAmount', 'taxName', 'taxRate', 'unitAmount'];
const KINDS = ['product', 'shipping', 'handling', 'surcharge', 'discount', 'adjustment'];

export const cents = (amount: number | undefined, digits = 2): number => Math.round(Number(((amount ?? 0) * 10 ** digits).toPrecision(15)));

/** What the order was charged before gift cards, as Ecwid states it. */
export const chargedBeforeGiftCards = (order: EcwidOrder, digits = 2): number =>
  order.totalBeforeGiftCardRedemption !== undefined
    ? cents(order.totalBeforeGiftCardRedemption, digits)
    : cents(order.total, digits) + cents(order.giftCardRedemption, digits);

/** The rule of issue 6, in integer minor units. */
export const invoiceSum = (invoice: Invoice, digits = 2): number =>
  invoice.invoiceLines.reduce(
    (acc, l) => acc + cents(l.lineAmount, digits) + (invoice.lineAmountTypes === 'Exclusive' ? cents(l.taxAmount, digits) : 0),
    0,
  );

/** How far a line's tax is from rate × amount, in cents (unrounded reference). */
const taxDeviation = (line: InvoiceLine, types: Invoice['lineAmountTypes']): number => {
  const amount = cents(line.lineAmount);
  const exact = types === 'Inclusive' ? (amount * line.taxRate) / (100 + line.taxRate) : (amount * line.taxRate) / 100;
  return Math.abs(cents(line.taxAmount) - exact);
};

const taxCount = (line: InvoiceLine): number => (line.taxName === '' ? 0 : line.taxName.split(' + ').length);

/** Figures for the report, printed once at the end. */
export const stats = {
  generated: 0,
  sandbox: 0,
  maxResidualCents: 0,
  rounding: 0,
  adjustments: 0,
  maxTaxDeviationCents: {} as Record<string, number>,
};

/** What is wrong with an invoice, whatever the order (empty when nothing): plain checks, one expect per order. */
export function invoiceProblems(order: EcwidOrder, invoice: Invoice): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(invoiceSum(invoice) === chargedBeforeGiftCards(order), `lines add up to ${invoiceSum(invoice)}, Ecwid charged ${chargedBeforeGiftCards(order)}`);
  check(cents(invoice.invoiceTotal) === invoiceSum(invoice), 'invoiceTotal is not the sum of the lines');
  check(cents(invoice.invoiceTaxTotal) === invoice.invoiceLines.reduce((a, l) => a + cents(l.taxAmount), 0), 'invoiceTaxTotal is not Σ taxAmount');
  const types = cents(order.tax) === 0 ? 'NoTax' : order.pricesIncludeTax ? 'Inclusive' : 'Exclusive';
  check(invoice.lineAmountTypes === types, `lineAmountTypes ${invoice.lineAmountTypes}, expected ${types}`);
  invoice.invoiceLines.forEach((line, n) => {
    check(Object.keys(line).sort().join() === LINE_KEYS.join(), `line ${n} keys ${Object.keys(line)}`);
    check(KINDS.includes(line.kind), `line ${n} kind ${line.kind}`);
    // Xero computes the line amount as quantity × unit amount.
    check(cents(line.quantity * line.unitAmount) === cents(line.lineAmount), `line ${n}: ${line.quantity} × ${line.unitAmount} ≠ ${line.lineAmount}`);
    if (invoice.lineAmountTypes === 'NoTax') check(line.taxAmount === 0 && line.taxRate === 0 && line.taxName === '', `line ${n} taxed in a NoTax invoice`);
  });
  check(cents(invoice.giftCardRedemption) === cents(order.giftCardRedemption), 'giftCardRedemption');
  check(invoice.invoiceReference === order.id, 'invoiceReference is not the order id');
  return problems;
}

export const checkInvoice = (order: EcwidOrder, invoice: Invoice): void => expect(invoiceProblems(order, invoice)).toEqual([]);

/** Lines whose tax is not within a cent of rate × amount where one rate applies (product lines: a cent and a half). */
export function taxProblems(invoice: Invoice): string[] {
  if (invoice.lineAmountTypes === 'NoTax') return [];
  return invoice.invoiceLines.flatMap((line, n) => {
    if (taxCount(line) !== 1) return [];
    const deviation = taxDeviation(line, invoice.lineAmountTypes);
    stats.maxTaxDeviationCents[line.kind] = Math.max(stats.maxTaxDeviationCents[line.kind] ?? 0, Number(deviation.toFixed(3)));
    return deviation < (line.kind === 'product' ? 1.5 : 1) ? [] : [`line ${n} (${line.kind}) tax ${line.taxAmount} is ${deviation} cents off ${line.taxRate}% of ${line.lineAmount}`];
  });
}

export const checkTaxConsistency = (invoice: Invoice): void => expect(taxProblems(invoice)).toEqual([]);
