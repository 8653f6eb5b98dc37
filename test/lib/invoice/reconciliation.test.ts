import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { invoiceWithDiagnostics, toInvoice } from '../../../lib/invoice/invoice.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';
import { renderXeroInvoice } from '../../../tools/docs/zap-templates.js';
import { generateStore } from '../../../tools/sandbox/store.js';
import { orderArb } from '../../arbitraries/orders.js';
import { cents, chargedBeforeGiftCards, checkInvoice, fixture, invoiceProblems, invoiceSum, stats, taxProblems } from './invoice-checks.js';

afterAll(() => console.log(`invoice figures: ${JSON.stringify(stats)}`));

describe('totals that do not add up', () => {
  const base = fixture('coupon-on-some-items.json');

  test('one cent of rounding goes onto the largest tax (Exclusive), no extra line', () => {
    const order = { ...base, total: 53.49, totalBeforeGiftCardRedemption: 53.49 };
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
    expect(diagnostics).toMatchObject({ residualUnits: 1, adjusted: 'rounding' });
    expect(invoice.invoiceLines.map((l) => l.taxAmount)).toEqual([1.77, 1.4, -0.18, 0.41, 0.11]);
    checkInvoice(order, invoice);
  });

  test('one cent of rounding on a tax-inclusive order goes onto the largest single-quantity line', () => {
    const order = fixture('edge-gift-card-gross-surcharge.json');
    const off = { ...order, totalBeforeGiftCardRedemption: 58.45, total: 33.45 };
    const { invoice, diagnostics } = invoiceWithDiagnostics(off, 'EUR');
    expect(diagnostics.adjusted).toBe('rounding');
    expect(invoice.invoiceLines.map((l) => l.lineAmount)).toEqual([59.97, 0, -6.01, -2, 4.99, 1.5]);
    expect(invoice.invoiceLines[2].unitAmount).toBe(-6.01);
  });

  test('more than a cent becomes an explicit adjustment line that says why', () => {
    const order = { ...base, total: 50, totalBeforeGiftCardRedemption: 50 };
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
    expect(diagnostics).toMatchObject({ residualUnits: -348, adjusted: 'adjustment' });
    expect(invoice.invoiceLines.at(-1)).toEqual({
      kind: 'adjustment',
      description: "Adjustment: Ecwid's order total is 50.00, its parts add up to 53.48",
      itemCode: '',
      quantity: 1,
      unitAmount: -3.48,
      taxAmount: 0,
      taxRate: 0,
      taxName: '',
      lineAmount: -3.48,
    });
    checkInvoice(order, invoice);
  });

  test('property: whatever the error in Ecwid\'s total, the invoice adds up to it', () => {
    fc.assert(
      fc.property(orderArb, fc.integer({ min: -5000, max: 5000 }), (order, delta) => {
        const off = {
          ...order,
          total: (cents(order.total) + delta) / 100,
          totalBeforeGiftCardRedemption: (cents(order.totalBeforeGiftCardRedemption) + delta) / 100,
        };
        const { invoice, diagnostics } = invoiceWithDiagnostics(off, 'USD');
        const problems = invoiceProblems(off, invoice);
        if (invoice.invoiceLines.some((l) => l.kind === 'adjustment') !== (diagnostics.adjusted === 'adjustment')) problems.push('adjustment line without a reason');
        if (diagnostics.adjusted === 'adjustment' && Math.abs(diagnostics.residualUnits) <= 1 && invoice.invoiceLines.length > 1) {
          problems.push('a cent became an adjustment line');
        }
        if (problems.length > 0) expect(problems).toEqual([]);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});

describe('property: thousands of generated orders (tax in and out of prices, several taxes, every discount kind…)', () => {
  test('Σ lineAmount (+ Σ taxAmount when Exclusive) = the amount charged before gift cards, with no correction', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
        stats.generated += 1;
        stats.maxResidualCents = Math.max(stats.maxResidualCents, Math.abs(diagnostics.residualUnits));
        if (diagnostics.adjusted === 'rounding') stats.rounding += 1;
        if (diagnostics.adjusted === 'adjustment') stats.adjustments += 1;
        const rendered = cents(renderXeroInvoice({ ...invoice }).total);
        const problems = [
          ...invoiceProblems(order, invoice),
          ...taxProblems(invoice),
          ...(diagnostics.adjusted === 'none' ? [] : [`${diagnostics.adjusted} of ${diagnostics.residualUnits}`]),
          // The Xero invoice the recipe creates totals the same.
          ...(rendered === chargedBeforeGiftCards(order) ? [] : [`the rendered Xero invoice totals ${rendered}`]),
        ];
        if (problems.length > 0) expect(problems).toEqual([]);
      }),
      { numRuns: 5000, seed: 20_240_904 },
    );
  });
});

describe('sandbox stores (sandbox/store.ts generateStore)', () => {
  test.each([false, true])('every order of a seeded 2,000-order store reconciles (pricesIncludeTax %s)', (pricesIncludeTax) => {
    const store = generateStore({ seed: 6, orders: 2000, pricesIncludeTax, now: Date.UTC(2025, 0, 15) });
    expect(store.orders).toHaveLength(2000);
    for (const order of store.orders as unknown as EcwidOrder[]) {
      const { invoice, diagnostics } = invoiceWithDiagnostics(order, store.settings.currency);
      stats.sandbox += 1;
      stats.maxResidualCents = Math.max(stats.maxResidualCents, Math.abs(diagnostics.residualUnits));
      const problems = [...invoiceProblems(order, invoice), ...taxProblems(invoice), ...(diagnostics.adjusted === 'none' ? [] : [diagnostics.adjusted])];
      if (problems.length > 0) expect({ order: order.id, problems }).toEqual({ order: order.id, problems: [] });
    }
  });
});

describe('currencies with other precisions', () => {
  test('JPY: whole yen, tax included', () => {
    const order: EcwidOrder = {
      id: 'JP1',
      pricesIncludeTax: true,
      subtotal: 3300,
      tax: 300,
      couponDiscount: 0,
      discount: 0,
      totalBeforeGiftCardRedemption: 3300,
      total: 3300,
      items: [{ name: 'Matcha', price: 1100, quantity: 3, taxes: [{ name: 'Consumption tax', value: 10, taxOnDiscountedSubtotal: 300, total: 300 }] }],
    };
    const invoice = toInvoice(order, 'JPY');
    expect(invoice.invoiceLines[0]).toMatchObject({ lineAmount: 3300, taxAmount: 300, taxRate: 10 });
    expect(invoice.invoiceTotal).toBe(3300);
  });

  test('KWD: three decimals, tax on top, coupon taxed at the same rate', () => {
    const order: EcwidOrder = {
      id: 'KW1',
      pricesIncludeTax: false,
      subtotal: 3.702,
      couponDiscount: 0.37,
      discount: 0,
      tax: 0.167,
      totalBeforeGiftCardRedemption: 3.499,
      total: 3.499,
      discountCoupon: { code: 'TEN' },
      items: [{ name: 'Dates', price: 1.234, quantity: 3, couponAmount: 0.37, taxes: [{ name: 'VAT', value: 5, taxOnDiscountedSubtotal: 0.167, total: 0.167 }] }],
    };
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'KWD');
    expect(diagnostics.adjusted).toBe('none');
    expect(invoice.invoiceLines.map((l) => [l.lineAmount, l.taxAmount])).toEqual([
      [3.702, 0.186],
      [-0.37, -0.019],
    ]);
    expect(invoiceSum(invoice, 3)).toBe(3499);
  });
});
