import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { invoiceWithDiagnostics, toInvoice } from '../../../lib/invoice/invoice.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';
import { generateStore } from '../../../tools/sandbox/store.js';
import { orderArb } from '../../arbitraries/orders.js';
import { cents, checkInvoice, fixture, invoiceProblems, xeroProblems } from './invoice-checks.js';

/** Figures for the report, printed once at the end. */
const stats = {
  generated: 0,
  sandbox: 0,
  roundingLines: 0,
  maxRoundingCents: 0,
  adjustments: 0,
  /** Invoices Xero would total differently, or lines whose tax it would compute differently, under banker's rounding. */
  bankersInvoicesOff: 0,
  bankersLinesOff: 0,
};
afterAll(() => console.log(`invoice figures: ${JSON.stringify(stats)}`));

/** Every check, and the figures: rounding lines, and what banker's rounding would change. */
function measured(order: EcwidOrder, currency: string): string[] {
  const { invoice, diagnostics } = invoiceWithDiagnostics(order, currency);
  if (diagnostics.roundingCents !== 0) stats.roundingLines += 1;
  stats.maxRoundingCents = Math.max(stats.maxRoundingCents, Math.abs(diagnostics.roundingCents));
  if (diagnostics.adjusted === 'adjustment') stats.adjustments += 1;
  const bankers = xeroProblems(order, invoice, { rounding: 'bankers' });
  if (bankers.some((p) => p.startsWith('Xero totals'))) stats.bankersInvoicesOff += 1;
  stats.bankersLinesOff += bankers.filter((p) => / taxAmount /.test(p)).length;
  return [
    ...invoiceProblems(order, invoice),
    ...(diagnostics.adjusted === 'none' ? [] : [`${diagnostics.adjusted} of ${diagnostics.residualUnits}`]),
  ];
}

describe("Xero's rounding: what it leaves becomes one explicit untaxed line", () => {
  // State 6.25% + City 2% on 12.20: Ecwid rounds each tax, 0.7625 → 0.76 and 0.244 → 0.24 = 1.00; Xero rounds
  // their sum once, 8.25% × 12.20 = 1.0065 → 1.01: one cent more than Ecwid charged.
  const order: EcwidOrder = {
    id: 'MULTI1',
    pricesIncludeTax: false,
    subtotal: 12.2,
    tax: 1,
    total: 13.2,
    totalBeforeGiftCardRedemption: 13.2,
    items: [
      {
        name: 'Candle',
        sku: 'CANDLE',
        price: 12.2,
        quantity: 1,
        taxes: [
          { name: 'State tax', value: 6.25, total: 0.76, taxOnDiscountedSubtotal: 0.76 },
          { name: 'City tax', value: 2, total: 0.24, taxOnDiscountedSubtotal: 0.24 },
        ],
      },
    ],
  };

  test('State + City tax: Xero computes one cent more than Ecwid charged, and a −0.01 rounding line takes it back', () => {
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
    expect(invoice.invoiceLines).toEqual([
      expect.objectContaining({
        kind: 'product',
        lineAmount: 12.2,
        taxAmount: 1.01,
        ecwidTaxAmount: 1,
        taxRate: 8.25,
        taxType: 'State tax + City tax',
      }),
      {
        kind: 'rounding',
        description: 'Rounding: Ecwid charged 13.20; Xero totals the other lines to 13.21',
        itemCode: '',
        quantity: 1,
        unitAmount: -0.01,
        taxAmount: 0,
        taxRate: 0,
        taxName: '',
        lineAmount: -0.01,
        taxType: 'NONE',
        accountCode: '860',
        sku: '',
        ecwidTaxAmount: 0,
      },
    ]);
    expect(invoice).toMatchObject({
      invoiceTotal: 13.2,
      invoiceTaxTotal: 1.01,
      ecwidTaxTotal: 1,
      taxDifferenceFromEcwid: 0.01,
      roundingAmount: -0.01,
    });
    expect(diagnostics).toMatchObject({ residualUnits: 0, adjusted: 'none', roundingCents: -1 });
    checkInvoice(order, invoice);
  });
});

describe("totals that do not add up by Ecwid's own figures", () => {
  const base = fixture('coupon-on-some-items.json');

  test("one cent off Ecwid's total is rounding: the rounding line carries it, no tax moves", () => {
    const order = { ...base, total: 53.49, totalBeforeGiftCardRedemption: 53.49 };
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
    expect(diagnostics).toMatchObject({ residualUnits: 1, adjusted: 'rounding', roundingCents: 1 });
    expect(invoice.invoiceLines.map((l) => [l.kind, l.lineAmount, l.taxAmount])).toEqual([
      ['product', 22.5, 1.58],
      ['product', 19.99, 1.4],
      ['shipping', 7.49, 0.52],
      ['rounding', 0.01, 0],
    ]);
    checkInvoice(order, invoice);
  });

  test('more than a cent becomes an explicit untaxed adjustment line that says why', () => {
    const order = { ...base, total: 50, totalBeforeGiftCardRedemption: 50 };
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
    expect(diagnostics).toMatchObject({ residualUnits: -348, adjusted: 'adjustment', roundingCents: 0 });
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
      taxType: 'NONE',
      accountCode: '200',
      sku: '',
      ecwidTaxAmount: 0,
    });
    checkInvoice(order, invoice);
  });

  test("property: whatever the error in Ecwid's total, Xero totals the invoice to it", () => {
    fc.assert(
      fc.property(orderArb, fc.integer({ min: -5000, max: 5000 }), (order, delta) => {
        const off = {
          ...order,
          total: (cents(order.total) + delta) / 100,
          totalBeforeGiftCardRedemption: (cents(order.totalBeforeGiftCardRedemption) + delta) / 100,
        };
        const { invoice, diagnostics } = invoiceWithDiagnostics(off, 'USD');
        const problems = invoiceProblems(off, invoice);
        if (invoice.invoiceLines.some((l) => l.kind === 'adjustment') !== (diagnostics.adjusted === 'adjustment'))
          problems.push('adjustment line without a reason');
        if (problems.length > 0) expect(problems).toEqual([]);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});

describe('property: thousands of generated orders (tax in and out of prices, several taxes, every discount kind…)', () => {
  test('Xero totals each to what Ecwid charged before gift cards, each line carries the tax Xero computes (unitdp 2 and 4)', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        stats.generated += 1;
        const problems = measured(order, 'USD');
        if (problems.length > 0) expect(problems).toEqual([]);
      }),
      { numRuns: 5000, seed: 20_240_904 },
    );
  });
});

describe('sandbox stores (tools/sandbox/store.ts generateStore)', () => {
  test.each([false, true])('every order of a seeded 2,000-order store (pricesIncludeTax %s)', (pricesIncludeTax) => {
    const store = generateStore({ seed: 6, orders: 2000, pricesIncludeTax, now: Date.UTC(2025, 0, 15) });
    expect(store.orders).toHaveLength(2000);
    for (const order of store.orders as unknown as EcwidOrder[]) {
      stats.sandbox += 1;
      const problems = measured(order, store.settings.currency);
      if (problems.length > 0) expect({ order: order.id, problems }).toEqual({ order: order.id, problems: [] });
    }
  });
});

describe('currencies with other precisions (Xero keeps 2 decimals whatever the currency)', () => {
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
      items: [
        {
          name: 'Matcha',
          price: 1100,
          quantity: 3,
          taxes: [{ name: 'Consumption tax', value: 10, taxOnDiscountedSubtotal: 300, total: 300 }],
        },
      ],
    };
    const invoice = toInvoice(order, 'JPY');
    expect(invoice.invoiceLines[0]).toMatchObject({
      quantity: 3,
      unitAmount: 1100,
      lineAmount: 3300,
      taxAmount: 300,
      taxRate: 10,
    });
    expect(invoice.invoiceTotal).toBe(3300);
    checkInvoice(order, invoice);
  });

  test("JPY, tax on top: Xero's tax has fractions of a yen, the rounding line brings the total to the yen Ecwid charged", () => {
    const order: EcwidOrder = {
      id: 'JP2',
      pricesIncludeTax: false,
      subtotal: 999,
      tax: 80,
      totalBeforeGiftCardRedemption: 1079,
      total: 1079,
      items: [
        {
          name: 'Sencha',
          price: 999,
          quantity: 1,
          taxes: [{ name: 'Consumption tax', value: 8, taxOnDiscountedSubtotal: 80, total: 80 }],
        },
      ],
    };
    const invoice = toInvoice(order, 'JPY');
    expect(invoice.invoiceLines.map((l) => [l.kind, l.lineAmount, l.taxAmount])).toEqual([
      ['product', 999, 79.92],
      ['rounding', 0.08, 0],
    ]);
    expect([
      invoice.invoiceTotal,
      invoice.invoiceTaxTotal,
      invoice.ecwidTaxTotal,
      invoice.taxDifferenceFromEcwid,
    ]).toEqual([1079, 79.92, 80, -0.08]);
    checkInvoice(order, invoice);
  });

  test("KWD: three decimals, tax on top, coupon folded in, at Xero's 2 decimals", () => {
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
      items: [
        {
          name: 'Dates',
          price: 1.234,
          quantity: 3,
          couponAmount: 0.37,
          taxes: [{ name: 'VAT', value: 5, taxOnDiscountedSubtotal: 0.167, total: 0.167 }],
        },
      ],
    };
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'KWD');
    expect(diagnostics.adjusted).toBe('none');
    // 3.702 − 0.370 = 3.332 → Xero's 3.33 = 3 × 1.11; tax 5% = 0.1665 → 0.17; 3.50 is Ecwid's 3.499 at 2 decimals.
    expect(
      invoice.invoiceLines.map((l) => [l.kind, l.quantity, l.unitAmount, l.lineAmount, l.taxAmount, l.ecwidTaxAmount]),
    ).toEqual([['product', 3, 1.11, 3.33, 0.17, 0.167]]);
    expect(invoice.invoiceTotal).toBe(3.5);
    checkInvoice(order, invoice);
  });
});
