import { describe, expect, test } from '@jest/globals';
import { invoiceWithDiagnostics, toInvoice } from '../../../lib/invoice/invoice.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';
import { checkInvoice, fixture, fixtureNames, lineRows } from './invoice-checks.js';

/** The store currency of a fixture: named in its file name (`…-jpy.json`), else US dollars. */
const currencyOf = (name: string): string => /-(jpy|bhd|eur)\.json$/.exec(name)?.[1].toUpperCase() ?? 'USD';

const rowsOf = (order: EcwidOrder, currency = 'USD') => lineRows(toInvoice(order, currency).invoiceLines);

describe("fixtures modelled on the order examples in Ecwid's docs", () => {
  test.each(fixtureNames)(
    '%s: Xero totals it to what Ecwid charged, each line carrying the tax Xero computes',
    (name) => {
      const order = fixture(name);
      const { invoice, diagnostics } = invoiceWithDiagnostics(order, currencyOf(name));
      checkInvoice(order, invoice);
      expect(diagnostics).toMatchObject({ residualUnits: 0, adjusted: 'none' });
    },
  );

  test('the 2020 two-item example: coupon and volume discount folded into the items, shipping and handling taxed as one', () => {
    const order = fixture('ecwid-docs-2020-two-items.json');
    expect(rowsOf(order)).toEqual([
      [
        'product',
        'iMac (Price-Optimizer: 6) — less Discount coupon: API Testing (APITESTING) 21.66; Volume discount 3.94',
        1,
        1034.4,
        1034.4,
        331.01,
        'State tax + TVA',
        '200',
      ],
      [
        'product',
        'Mug (Color: White, Size: 11oz, Price-Optimizer: 4) — less Discount coupon: API Testing (APITESTING) 0.34; Volume discount 0.06',
        1,
        16.24,
        16.24,
        5.2,
        'State tax + TVA',
        '200',
      ],
      [
        'shipping',
        'Shipping: USPS Priority Mail and Handling Fee',
        1,
        475.85,
        475.85,
        152.27,
        'State tax + TVA',
        '260',
      ],
    ]);
    // 1034.40 + 16.24 + 475.85 = 1526.49 net, + 488.48 tax = 2014.97, Ecwid's total; Ecwid's tax is Xero's.
    expect(toInvoice(order, 'USD')).toMatchObject({
      lineAmountTypes: 'Exclusive',
      invoiceTaxTotal: 488.48,
      invoiceTotal: 2014.97,
      ecwidTaxTotal: 488.48,
      taxDifferenceFromEcwid: 0,
      roundingAmount: 0,
    });
  });

  test('the 2014 example: a coupon without per-item amounts; the quantity stays when the discounted unit is whole cents', () => {
    const invoice = toInvoice(fixture('ecwid-docs-2014-search.json'), 'USD');
    expect(
      invoice.invoiceLines.map((l) => [l.kind, l.quantity, l.unitAmount, l.lineAmount, l.taxAmount, l.taxType]),
    ).toEqual([
      ['product', 5, 5.12, 25.6, 1.79, 'Tax X'],
      ['shipping', 1, 10, 10, 0, 'NONE'],
    ]);
    expect(invoice.invoiceTotal).toBe(37.39);
  });

  test("the 2024 example (prices include tax): one Inclusive line, contact from Ecwid's first/last names", () => {
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

  test('gift card: a payment, not a line; an untaxed surcharge and a free item carry the untaxed rate', () => {
    const order = fixture('edge-gift-card-gross-surcharge.json');
    const invoice = toInvoice(order, 'EUR');
    expect([invoice.invoiceTotal, invoice.giftCardRedemption]).toEqual([58.46, 25]);
    expect(rowsOf(order, 'EUR')).toEqual([
      [
        'product',
        'Coffee beans 1kg — 3 × 19.99, less Membership discount (Members) 6.00; Loyalty points 2.00',
        1,
        51.97,
        51.97,
        8.3,
        'VAT',
        '200',
      ],
      ['product', 'Gift wrap', 1, 0, 0, 0, 'NONE', '200'],
      ['shipping', 'Shipping: DHL Paket', 1, 4.99, 4.99, 0.33, 'VAT reduced', '260'],
      ['surcharge', 'Eco packaging', 1, 1.5, 1.5, 0, 'NONE', '260'],
    ]);
  });

  test('State + City tax, an exempt item, a free-shipping coupon, taxed and untaxed surcharges: the cent Xero rounds differently is a rounding line', () => {
    const order = fixture('edge-state-city-shipping-coupon-surcharges.json');
    expect(rowsOf(order)).toEqual([
      ['product', 'Candle', 1, 12.2, 12.2, 1.01, 'State tax + City tax', '200'],
      [
        'product',
        'Desk lamp (Finish: Brass) — less Discount coupon: Spring (SPRING5) 5.00',
        2,
        22.5,
        45,
        3.71,
        'State tax + City tax',
        '200',
      ],
      ['product', 'Gift card sleeve', 2, 5, 10, 0, 'NONE', '200'],
      [
        'shipping',
        'Shipping: Ground and Handling fee — less Shipping discount 9.00',
        1,
        1.5,
        1.5,
        0.09,
        'State tax',
        '260',
      ],
      ['surcharge', 'Card fee', 1, 2, 2, 0.13, 'State tax', '260'],
      ['surcharge', 'Eco packaging', 1, 1, 1, 0, 'NONE', '260'],
      [
        'rounding',
        'Rounding: Ecwid charged 76.63; Xero totals the other lines to 76.64',
        1,
        -0.01,
        -0.01,
        0,
        'NONE',
        '860',
      ],
    ]);
    expect(toInvoice(order, 'USD')).toMatchObject({
      invoiceTotal: 76.63,
      invoiceTaxTotal: 4.94,
      ecwidTaxTotal: 4.93,
      taxDifferenceFromEcwid: 0.01,
      roundingAmount: -0.01,
    });
  });

  test("yen, two rates included, a coupon on the food: Xero's total is Ecwid's to the yen, its tax shows fractions of a yen", () => {
    const order = fixture('edge-two-rates-included-coupon-jpy.json');
    expect(rowsOf(order, 'JPY')).toEqual([
      [
        'product',
        'Matcha 30g — less Discount coupon: Tea lovers (TEA100) 100',
        2,
        1030,
        2060,
        152.59,
        'Reduced consumption tax',
        '200',
      ],
      ['product', 'Iron teapot', 1, 3300, 3300, 300, 'Consumption tax', '200'],
      ['shipping', 'Shipping: Yamato', 1, 500, 500, 45.45, 'Consumption tax', '260'],
    ]);
    expect(toInvoice(order, 'JPY')).toMatchObject({
      invoiceTotal: 5860,
      invoiceTaxTotal: 498.04,
      ecwidTaxTotal: 498,
      taxDifferenceFromEcwid: 0.04,
      roundingAmount: 0,
    });
  });

  test("dinars (three decimals): Xero's two decimals, the quantity in the description where the discounted unit is not whole cents", () => {
    const order = fixture('edge-volume-discount-three-decimals-bhd.json');
    expect(rowsOf(order, 'BHD')).toEqual([
      [
        'product',
        'Medjool dates 500g — 3 × 4.750, less Volume discount: Ramadan offer 1.425',
        1,
        12.83,
        12.83,
        1.28,
        'VAT',
        '200',
      ],
      ['shipping', 'Shipping: Aramex', 1, 1.5, 1.5, 0.15, 'VAT', '260'],
    ]);
    expect(toInvoice(order, 'BHD')).toMatchObject({
      invoiceTotal: 15.76,
      invoiceTaxTotal: 1.43,
      ecwidTaxTotal: 1.433,
      taxDifferenceFromEcwid: -0.003,
    });
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
      items: base.items!.map((item) => ({
        ...item,
        taxes: item.taxes!.map((t) => ({ ...t, taxOnShipping: 0, total: t.taxOnDiscountedSubtotal })),
      })),
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
    expect(invoice.invoiceLines.every((l) => l.taxAmount === 0 && l.taxName === '' && l.taxType === 'NONE')).toBe(true);
    expect(invoice.invoiceTotal).toBe(1526.49);
    checkInvoice(exempt, invoice);
  });
});
