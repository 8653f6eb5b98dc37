/** The refund and payment recipes read only what their triggers output, and the refund one credits exactly the refund. */
import { describe, expect, test } from '@jest/globals';
import { ORDER_OUTPUT_FIELDS } from '../../../lib/orders/output.js';
import { REFUND_OUTPUT_FIELDS, REFUND_OUTPUT_SAMPLE } from '../../../lib/refunds/refunds.js';
import {
  PAID_ORDER_TO_XERO_PAYMENT,
  REFUND_TO_XERO_CREDIT_NOTE,
  resolveSource,
} from '../../../tools/docs/zap-templates.js';
import { placeholders } from './recipe-placeholders.js';

describe('money recipes', () => {
  test('refund → credit note reads refund output keys (and, in its notes, New Order’s invoiceReference)', () => {
    const keys = new Set(REFUND_OUTPUT_FIELDS.map((f) => f.key));
    expect(placeholders(REFUND_TO_XERO_CREDIT_NOTE).filter((k) => !keys.has(k))).toEqual([]);
  });

  test('paid order → payment reads order output keys', () => {
    const keys = new Set(ORDER_OUTPUT_FIELDS.map((f) => f.key));
    expect(placeholders(PAID_ORDER_TO_XERO_PAYMENT).filter((k) => !keys.has(k))).toEqual([]);
  });

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
