import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import {
  INVOICE_OUTPUT_FIELDS,
  INVOICE_SAMPLE,
  invoiceWithDiagnostics,
  toInvoice,
  type Invoice,
  type InvoiceLine,
} from '../lib/invoice/invoice.js';
import { ECWID_SAMPLE_ORDER } from '../lib/orders/sample-ecwid-order.js';
import type { EcwidOrder } from '../lib/ecwid/types.js';
import { renderXeroInvoice } from '../tools/docs/zap-templates.js';
import { generateStore } from '../tools/sandbox/store.js';
import { orderArb } from './arbitraries/orders.js';

const FIXTURES = 'test/fixtures/orders';
const fixture = (name: string): EcwidOrder => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8'));
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

const LINE_KEYS = ['description', 'itemCode', 'kind', 'lineAmount', 'quantity', 'taxAmount', 'taxName', 'taxRate', 'unitAmount'];
const KINDS = ['product', 'shipping', 'handling', 'surcharge', 'discount', 'adjustment'];

const cents = (amount: number | undefined, digits = 2): number => Math.round(Number(((amount ?? 0) * 10 ** digits).toPrecision(15)));

/** What the order was charged before gift cards, as Ecwid states it. */
const chargedBeforeGiftCards = (order: EcwidOrder, digits = 2): number =>
  order.totalBeforeGiftCardRedemption !== undefined
    ? cents(order.totalBeforeGiftCardRedemption, digits)
    : cents(order.total, digits) + cents(order.giftCardRedemption, digits);

/** The rule of issue 6, in integer minor units. */
const invoiceSum = (invoice: Invoice, digits = 2): number =>
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
const stats = {
  generated: 0,
  sandbox: 0,
  maxResidualCents: 0,
  rounding: 0,
  adjustments: 0,
  maxTaxDeviationCents: {} as Record<string, number>,
};
afterAll(() => console.log(`invoice figures: ${JSON.stringify(stats)}`));

/** What is wrong with an invoice, whatever the order (empty when nothing): plain checks, one expect per order. */
function invoiceProblems(order: EcwidOrder, invoice: Invoice): string[] {
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

const checkInvoice = (order: EcwidOrder, invoice: Invoice): void => expect(invoiceProblems(order, invoice)).toEqual([]);

/** Lines whose tax is not within a cent of rate × amount where one rate applies (product lines: a cent and a half). */
function taxProblems(invoice: Invoice): string[] {
  if (invoice.lineAmountTypes === 'NoTax') return [];
  return invoice.invoiceLines.flatMap((line, n) => {
    if (taxCount(line) !== 1) return [];
    const deviation = taxDeviation(line, invoice.lineAmountTypes);
    stats.maxTaxDeviationCents[line.kind] = Math.max(stats.maxTaxDeviationCents[line.kind] ?? 0, Number(deviation.toFixed(3)));
    return deviation < (line.kind === 'product' ? 1.5 : 1) ? [] : [`line ${n} (${line.kind}) tax ${line.taxAmount} is ${deviation} cents off ${line.taxRate}% of ${line.lineAmount}`];
  });
}

const checkTaxConsistency = (invoice: Invoice): void => expect(taxProblems(invoice)).toEqual([]);

describe('fixtures modelled on the order examples in Ecwid\'s docs', () => {
  test.each(fixtureNames)('%s reconciles exactly, without rounding or adjustment', (name) => {
    const order = fixture(name);
    const { invoice, diagnostics } = invoiceWithDiagnostics(order, 'USD');
    checkInvoice(order, invoice);
    checkTaxConsistency(invoice);
    expect(diagnostics).toMatchObject({ residualUnits: 0, adjusted: 'none' });
  });

  test('the 2020 two-item example: coupon and promotion lines, shipping tax split from handling, no tax counted twice', () => {
    const invoice = toInvoice(fixture('ecwid-docs-2020-two-items.json'), 'USD');
    const rows = invoice.invoiceLines.map((l) => [l.kind, l.description, l.itemCode, l.quantity, l.unitAmount, l.lineAmount, l.taxAmount, l.taxRate, l.taxName]);
    expect(rows).toEqual([
      ['product', 'iMac (Price-Optimizer: 6)', 'ABCA-IAC', 1, 1060, 1060, 339.2, 32, 'State tax + TVA'],
      ['product', 'Mug (Color: White, Size: 11oz, Price-Optimizer: 4)', '001001', 1, 16.64, 16.64, 5.33, 32, 'State tax + TVA'],
      ['discount', 'Discount coupon: API Testing (APITESTING)', '', 1, -22, -22, -7.04, 32, 'State tax + TVA'],
      ['discount', 'Volume discount', '', 1, -4, -4, -1.28, 32, 'State tax + TVA'],
      ['shipping', 'Shipping: USPS Priority Mail', '', 1, 471.85, 471.85, 150.99, 32, 'State tax + TVA'],
      ['handling', 'Handling Fee', '', 1, 4, 4, 1.28, 32, 'State tax + TVA'],
    ]);
    // 1076.64 − 22 − 4 + 471.85 + 4 = 1526.49 net, + 488.48 tax = 2014.97, Ecwid's total.
    expect([invoice.lineAmountTypes, invoice.invoiceTaxTotal, invoice.invoiceTotal]).toEqual(['Exclusive', 488.48, 2014.97]);
  });

  test('the 2014 example: a coupon without per-item amounts and an old order without totalBeforeGiftCardRedemption', () => {
    const invoice = toInvoice(fixture('ecwid-docs-2014-search.json'), 'USD');
    expect(invoice.invoiceLines.map((l) => [l.kind, l.lineAmount, l.taxAmount])).toEqual([
      ['product', 29.95, 2.09],
      ['discount', -1.5, -0.1],
      ['discount', -2.85, -0.2],
      ['shipping', 10, 0],
    ]);
    expect(invoice.invoiceTotal).toBe(37.39);
  });

  test('the 2024 example (prices include tax): one Inclusive line, contact from Ecwid\'s first/last names', () => {
    const invoice = toInvoice(fixture('ecwid-docs-2024-last-order.json'), 'EUR');
    expect(invoice).toMatchObject({
      lineAmountTypes: 'Inclusive',
      invoiceTotal: 10,
      invoiceTaxTotal: 0.91,
      currency: 'EUR',
      contactName: 'API Team',
      contactFirstName: 'Support',
      contactLastName: 'Team',
      contactCompany: 'Ecwid API Team',
      contactCountry: 'ES',
    });
  });

  test('gift card: a payment, not a line; the invoice is the amount before it', () => {
    const invoice = toInvoice(fixture('edge-gift-card-gross-surcharge.json'), 'EUR');
    expect([invoice.invoiceTotal, invoice.giftCardRedemption]).toEqual([58.46, 25]);
    expect(invoice.invoiceLines.map((l) => l.kind)).toEqual(['product', 'product', 'discount', 'discount', 'shipping', 'surcharge']);
    expect(invoice.invoiceLines.find((l) => l.kind === 'shipping')).toMatchObject({ taxAmount: 0.33, taxName: 'VAT reduced', taxRate: 7 });
  });

  test('no items, no billing or shipping person, no e-mail: an empty NoTax invoice with every contact key empty', () => {
    const invoice = toInvoice(fixture('edge-no-items-no-people.json'), 'USD');
    expect(invoice.invoiceLines).toEqual([]);
    expect(invoice.lineAmountTypes).toBe('NoTax');
    const contact = Object.entries(invoice).filter(([key]) => key.startsWith('contact'));
    expect(contact).toHaveLength(12);
    expect(contact.every(([, value]) => value === '')).toBe(true);
  });
});

describe('ambiguous fields: the lines are the same whichever way Ecwid meant them', () => {
  const base = fixture('ecwid-docs-2020-two-items.json');
  const linesOf = (order: EcwidOrder) => toInvoice(order, 'USD').invoiceLines;

  test('`discount` including the coupon (as one Ecwid description says) does not subtract the coupon twice', () => {
    const withCoupon = { ...base, discount: 26 };
    expect(linesOf(withCoupon)).toEqual(linesOf(base));
    expect(invoiceWithDiagnostics(withCoupon, 'USD').diagnostics.reading.couponInDiscount).toBe(true);
  });

  test('shipping tax listed only on the items, or only in taxesOnShipping, is counted once', () => {
    const itemsOnly = { ...base, taxesOnShipping: [] };
    expect(linesOf(itemsOnly)).toEqual(linesOf(base));
    const listOnly = {
      ...base,
      items: base.items!.map((item) => ({ ...item, taxes: item.taxes!.map((t) => ({ ...t, taxOnShipping: 0, total: t.taxOnDiscountedSubtotal })) })),
    };
    expect(linesOf(listOnly)).toEqual(linesOf(base));
  });

  test('custom discounts inside `discount` or on top of it', () => {
    const order = fixture('edge-gift-card-gross-surcharge.json');
    const outside = { ...order, discount: 6 };
    expect(linesOf(outside)).toEqual(linesOf(order));
  });

  test('an explicit tax of 0 (tax-exempt buyer) makes a NoTax invoice whatever rates the items list', () => {
    const exempt = { ...base, tax: 0, total: 1526.49, totalBeforeGiftCardRedemption: 1526.49 };
    const invoice = toInvoice(exempt, 'USD');
    expect(invoice.lineAmountTypes).toBe('NoTax');
    expect(invoice.invoiceLines.every((l) => l.taxAmount === 0 && l.taxName === '')).toBe(true);
    expect(invoice.invoiceTotal).toBe(1526.49);
  });
});

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

describe('output fields and sample', () => {
  test('INVOICE_SAMPLE: the sample order (lib/samples.ts) as invoice lines that add up', () => {
    expect(INVOICE_SAMPLE.invoiceLines.map((l) => [l.kind, l.description, l.lineAmount, l.taxAmount])).toEqual([
      ['product', 'Organic T-shirt (Size: L, Color: Black)', 40, 4],
      ['product', 'Ceramic mug', 20, 2],
      ['discount', 'Discount coupon: 10% off (WELCOME10)', -6, -0.6],
      ['discount', 'Volume discount: Autumn sale', -3, -0.3],
      ['shipping', 'Shipping: Standard shipping', 8, 0.8],
      ['handling', 'Handling', 2, 0.2],
    ]);
    checkInvoice(ECWID_SAMPLE_ORDER, INVOICE_SAMPLE);
    expect(INVOICE_SAMPLE).toMatchObject({ invoiceTotal: 67.1, contactName: 'Jane Doe', contactCountry: 'NZ', invoiceReference: 'SHOP-X8UYE' });
  });

  test('every sample key has an output field of the same type, and every output field a sample key', () => {
    const sampleKeys = new Map<string, unknown>([
      ...Object.entries(INVOICE_SAMPLE).filter(([key]) => key !== 'invoiceLines'),
      ...Object.entries(INVOICE_SAMPLE.invoiceLines[0]).map(([key, value]) => [`invoiceLines[]${key}`, value] as [string, unknown]),
    ]);
    expect(INVOICE_OUTPUT_FIELDS.map((f) => f.key).sort()).toEqual([...sampleKeys.keys()].sort());
    for (const field of INVOICE_OUTPUT_FIELDS) {
      expect([field.key, typeof sampleKeys.get(field.key)]).toEqual([field.key, field.type]);
      expect(field.label).toMatch(/^[A-Z]/);
    }
  });
});
