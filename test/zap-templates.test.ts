import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import createDiscountCoupon from '../creates/create_discount_coupon.js';
import { CUSTOMER_OUTPUT_FIELDS } from '../lib/customers/customers.js';
import { INVOICE_OUTPUT_FIELDS, INVOICE_SAMPLE, toInvoice } from '../lib/invoice/invoice.js';
import { ORDER_OUTPUT_FIELDS } from '../lib/orders/output.js';
import { PRODUCT_OUTPUT_FIELDS } from '../lib/catalog/products.js';
import {
  EXAMPLE_ORDER_OUTPUT,
  formatXeroInvoice,
  NEW_CUSTOMER_TO_XERO_CONTACT,
  NEW_PRODUCT_TO_XERO_ITEM,
  PAID_ORDER_TO_XERO_INVOICE,
  renderXeroInvoice,
  resolveSource,
  XERO_CONTACT_TO_ECWID_COUPON,
  ZAP_TEMPLATES,
  zapTemplatesMarkdown,
  type ZapTemplate,
} from '../tools/docs/zap-templates.js';
import type { EcwidOrder } from '../lib/ecwid/types.js';

/** Every `{{key}}` a recipe reads from its trigger: in fields, line items and notes. */
const placeholders = (template: ZapTemplate): string[] =>
  [...template.fields, ...(template.lineItems ?? [])]
    .flatMap((m) => [m.source, m.note ?? ''])
    .concat(template.notes)
    .flatMap((text) => [...text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]));

describe('docs/zap-templates.md', () => {
  test('is what scripts/zap-templates-doc.ts writes from lib/zap-templates.ts (regenerate it when this fails)', () => {
    // npm run build && node dist/scripts/zap-templates-doc.js
    expect(readFileSync('docs/zap-templates.md', 'utf8')).toBe(zapTemplatesMarkdown());
  });

  test('has the six recipes, and renders the first one for the sample order', () => {
    const doc = zapTemplatesMarkdown();
    expect(ZAP_TEMPLATES.map((t) => t.title)).toEqual([
      'Ecwid New Paid Order → Xero Create Sales Invoice',
      'Ecwid New Customer → Xero Create/Update Contact',
      'Ecwid New Product → Xero Create Item',
      'Xero New Contact → Ecwid Create Discount Coupon',
      'Ecwid New Refund → Xero Create Credit Note (allocated to the invoice)',
      'Ecwid New Paid Order → Xero Create Payment',
    ]);
    for (const t of ZAP_TEMPLATES) expect(doc).toContain(`. ${t.title}`);
    expect(doc).toContain(formatXeroInvoice(renderXeroInvoice(EXAMPLE_ORDER_OUTPUT)));
  });
});

describe('recipes read only fields their triggers output, and fill only fields their actions have', () => {
  test('paid order → invoice: order and invoice output keys', () => {
    const keys = new Set([...ORDER_OUTPUT_FIELDS, ...INVOICE_OUTPUT_FIELDS].map((f) => f.key));
    expect(placeholders(PAID_ORDER_TO_XERO_INVOICE).filter((k) => !keys.has(k))).toEqual([]);
  });

  test('new customer → contact, new product → item', () => {
    const customer = new Set<string>(CUSTOMER_OUTPUT_FIELDS.map((f) => f.key));
    expect(placeholders(NEW_CUSTOMER_TO_XERO_CONTACT).filter((k) => !customer.has(k))).toEqual([]);
    const product = new Set<string>([...PRODUCT_OUTPUT_FIELDS.map((f) => f.key), 'invoiceLines[]itemCode']);
    expect(placeholders(NEW_PRODUCT_TO_XERO_ITEM).filter((k) => !product.has(k))).toEqual([]);
  });

  test("Xero contact → coupon: every field is the Create Discount Coupon action's, by key and label, choices valid", () => {
    const inputs = createDiscountCoupon.operation.inputFields as Array<{ key: string; label?: string; choices?: Array<{ value: string }> }>;
    expect(XERO_CONTACT_TO_ECWID_COUPON.fields.map((m) => m.key).sort()).toEqual(inputs.map((f) => f.key).sort());
    for (const mapping of XERO_CONTACT_TO_ECWID_COUPON.fields) {
      const input = inputs.find((f) => f.key === mapping.key)!;
      expect(mapping.target).toBe(input.label);
      if (input.choices && mapping.source) expect(input.choices.map((c) => c.value)).toContain(mapping.source);
    }
  });
});

describe('renderXeroInvoice', () => {
  test('the sample order as Xero would create it', () => {
    const preview = renderXeroInvoice(EXAMPLE_ORDER_OUTPUT);
    expect(preview).toMatchObject({
      contactName: 'Jane Doe',
      contactEmail: 'jane.doe@example.com',
      reference: 'SHOP-X8UYE',
      date: '2026-11-02',
      dueDate: '2026-11-02',
      currency: 'USD',
      status: 'AUTHORISED',
      lineAmountTypes: 'Exclusive',
      subtotal: 61,
      totalTax: 6.1,
      total: INVOICE_SAMPLE.invoiceTotal,
      amountDue: 67.1,
    });
    expect(preview.lines[2]).toEqual({
      description: 'Discount coupon: 10% off (WELCOME10)',
      quantity: 1,
      unitAmount: -6,
      itemCode: '',
      accountCode: '200',
      taxType: 'VAT',
      taxAmount: -0.6,
      lineAmount: -6,
    });
  });

  test('a gift card shows as a payment and the amount left due; inclusive totals do not add tax on top', () => {
    const order = JSON.parse(readFileSync('test/fixtures/orders/edge-gift-card-gross-surcharge.json', 'utf8')) as EcwidOrder;
    const preview = renderXeroInvoice({ ...toInvoice(order, 'EUR'), createDate: '2025-01-15T10:00:00+01:00' });
    expect([preview.lineAmountTypes, preview.total, preview.totalTax, preview.giftCardPayment, preview.amountDue]).toEqual(['Inclusive', 58.46, 8.63, 25, 33.46]);
    const text = formatXeroInvoice(preview);
    expect(text).toContain('Amounts are: Tax inclusive');
    expect(text).toMatch(/Gift card payment\s+-25\.00\n\s+Amount due\s+33\.46$/);
  });

  test('resolveSource: lone placeholders keep their type, mixed text is text, flattened and dotted paths both read', () => {
    const output = { total: 12.5, billingPerson: { city: 'Scranton' }, invoiceLines: [] };
    expect(resolveSource('{{total}}', output)).toBe(12.5);
    expect(resolveSource('Order total {{total}} in {{billingPerson__city}}', output)).toBe('Order total 12.5 in Scranton');
    expect(resolveSource('{{billingPerson.city}}', output)).toBe('Scranton');
    expect(resolveSource('{{invoiceLines[]taxName}}', output, { taxName: 'VAT' })).toBe('VAT');
    expect(resolveSource('200', output)).toBe('200');
  });
});
