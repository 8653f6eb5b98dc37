/**
 * What every invoice must satisfy, whatever the order, checked against the Xero oracle (tools/xero-oracle, written
 * from Xero's documentation, not from lib/): the invoice as recipe 1 sends it — Tax Amount left empty, Line Amount
 * Types mapped, each line's Tax Rate and Account from the line — totals in Xero to what Ecwid charged before gift
 * cards, and each line's `taxAmount` is the tax Xero computes for it.
 */
import { expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { xeroInvoice, type RoundingMode, type XeroInvoiceResult } from '../../../tools/xero-oracle/xero.js';
import { recipeInvoiceInput } from '../../../tools/xero-oracle/zap-mapping.js';
import { recipeOrganisation } from '../../../tools/docs/xero-preview.js';
import type { Invoice, InvoiceLine } from '../../../lib/invoice/types.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';

const FIXTURES = 'test/fixtures/orders';
export const fixture = (name: string): EcwidOrder => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8'));
export const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** An invoice's lines as rows of what Xero shows: kind, description, quantity, unit, amount, tax, tax rate, account. */
export const lineRows = (lines: readonly InvoiceLine[]) =>
  lines.map((l) => [
    l.kind,
    l.description,
    l.quantity,
    l.unitAmount,
    l.lineAmount,
    l.taxAmount,
    l.taxType,
    l.accountCode,
  ]);

const LINE_KEYS = [
  'accountCode',
  'description',
  'ecwidTaxAmount',
  'itemCode',
  'kind',
  'lineAmount',
  'quantity',
  'sku',
  'taxAmount',
  'taxName',
  'taxRate',
  'taxType',
  'unitAmount',
];
const KINDS = ['product', 'shipping', 'handling', 'surcharge', 'discount', 'adjustment', 'rounding'];

export const cents = (amount: number | undefined, digits = 2): number =>
  Math.round(Number(((amount ?? 0) * 10 ** digits).toPrecision(15)));

/** What the order was charged before gift cards, as Ecwid states it (in minor units of `digits`). */
export const chargedBeforeGiftCards = (order: EcwidOrder, digits = 2): number =>
  order.totalBeforeGiftCardRedemption !== undefined
    ? cents(order.totalBeforeGiftCardRedemption, digits)
    : cents(order.total, digits) + cents(order.giftCardRedemption, digits);

export interface XeroRun {
  unitdp?: 2 | 4;
  rounding?: RoundingMode;
  /** Map Tax Amount from the line (recipe 1 leaves it empty). */
  taxAmountMapped?: boolean;
}

/**
 * The invoice as recipe 1 sends it (tools/xero-oracle/zap-mapping.ts reads the recipe), to an organisation whose
 * tax rates have the components of the Ecwid taxes the lines name, at Ecwid's rates, through the Xero oracle.
 */
export function asXeroComputesIt(order: EcwidOrder, invoice: Invoice, run: XeroRun = {}): XeroInvoiceResult {
  const output = { ...order, ...invoice } as Record<string, unknown>;
  const input = recipeInvoiceInput(output, { taxAmount: run.taxAmountMapped ? 'mapped' : 'recipe' });
  return xeroInvoice(input, recipeOrganisation(output), { unitdp: run.unitdp, rounding: run.rounding });
}

/** Where Xero's figures and the invoice's differ: the total against Ecwid's charge, and each line's tax. */
export function xeroProblems(order: EcwidOrder, invoice: Invoice, run: XeroRun = {}): string[] {
  const xero = asXeroComputesIt(order, invoice, run);
  const charged = chargedBeforeGiftCards(order);
  const problems: string[] = [];
  // Xero refuses a negative invoice: only where Ecwid charged a negative amount too.
  const errors = xero.errors.filter((e) => !(e.field === 'Total' && charged < 0));
  if (errors.length > 0) problems.push(`Xero rejects it: ${JSON.stringify(errors)}`);
  if (xero.totalCents !== charged) problems.push(`Xero totals ${xero.totalCents}, Ecwid charged ${charged}`);
  if (xero.totalCents !== cents(invoice.invoiceTotal))
    problems.push(`invoiceTotal ${invoice.invoiceTotal}, Xero's ${xero.total}`);
  if (xero.totalTaxCents !== cents(invoice.invoiceTaxTotal))
    problems.push(`invoiceTaxTotal ${invoice.invoiceTaxTotal}, Xero's ${xero.totalTax}`);
  const mapped = asXeroComputesIt(order, invoice, { ...run, taxAmountMapped: true });
  if (mapped.taxAdjustments.length > 0)
    problems.push(`Tax Amount mapped: tax adjustments on lines ${mapped.taxAdjustments}`);
  xero.lines.forEach((line, n) => {
    if (cents(line.computedTax) !== cents(invoice.invoiceLines[n].taxAmount))
      problems.push(`line ${n}: taxAmount ${invoice.invoiceLines[n].taxAmount}, Xero computes ${line.computedTax}`);
    if (cents(line.lineAmount) !== cents(invoice.invoiceLines[n].lineAmount))
      problems.push(`line ${n}: lineAmount ${invoice.invoiceLines[n].lineAmount}, Xero's ${line.lineAmount}`);
  });
  return problems;
}

/** Xero's limits and the output's shape (empty when nothing is wrong). */
export function shapeProblems(order: EcwidOrder, invoice: Invoice, untaxed = 'NONE'): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const types = cents(order.tax) === 0 ? 'NoTax' : order.pricesIncludeTax ? 'Inclusive' : 'Exclusive';
  check(invoice.lineAmountTypes === types, `lineAmountTypes ${invoice.lineAmountTypes}, expected ${types}`);
  check(
    invoice.invoiceLines.filter((l) => l.kind === 'rounding').length === (invoice.roundingAmount === 0 ? 0 : 1),
    'rounding line and roundingAmount disagree',
  );
  invoice.invoiceLines.forEach((line: InvoiceLine, n) => {
    check(Object.keys(line).sort().join() === LINE_KEYS.join(), `line ${n} keys ${Object.keys(line)}`);
    check(KINDS.includes(line.kind), `line ${n} kind ${line.kind}`);
    check(
      line.description.trim() !== '' && line.description.length <= 4000,
      `line ${n} description of ${line.description.length} characters`,
    );
    check(
      line.itemCode.length <= 30 && (line.itemCode === '' || line.itemCode === line.sku),
      `line ${n} item code ${line.itemCode}`,
    );
    check(
      cents(line.unitAmount) / 100 === line.unitAmount,
      `line ${n} unit amount ${line.unitAmount} has more than 2 decimals`,
    );
    check(Number.isInteger(line.quantity) && line.quantity > 0, `line ${n} quantity ${line.quantity}`);
    check(line.taxType !== '' && line.accountCode !== '', `line ${n} without a tax rate or account`);
    if (line.taxName === '')
      check(
        line.taxType === untaxed && line.taxAmount === 0,
        `untaxed line ${n} carries ${line.taxType}, tax ${line.taxAmount}`,
      );
    if (invoice.lineAmountTypes === 'NoTax')
      check(line.taxAmount === 0 && line.taxName === '', `line ${n} taxed in a NoTax invoice`);
  });
  check(cents(invoice.giftCardRedemption) === cents(order.giftCardRedemption), 'giftCardRedemption');
  check(invoice.invoiceReference === order.id, 'invoiceReference is not the order id');
  return problems;
}

/** Everything at once, under half-up rounding with unit amounts at 2 and 4 decimals. */
export const invoiceProblems = (order: EcwidOrder, invoice: Invoice): string[] => [
  ...shapeProblems(order, invoice),
  ...xeroProblems(order, invoice, { unitdp: 2 }),
  ...xeroProblems(order, invoice, { unitdp: 4 }).map((p) => `unitdp 4: ${p}`),
];

export const checkInvoice = (order: EcwidOrder, invoice: Invoice): void =>
  expect(invoiceProblems(order, invoice)).toEqual([]);
