/**
 * Credit-note lines judged by the Xero oracle (tools/xero-oracle: Xero's arithmetic from Xero's documentation, not
 * from lib/): over thousands of generated refunds — full, partial, several per order, by status alone; taxes
 * included and on top, several per item, every discount kind — the credit note as the refund recipe sends it totals
 * in Xero to exactly the refund, each line's taxAmount is the tax Xero computes (mapping Tax Amount changes
 * nothing), and a full refund's credit note is its invoice, line for line.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { toInvoice } from '../../../lib/invoice/invoice.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';
import { toRefundOutputs, type RefundOutput } from '../../../lib/refunds/refunds.js';
import { recipeOrganisation } from '../../../tools/docs/xero-preview.js';
import { REFUND_TO_XERO_CREDIT_NOTE } from '../../../tools/docs/zap-templates.js';
import { xeroInvoice, type XeroInvoiceResult } from '../../../tools/xero-oracle/xero.js';
import { recipeInvoiceInput } from '../../../tools/xero-oracle/zap-mapping.js';
import { generateStore } from '../../../tools/sandbox/store.js';
import { orderArb } from '../../arbitraries/orders.js';

const cents = (amount: unknown): number => Math.round(Number((Number(amount ?? 0) * 100).toPrecision(15)));
const stats = { orders: 0, refunds: 0, full: 0, partial: 0, byStatus: 0, sandboxRefunds: 0, linesPerPartial: 0 };
afterAll(() => console.log(`credit note figures: ${JSON.stringify(stats)}`));

/** The credit note as the refund recipe sends it (its mapping read by the oracle's own reader), as Xero computes it. */
function asXeroComputesIt(
  refund: RefundOutput,
  invoiceOutput: Record<string, unknown>,
  taxAmount: 'recipe' | 'mapped',
): XeroInvoiceResult {
  const output = { ...refund, invoiceLines: refund.creditNoteLines } as unknown as Record<string, unknown>;
  const input = recipeInvoiceInput(output, { template: REFUND_TO_XERO_CREDIT_NOTE, taxAmount });
  return xeroInvoice({ ...input, Type: 'ACCRECCREDIT' }, recipeOrganisation(invoiceOutput));
}

/** What is wrong with one refund's credit note (empty when nothing). */
function creditNoteProblems(order: EcwidOrder, refund: RefundOutput): string[] {
  const invoice = toInvoice(order, refund.currency);
  const invoiceOutput = { ...order, ...invoice } as Record<string, unknown>;
  const xero = asXeroComputesIt(refund, invoiceOutput, 'recipe');
  const problems: string[] = [];
  if (xero.errors.length > 0) problems.push(`Xero rejects it: ${JSON.stringify(xero.errors)}`);
  if (xero.totalCents !== cents(refund.amount))
    problems.push(`Xero totals ${xero.totalCents}, refund ${cents(refund.amount)}`);
  if (xero.totalCents !== cents(refund.creditNoteTotal))
    problems.push(`creditNoteTotal ${refund.creditNoteTotal}, Xero's ${xero.total}`);
  if (xero.totalTaxCents !== cents(refund.creditNoteTaxTotal))
    problems.push(`creditNoteTaxTotal ${refund.creditNoteTaxTotal}, Xero's ${xero.totalTax}`);
  xero.lines.forEach((line, n) => {
    if (cents(line.computedTax) !== cents(refund.creditNoteLines[n].taxAmount))
      problems.push(`line ${n}: taxAmount ${refund.creditNoteLines[n].taxAmount}, Xero ${line.computedTax}`);
    if (xero.lineAmountTypes !== refund.creditNoteLineAmountTypes)
      problems.push(`amount types ${xero.lineAmountTypes}`);
  });
  if (asXeroComputesIt(refund, invoiceOutput, 'mapped').taxAdjustments.length > 0)
    problems.push('Tax Amount mapped: tax adjustments');
  if (cents(refund.amount) === cents(invoice.invoiceTotal)) {
    stats.full += 1;
    if (JSON.stringify(refund.creditNoteLines) !== JSON.stringify(invoice.invoiceLines))
      problems.push('a full refund does not repeat the invoice lines');
    if (refund.creditNoteLineAmountTypes !== invoice.lineAmountTypes)
      problems.push('a full refund changes the amount types');
  } else {
    stats.partial += 1;
    stats.linesPerPartial = Math.max(stats.linesPerPartial, refund.creditNoteLines.length);
    const taxTypes = new Set(invoice.invoiceLines.filter((l) => l.kind !== 'rounding').map((l) => l.taxType));
    if (refund.creditNoteLines.some((l) => !taxTypes.has(l.taxType)))
      problems.push('a partial credit note uses a tax rate the invoice does not');
  }
  return problems;
}

/** An order with these refunds recorded (hundredths of its charge), and REFUNDED by status alone when `rest`. */
function refunded(order: EcwidOrder, parts: number[], rest: boolean): EcwidOrder {
  const total = cents(order.total);
  const amounts = parts.map((part) => Math.max(1, Math.floor((total * part) / 1000)));
  const recorded: number[] = [];
  let soFar = 0;
  for (const amount of amounts) {
    if (soFar + amount > total) break;
    recorded.push(amount);
    soFar += amount;
  }
  return {
    ...order,
    paymentStatus: rest || soFar === total ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    updateDate: '2026-11-20 10:00:00 +0000',
    refunds: recorded.map((amount, i) => ({
      date: `2026-11-1${i} 10:00:00 +0000`,
      source: 'CP',
      reason: 'Returned',
      amount: amount / 100,
    })),
  };
}

describe('credit-note lines, by the Xero oracle', () => {
  test('thousands of generated refunds: full, partial, several per order, the rest by status', () => {
    fc.assert(
      fc.property(
        orderArb.filter(
          (order) =>
            cents(order.total) > 0 && cents(order.total) === cents(order.totalBeforeGiftCardRedemption ?? order.total),
        ),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 0, maxLength: 3 }),
        fc.boolean(),
        (order, parts, rest) => {
          const withRefunds = refunded(order, parts, rest || parts.length === 0);
          const outputs = toRefundOutputs(withRefunds, 'USD');
          stats.orders += 1;
          for (const refund of outputs) {
            stats.refunds += 1;
            if (!refund.recordedByEcwid) stats.byStatus += 1;
            const problems = creditNoteProblems(withRefunds, refund);
            if (problems.length > 0) expect([refund.id, problems]).toEqual([refund.id, []]);
          }
        },
      ),
      { numRuns: 1500, seed: 20_261_203 },
    );
    expect(stats.refunds).toBeGreaterThan(2000);
    expect(stats.full).toBeGreaterThan(100);
    expect(stats.partial).toBeGreaterThan(1000);
    expect(stats.linesPerPartial).toBeGreaterThan(2);
  });

  test('the sandbox store’s refunds (gift cards, status-only, taxes in and on top)', () => {
    for (const pricesIncludeTax of [false, true]) {
      const store = generateStore({ seed: 31, orders: 3000, pricesIncludeTax, now: Date.UTC(2026, 10, 30) });
      for (const order of store.orders.filter(
        (o) => o.paymentStatus === 'REFUNDED' || o.paymentStatus === 'PARTIALLY_REFUNDED',
      )) {
        const ecwidOrder = order as unknown as EcwidOrder;
        for (const refund of toRefundOutputs(ecwidOrder, store.settings.currency)) {
          stats.sandboxRefunds += 1;
          const problems = creditNoteProblems(ecwidOrder, refund);
          if (problems.length > 0) expect([refund.id, problems]).toEqual([refund.id, []]);
        }
      }
    }
    expect(stats.sandboxRefunds).toBeGreaterThan(200);
  });
});
