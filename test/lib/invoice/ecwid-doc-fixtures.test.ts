import { describe, expect, test } from '@jest/globals';
import { invoiceWithDiagnostics, toInvoice } from '../../../lib/invoice/invoice.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';
import { checkInvoice, checkTaxConsistency, fixture, fixtureNames } from './invoice-checks.js';

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
