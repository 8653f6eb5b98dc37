/** What Zapier shows of the invoice: its output fields and the static sample. */
import type { PlainOutputField } from 'zapier-platform-core';
import { ECWID_SAMPLE_ORDER } from '../orders/sample-ecwid-order.js';
import { toInvoice } from './invoice.js';
import { outputField } from '../output/values.js';
import type { Invoice, InvoiceLine } from './types.js';

const LINE_FIELDS: Array<[keyof InvoiceLine, string, 'string' | 'number']> = [
  ['kind', 'Kind (product, shipping, handling, surcharge, discount, adjustment or rounding)', 'string'],
  ['description', 'Description', 'string'],
  ['itemCode', 'Item Code (SKU up to 30 Characters)', 'string'],
  ['quantity', 'Quantity', 'number'],
  ['unitAmount', 'Unit Amount', 'number'],
  ['taxAmount', 'Tax Amount (as Xero Computes It)', 'number'],
  ['taxRate', 'Tax Rate (%)', 'number'],
  ['taxName', 'Tax Name', 'string'],
  ['lineAmount', 'Line Amount', 'number'],
  ['taxType', 'Xero Tax Rate', 'string'],
  ['accountCode', 'Xero Account Code', 'string'],
  ['sku', 'SKU', 'string'],
  ['ecwidTaxAmount', 'Tax Charged by Ecwid', 'number'],
];

const INVOICE_FIELDS: Array<[keyof Omit<Invoice, 'invoiceLines'>, string, 'string' | 'number']> = [
  ['lineAmountTypes', 'Invoice Line Amount Types (Inclusive, Exclusive or NoTax)', 'string'],
  ['invoiceTotal', 'Invoice Total (Before Gift Cards)', 'number'],
  ['invoiceTaxTotal', 'Invoice Tax Total (as Xero Computes It)', 'number'],
  ['giftCardRedemption', 'Gift Card Redemption (Record as a Payment)', 'number'],
  ['currency', 'Invoice Currency', 'string'],
  ['invoiceReference', 'Invoice Reference (Order ID)', 'string'],
  ['contactName', 'Invoice Contact Name', 'string'],
  ['contactEmail', 'Invoice Contact Email', 'string'],
  ['contactFirstName', 'Invoice Contact First Name', 'string'],
  ['contactLastName', 'Invoice Contact Last Name', 'string'],
  ['contactCompany', 'Invoice Contact Company', 'string'],
  ['contactPhone', 'Invoice Contact Phone', 'string'],
  ['contactAddressLine1', 'Invoice Contact Address Line 1', 'string'],
  ['contactAddressLine2', 'Invoice Contact Address Line 2', 'string'],
  ['contactCity', 'Invoice Contact City', 'string'],
  ['contactRegion', 'Invoice Contact Region', 'string'],
  ['contactPostalCode', 'Invoice Contact Postal Code', 'string'],
  ['contactCountry', 'Invoice Contact Country Code', 'string'],
  ['ecwidTaxTotal', 'Invoice Tax Charged by Ecwid', 'number'],
  ['taxDifferenceFromEcwid', 'Invoice Tax Difference (Xero − Ecwid)', 'number'],
  ['roundingAmount', 'Invoice Rounding Line Amount', 'number'],
];

/** Zapier output fields of the invoice part of every order output; line items as `invoiceLines[]…`. */
export const INVOICE_OUTPUT_FIELDS: PlainOutputField[] = [
  ...LINE_FIELDS.map(([key, label, type]) => outputField(`invoiceLines[]${key}`, `Invoice Line ${label}`, type)),
  ...INVOICE_FIELDS.map(([key, label, type]) => outputField(key, label, type)),
];

/** The currency the static samples are shown in. */
export const SAMPLE_CURRENCY = 'USD';

/**
 * The invoice part of the static order sample: the sample order (lib/orders/sample-ecwid-order.ts) through the
 * same code as live orders, so the sample always adds up and matches the sample's items.
 */
export const INVOICE_SAMPLE: Invoice = toInvoice(ECWID_SAMPLE_ORDER, SAMPLE_CURRENCY);
