import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import createDiscountCoupon from '../../../creates/create_discount_coupon.js';
import { CUSTOMER_OUTPUT_FIELDS } from '../../../lib/customers/customers.js';
import { INVOICE_OUTPUT_FIELDS, INVOICE_SAMPLE } from '../../../lib/invoice/fields.js';
import { toInvoice } from '../../../lib/invoice/invoice.js';
import newPaidOrder from '../../../triggers/new_paid_order.js';
import { ORDER_OUTPUT_FIELDS } from '../../../lib/orders/output.js';
import { PRODUCT_OUTPUT_FIELDS } from '../../../lib/catalog/products.js';
import { REFUND_OUTPUT_FIELDS, REFUND_OUTPUT_SAMPLE } from '../../../lib/refunds/refunds.js';
import {
  NEW_CUSTOMER_TO_XERO_CONTACT,
  NEW_PRODUCT_TO_XERO_ITEM,
  PAID_ORDER_TO_XERO_INVOICE,
  PAID_ORDER_TO_XERO_PAYMENT,
  REFUND_TO_XERO_CREDIT_NOTE,
  resolveSource,
  XERO_CONTACT_TO_ECWID_COUPON,
  ZAP_TEMPLATES,
  type ZapTemplate,
} from '../../../tools/docs/zap-templates.js';
import { EXAMPLE_ORDER_OUTPUT, zapTemplatesMarkdown } from '../../../tools/docs/zap-templates-doc.js';
import { formatXeroInvoice, renderXeroInvoice } from '../../../tools/docs/xero-preview.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';

/** Every `{{key}}` a recipe reads from its trigger: in fields, line items and notes. */
const placeholders = (template: ZapTemplate): string[] =>
  [...template.fields, ...(template.lineItems ?? [])]
    .flatMap((m) => [m.source, m.note ?? ''])
    .concat(template.notes)
    .flatMap((text) => [...text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]));

describe('docs/zap-templates.md', () => {
  test('is what tools/docs/zap-templates-doc.ts writes from tools/docs/zap-templates.ts (npm run docs when this fails)', () => {
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

  test('refund → credit note reads refund output keys (and, in its notes, New Order’s invoiceReference)', () => {
    const keys = new Set(REFUND_OUTPUT_FIELDS.map((f) => f.key));
    expect(placeholders(REFUND_TO_XERO_CREDIT_NOTE).filter((k) => !keys.has(k))).toEqual([]);
  });

  test('paid order → payment reads order output keys', () => {
    const keys = new Set(ORDER_OUTPUT_FIELDS.map((f) => f.key));
    expect(placeholders(PAID_ORDER_TO_XERO_PAYMENT).filter((k) => !keys.has(k))).toEqual([]);
  });

  test("Xero contact → coupon: every field is the Create Discount Coupon action's, by key and label, choices valid", () => {
    const inputs = createDiscountCoupon.operation.inputFields as Array<{
      key: string;
      label?: string;
      choices?: Array<{ value: string }>;
    }>;
    expect(XERO_CONTACT_TO_ECWID_COUPON.fields.map((m) => m.key).sort()).toEqual(inputs.map((f) => f.key).sort());
    for (const mapping of XERO_CONTACT_TO_ECWID_COUPON.fields) {
      const input = inputs.find((f) => f.key === mapping.key)!;
      expect(mapping.target).toBe(input.label);
      if (input.choices && mapping.source) expect(input.choices.map((c) => c.value)).toContain(mapping.source);
    }
  });
});

describe('the refund recipe', () => {
  test('the credit note for the sample refund: its lines as the recipe maps them, on the invoice’s contact and reference', () => {
    const [line] = REFUND_OUTPUT_SAMPLE.creditNoteLines;
    const mapped = Object.fromEntries(
      REFUND_TO_XERO_CREDIT_NOTE.lineItems!.map((m) => [
        m.target,
        resolveSource(m.source, REFUND_OUTPUT_SAMPLE, line as unknown as Record<string, unknown>),
      ]),
    );
    expect(mapped).toMatchObject({
      Description: line.description,
      Quantity: line.quantity,
      'Unit Price': line.unitAmount,
      Account: line.accountCode,
      'Tax Rate': line.taxType,
    });
    const fields = Object.fromEntries(
      REFUND_TO_XERO_CREDIT_NOTE.fields.map((m) => [m.target, resolveSource(m.source, REFUND_OUTPUT_SAMPLE)]),
    );
    expect(fields).toMatchObject({
      'Contact Name': 'Jane Doe',
      Reference: 'SHOP-X8UYE',
      Currency: 'USD',
      'Line Amount Types': 'Inclusive',
    });
  });
});

describe('renderXeroInvoice: the invoice as Xero computes it (tools/xero-oracle)', () => {
  test('the sample order as Xero would create it: tax computed per line, Tax Amount not sent', () => {
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
      errors: [],
    });
    expect(preview.lines[2]).toEqual({
      description: 'Shipping: Standard shipping and Handling',
      quantity: 1,
      unitAmount: 10,
      itemCode: '',
      accountCode: '260',
      taxType: 'VAT',
      taxAmount: 1,
      lineAmount: 10,
    });
  });

  test('a gift card shows as a payment and the amount left due; inclusive totals do not add tax on top', () => {
    const order = JSON.parse(
      readFileSync('test/fixtures/orders/edge-gift-card-gross-surcharge.json', 'utf8'),
    ) as EcwidOrder;
    const preview = renderXeroInvoice({
      ...order,
      ...toInvoice(order, 'EUR'),
      createDate: '2025-01-15T10:00:00+01:00',
    });
    expect([
      preview.lineAmountTypes,
      preview.total,
      preview.totalTax,
      preview.giftCardPayment,
      preview.amountDue,
      preview.errors,
    ]).toEqual(['Inclusive', 58.46, 8.63, 25, 33.46, []]);
    const text = formatXeroInvoice(preview);
    expect(text).toContain('Amounts are: Tax inclusive');
    expect(text).toMatch(/Gift card payment\s+-25\.00\n\s+Amount due\s+33\.46$/);
  });

  test('what Xero would reject shows under the invoice (a tax rate the organisation does not have)', () => {
    const preview = renderXeroInvoice(EXAMPLE_ORDER_OUTPUT, PAID_ORDER_TO_XERO_INVOICE, {
      organisation: { taxRates: {}, accounts: { '200': { taxType: '' }, '260': { taxType: '' } } },
    });
    expect(preview.errors[0]).toBe("line 1: The TaxType code 'VAT' does not exist or cannot be used");
    expect(formatXeroInvoice(preview)).toContain(
      "Xero would reject it: line 1: The TaxType code 'VAT' does not exist or cannot be used",
    );
  });
});

describe('recipe 1 needs no Formatter step', () => {
  test("each line's Tax Rate and Account come from the line; Tax Amount stays empty; Line Amount Types is mapped", () => {
    const line = (xero: string) => PAID_ORDER_TO_XERO_INVOICE.lineItems!.find((m) => m.xero === xero)!;
    expect(line('LineItems.TaxType').source).toBe('{{invoiceLines[]taxType}}');
    expect(line('LineItems.AccountCode').source).toBe('{{invoiceLines[]accountCode}}');
    expect(line('LineItems.TaxAmount').source).toBe('');
    expect(PAID_ORDER_TO_XERO_INVOICE.fields.find((m) => m.xero === 'LineAmountTypes')!.source).toBe(
      '{{lineAmountTypes}}',
    );
    const text = JSON.stringify([
      PAID_ORDER_TO_XERO_INVOICE.fields,
      PAID_ORDER_TO_XERO_INVOICE.lineItems,
      PAID_ORDER_TO_XERO_INVOICE.notes,
    ]);
    expect(text).not.toMatch(/Formatter/);
  });

  test("the trigger fields it tells the merchant to set are New Paid Order's inputs, by key and label", () => {
    const inputs = newPaidOrder.operation.inputFields as Array<{ key: string; label?: string }>;
    for (const mapping of PAID_ORDER_TO_XERO_INVOICE.triggerFields!) {
      expect([mapping.key, mapping.target]).toEqual([mapping.key, inputs.find((f) => f.key === mapping.key)?.label]);
    }
    expect(PAID_ORDER_TO_XERO_INVOICE.triggerFields!.map((m) => m.key).sort()).toEqual(inputs.map((f) => f.key).sort());
  });
});

describe('resolveSource', () => {
  test('resolveSource: lone placeholders keep their type, mixed text is text, flattened and dotted paths both read', () => {
    const output = { total: 12.5, billingPerson: { city: 'Scranton' }, invoiceLines: [] };
    expect(resolveSource('{{total}}', output)).toBe(12.5);
    expect(resolveSource('Order total {{total}} in {{billingPerson__city}}', output)).toBe(
      'Order total 12.5 in Scranton',
    );
    expect(resolveSource('{{billingPerson.city}}', output)).toBe('Scranton');
    expect(resolveSource('{{invoiceLines[]taxName}}', output, { taxName: 'VAT' })).toBe('VAT');
    expect(resolveSource('200', output)).toBe('200');
  });
});
