import { describe, expect, test } from '@jest/globals';
import { INVOICE_OUTPUT_FIELDS, INVOICE_SAMPLE } from '../../../lib/invoice/fields.js';
import { ECWID_SAMPLE_ORDER } from '../../../lib/orders/sample-ecwid-order.js';
import { checkInvoice, lineRows } from './invoice-checks.js';

describe('output fields and sample', () => {
  test('INVOICE_SAMPLE: the sample order (lib/orders/sample-ecwid-order.ts) as Xero totals it, with its Xero codes', () => {
    expect(lineRows(INVOICE_SAMPLE.invoiceLines)).toEqual([
      [
        'product',
        'Organic T-shirt (Size: L, Color: Black) — less Discount coupon: 10% off (WELCOME10) 4.00; Volume discount: Autumn sale 1.80',
        2,
        17.1,
        34.2,
        3.42,
        'VAT',
        '200',
      ],
      [
        'product',
        'Ceramic mug — less Discount coupon: 10% off (WELCOME10) 2.00; Volume discount: Autumn sale 1.20',
        1,
        16.8,
        16.8,
        1.68,
        'VAT',
        '200',
      ],
      ['shipping', 'Shipping: Standard shipping and Handling', 1, 10, 10, 1, 'VAT', '260'],
    ]);
    checkInvoice(ECWID_SAMPLE_ORDER, INVOICE_SAMPLE);
    expect(INVOICE_SAMPLE).toMatchObject({
      invoiceTotal: 67.1,
      contactName: 'Jane Doe',
      contactCountry: 'NZ',
      invoiceReference: 'SHOP-X8UYE',
    });
  });

  test('every sample key has an output field of the same type, and every output field a sample key', () => {
    const sampleKeys = new Map<string, unknown>([
      ...Object.entries(INVOICE_SAMPLE).filter(([key]) => key !== 'invoiceLines'),
      ...Object.entries(INVOICE_SAMPLE.invoiceLines[0]).map(
        ([key, value]) => [`invoiceLines[]${key}`, value] as [string, unknown],
      ),
    ]);
    expect(INVOICE_OUTPUT_FIELDS.map((f) => f.key).sort()).toEqual([...sampleKeys.keys()].sort());
    for (const field of INVOICE_OUTPUT_FIELDS) {
      expect([field.key, typeof sampleKeys.get(field.key)]).toEqual([field.key, field.type]);
      expect(field.label).toMatch(/^[A-Z]/);
    }
  });
});
