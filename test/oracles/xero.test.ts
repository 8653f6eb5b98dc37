import { describe, expect, test } from '@jest/globals';
import {
  xeroInvoice,
  type XeroInvoiceInput,
  type XeroLineInput,
  type XeroOrganisation,
} from '../../tools/xero-oracle/xero.js';
import { parseDecimal, roundToUnits, toNumber } from '../../tools/xero-oracle/decimal.js';

/** An organisation with the rates the examples need; account 200 (Sales) defaults to the State + City rate. */
const ORG: XeroOrganisation = {
  taxRates: {
    NONE: { name: 'Tax Exempt', components: [] },
    GST15: { name: 'GST on Income', components: [{ name: 'GST', rate: 15 }] },
    TEN: { name: 'Sales 10%', components: [{ name: 'Tax', rate: 10 }] },
    VAT19: { name: 'VAT 19%', components: [{ name: 'VAT', rate: 19 }] },
    TAX001: {
      name: 'State + City',
      components: [
        { name: 'State', rate: 6.25 },
        { name: 'City', rate: 2 },
      ],
    },
    COMPOUND: {
      name: 'A + compound B',
      components: [
        { name: 'A', rate: 6 },
        { name: 'B', rate: 4, isCompound: true },
      ],
    },
  },
  accounts: { '200': { taxType: 'TAX001', name: 'Sales' }, '260': { taxType: 'NONE', name: 'Other revenue' } },
};

const line = (UnitAmount: number | string, TaxType: string, extra: Partial<XeroLineInput> = {}): XeroLineInput => ({
  Description: 'Item',
  Quantity: 1,
  UnitAmount,
  AccountCode: '200',
  TaxType,
  ...extra,
});
const invoice = (LineItems: XeroLineInput[], extra: Partial<XeroInvoiceInput> = {}): XeroInvoiceInput => ({
  Type: 'ACCREC',
  LineAmountTypes: 'Exclusive',
  LineItems,
  ...extra,
});

describe('exact decimals', () => {
  test("2.165 is read as the decimal it is written as, and rounds half-up to 2.17, banker's to 2.16", () => {
    // As a double 2.165 is 2.16499999…: float rounding would give 2.16 under either rule.
    const value = parseDecimal(2.165)!;
    expect(roundToUnits(value, 2, 'half-up')).toBe(217n);
    expect(roundToUnits(value, 2, 'bankers')).toBe(216n);
    expect(roundToUnits(parseDecimal(2.175)!, 2, 'bankers')).toBe(218n);
    expect(roundToUnits(parseDecimal(-2.165)!, 2, 'half-up')).toBe(-217n); // away from zero
    expect(roundToUnits(parseDecimal('1e-7')!, 2, 'half-up')).toBe(0n);
    expect(toNumber(parseDecimal('0.30000000000000004')!)).toBe(0.30000000000000004);
  });

  test('a thousand lines of 0.10 total 100.00 exactly (no float accumulation)', () => {
    const result = xeroInvoice(invoice(Array.from({ length: 1000 }, () => line(0.1, 'NONE'))), ORG);
    expect([result.total, result.totalCents]).toEqual([100, 10000]);
  });
});

describe('tax per line, rounded, then summed (Rounding in Xero § Line item totals)', () => {
  test("the guide's three lines at 15%: tax 11.44, total 87.74 — one line of the same subtotal would carry 11.45", () => {
    const result = xeroInvoice(invoice([line(25.06, 'GST15'), line(25.61, 'GST15'), line(25.63, 'GST15')]), ORG);
    expect(result.lines.map((l) => l.computedTax)).toEqual([3.76, 3.84, 3.84]);
    expect([result.subTotal, result.totalTax, result.total]).toEqual([76.3, 11.44, 87.74]);
    expect(xeroInvoice(invoice([line(76.3, 'GST15')]), ORG).totalTax).toBe(11.45);
  });

  test("a tie (21.65 × 10% = 2.165): 2.17 half-up, 2.16 banker's", () => {
    const input = invoice([line(21.65, 'TEN')]);
    expect(xeroInvoice(input, ORG, { rounding: 'half-up' }).totalTax).toBe(2.17);
    expect(xeroInvoice(input, ORG, { rounding: 'bankers' }).totalTax).toBe(2.16);
    expect(xeroInvoice(input, ORG, { rounding: 'bankers' }).total).toBe(23.81);
  });

  test('tax on the line total, not per unit: 3 × 3.35 at 10% is 1.01 (per unit 0.335 → 0.34 would give 1.02)', () => {
    expect(xeroInvoice(invoice([line(3.35, 'TEN', { Quantity: 3 })]), ORG).lines[0]).toMatchObject({
      lineAmount: 10.05,
      computedTax: 1.01,
    });
  });
});

describe('tax-inclusive lines: tax = amount × rate / (100 + rate)', () => {
  test('119.00 at 19% holds 19.00 of VAT; the total stays 119.00 and SubTotal excludes the tax', () => {
    const result = xeroInvoice(invoice([line(119, 'VAT19')], { LineAmountTypes: 'Inclusive' }), ORG);
    expect(result.lines[0]).toMatchObject({ lineAmount: 119, computedTax: 19, netAmount: 100 });
    expect([result.subTotal, result.totalTax, result.total]).toEqual([100, 19, 119]);
  });

  test('10.00 at 10% inclusive: 0.909… → 0.91', () => {
    expect(xeroInvoice(invoice([line(10, 'TEN')], { LineAmountTypes: 'Inclusive' }), ORG).totalTax).toBe(0.91);
  });

  test('a compound component: 6% + compound 4% is an effective 10.24%; 10,000.00 inclusive has a net of 9,071.12', () => {
    const result = xeroInvoice(invoice([line(10000, 'COMPOUND')], { LineAmountTypes: 'Inclusive' }), ORG);
    expect(result.lines[0]).toMatchObject({ effectiveRate: 10.24, computedTax: 928.88, netAmount: 9071.12 });
  });
});

describe('multi-component rates: the effective rate, once per line', () => {
  test('12.20 at State 6.25% + City 2%: Xero 1.01 (8.25% once), where rounding each tax (0.76 + 0.24) gives 1.00', () => {
    const result = xeroInvoice(invoice([line(12.2, 'TAX001')]), ORG);
    expect(result.lines[0]).toMatchObject({ effectiveRate: 8.25, computedTax: 1.01 });
    expect(result.total).toBe(13.21);
  });
});

describe('unit amounts to 2 dp unless unitdp=4 (Rounding in Xero § Unit prices)', () => {
  test("1000 × 0.061171: 60.00 at unitdp 2, 61.20 at unitdp 4 (the source system's 61.17 needs one line of 61.17)", () => {
    const input = invoice([line(0.061171, 'NONE', { Quantity: 1000 })]);
    expect(xeroInvoice(input, ORG, { unitdp: 2 }).lines[0]).toMatchObject({ unitAmount: 0.06, lineAmount: 60 });
    expect(xeroInvoice(input, ORG, { unitdp: 4 }).lines[0]).toMatchObject({ unitAmount: 0.0612, lineAmount: 61.2 });
    expect(xeroInvoice(input, ORG, { unitdp: 2 }).warnings).toEqual([expect.stringContaining('kept as 0.06')]);
  });

  test('quantity keeps 4 dp; line amount = quantity × unit amount rounded to 2 dp', () => {
    expect(xeroInvoice(invoice([line(9.99, 'NONE', { Quantity: 1.33335 })]), ORG).lines[0]).toMatchObject({
      quantity: 1.3334,
      lineAmount: 13.32,
    });
  });

  test('DiscountRate: 3 × 10.00 less 15% = 25.50; LineAmount alone fills the missing unit amount', () => {
    expect(xeroInvoice(invoice([line(10, 'NONE', { Quantity: 3, DiscountRate: 15 })]), ORG).lines[0].lineAmount).toBe(
      25.5,
    );
    const derived = xeroInvoice(
      invoice([{ Description: 'x', Quantity: 2, LineAmount: 50, AccountCode: '200', TaxType: 'NONE' }]),
      ORG,
    );
    expect(derived.lines[0]).toMatchObject({ unitAmount: 25, lineAmount: 50 });
  });
});

describe('the traps of a Zap mapping', () => {
  test("an untaxed line sent with an empty TaxType is taxed at its account's default rate", () => {
    const exempt = line(100, 'NONE', { Description: 'Gift wrap (exempt)' });
    const sentEmpty = { ...exempt, TaxType: '' };
    expect(xeroInvoice(invoice([exempt]), ORG).total).toBe(100);
    const result = xeroInvoice(invoice([sentEmpty]), ORG);
    expect(result.lines[0]).toMatchObject({ taxType: 'TAX001', taxTypeFromAccount: true, computedTax: 8.25 });
    expect(result.total).toBe(108.25);
    // On an account whose default is untaxed, the same empty type costs nothing.
    expect(xeroInvoice(invoice([{ ...sentEmpty, AccountCode: '260' }]), ORG).total).toBe(100);
  });

  test('a tax-inclusive invoice sent without LineAmountTypes is read as Exclusive: overstated by 22.61', () => {
    const lines = [line(119, 'VAT19')];
    const right = xeroInvoice(invoice(lines, { LineAmountTypes: 'Inclusive' }), ORG);
    const missing = xeroInvoice(invoice(lines, { LineAmountTypes: undefined }), ORG);
    expect([missing.lineAmountTypes, missing.lineAmountTypesDefaulted]).toEqual(['Exclusive', true]);
    expect([right.total, missing.total]).toEqual([119, 141.61]);
    expect(missing.totalCents - right.totalCents).toBe(2261); // 19% on top of a price that already held 19.00 of tax
    expect(xeroInvoice(invoice(lines, { LineAmountTypes: '' }), ORG).total).toBe(141.61);
  });

  test("a TaxAmount that differs from Xero's own becomes a tax adjustment; an equal or empty one changes nothing", () => {
    const result = xeroInvoice(
      invoice([
        line(12.2, 'TAX001', { TaxAmount: 1 }),
        line(12.2, 'TAX001', { TaxAmount: 1.01 }),
        line(12.2, 'TAX001', { TaxAmount: '' }),
      ]),
      ORG,
    );
    expect(result.taxAdjustments).toEqual([0]);
    expect(result.lines.map((l) => [l.computedTax, l.taxAmount, l.taxAdjustment])).toEqual([
      [1.01, 1, -0.01],
      [1.01, 1.01, undefined],
      [1.01, 1.01, undefined],
    ]);
    expect(result.totalTax).toBe(3.02);
    const inclusive = xeroInvoice(
      invoice([line(119, 'VAT19', { TaxAmount: 18.99 })], { LineAmountTypes: 'Inclusive' }),
      ORG,
    );
    expect([inclusive.taxAdjustments, inclusive.total, inclusive.subTotal]).toEqual([[0], 119, 100.01]);
    expect(inclusive.warnings).toEqual([expect.stringContaining('tax-inclusive')]);
  });

  test('NoTax: no line is taxed whatever its type', () => {
    const result = xeroInvoice(invoice([line(100, 'TAX001'), line(50, '')], { LineAmountTypes: 'NoTax' }), ORG);
    expect([result.totalTax, result.total, result.errors]).toEqual([0, 150, []]);
  });
});

describe('what Xero rejects', () => {
  const errorsOf = (lines: XeroLineInput[], extra: Partial<XeroInvoiceInput> = {}) =>
    xeroInvoice(invoice(lines, extra), ORG).errors.map((e) => `${e.line ?? '-'}:${e.field}`);

  test('descriptions: empty or blank, and longer than 4,000 characters', () => {
    expect(
      errorsOf([
        line(1, 'NONE', { Description: '' }),
        line(1, 'NONE', { Description: '  ' }),
        line(1, 'NONE', { Description: 'x'.repeat(4000) }),
      ]),
    ).toEqual(['0:Description', '1:Description']);
    expect(errorsOf([line(1, 'NONE', { Description: 'x'.repeat(4001) })])).toEqual(['0:Description']);
  });

  test('item codes over 30 characters, or unknown to the organisation when it lists its items', () => {
    expect(
      errorsOf([line(1, 'NONE', { ItemCode: 'A'.repeat(30) }), line(1, 'NONE', { ItemCode: 'A'.repeat(31) })]),
    ).toEqual(['1:ItemCode']);
    const org = { ...ORG, itemCodes: ['MUG'] };
    expect(
      xeroInvoice(invoice([line(1, 'NONE', { ItemCode: 'MUG' }), line(1, 'NONE', { ItemCode: 'CUP' })]), org).errors,
    ).toEqual([{ line: 1, field: 'ItemCode', message: "Item code 'CUP' is not valid" }]);
  });

  test('unknown tax types and account codes; no type and no account', () => {
    expect(
      errorsOf([
        line(1, 'State tax + City tax'),
        line(1, 'NONE', { AccountCode: '999' }),
        line(1, '', { AccountCode: '' }),
      ]),
    ).toEqual(['0:TaxType', '1:AccountCode', '2:TaxType']);
  });

  test('a negative total, a negative quantity, a discount on a credit note', () => {
    expect(errorsOf([line(10, 'NONE'), line(-10.01, 'NONE')])).toEqual(['-:Total']);
    expect(errorsOf([line(10, 'NONE'), line(-10, 'NONE')])).toEqual([]);
    expect(errorsOf([line(10, 'NONE', { Quantity: -1, UnitAmount: -10 })])).toEqual(['0:Quantity']);
    expect(errorsOf([line(10, 'NONE', { DiscountRate: 10 })], { Type: 'ACCRECCREDIT' })).toEqual(['0:DiscountRate']);
  });

  test('a credit note is totalled like an invoice', () => {
    expect(xeroInvoice(invoice([line(21.65, 'TEN')], { Type: 'ACCRECCREDIT' }), ORG).total).toBe(23.82);
  });
});

describe('currencies without two decimals: Xero works at 2 dp, and the oracle says what that leaves', () => {
  test('JPY 1,000 inclusive at 10% carries 90.91 of tax: fractions of a yen, flagged', () => {
    const result = xeroInvoice(
      invoice([line(1000, 'TEN')], { LineAmountTypes: 'Inclusive', CurrencyCode: 'JPY' }),
      ORG,
    );
    expect([result.total, result.totalTax]).toEqual([1000, 90.91]);
    expect(result.warnings).toEqual([expect.stringContaining('fractions')]);
    expect(xeroInvoice(invoice([line(1000, 'NONE')], { CurrencyCode: 'JPY' }), ORG).warnings).toEqual([]);
  });

  test('KWD 1.234 is kept as 1.23 at unitdp 2', () => {
    const result = xeroInvoice(invoice([line(1.234, 'NONE')], { CurrencyCode: 'KWD' }), ORG);
    expect(result.total).toBe(1.23);
    expect(result.warnings).toEqual([expect.stringContaining('kept as 1.23'), expect.stringContaining('KWD')]);
  });
});
