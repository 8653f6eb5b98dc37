/** What Zapier shows of the invoice: its output fields and the static sample. */
import type { PlainOutputField } from 'zapier-platform-core';
import { ECWID_SAMPLE_ORDER } from '../orders/sample-ecwid-order.js';
import { toInvoice } from './invoice.js';
import { outputField, type OutputType } from '../output/values.js';
import type { Invoice, InvoiceLine } from './types.js';

const LINE_FIELDS: Array<[key: keyof InvoiceLine, label: string, type?: OutputType]> = [
  ['kind', 'Kind (product, shipping, handling, surcharge, discount, adjustment or rounding)'],
  ['description', 'Description'],
  ['itemCode', 'Item Code (SKU up to 30 Characters)'],
  ['quantity', 'Quantity', 'number'],
  ['unitAmount', 'Unit Amount', 'number'],
  ['taxAmount', 'Tax Amount (as Xero Computes It)', 'number'],
  ['taxRate', 'Tax Rate (%)', 'number'],
  ['taxName', 'Tax Name'],
  ['lineAmount', 'Line Amount', 'number'],
  ['taxType', 'Xero Tax Rate'],
  ['accountCode', 'Xero Account Code'],
  ['sku', 'SKU'],
  ['ecwidTaxAmount', 'Tax Charged by Ecwid', 'number'],
];

const INVOICE_FIELDS: Array<[key: keyof Omit<Invoice, 'invoiceLines'>, label: string, type?: OutputType]> = [
  ['lineAmountTypes', 'Invoice Line Amount Types (Inclusive, Exclusive or NoTax)'],
  ['invoiceTotal', 'Invoice Total (Before Gift Cards)', 'number'],
  ['invoiceTaxTotal', 'Invoice Tax Total (as Xero Computes It)', 'number'],
  ['giftCardRedemption', 'Gift Card Redemption (Record as a Payment)', 'number'],
  ['currency', 'Invoice Currency'],
  ['invoiceReference', 'Invoice Reference (Order ID)'],
  ['contactName', 'Invoice Contact Name'],
  ['contactEmail', 'Invoice Contact Email'],
  ['contactFirstName', 'Invoice Contact First Name'],
  ['contactLastName', 'Invoice Contact Last Name'],
  ['contactCompany', 'Invoice Contact Company'],
  ['contactPhone', 'Invoice Contact Phone'],
  ['contactAddressLine1', 'Invoice Contact Address Line 1'],
  ['contactAddressLine2', 'Invoice Contact Address Line 2'],
  ['contactCity', 'Invoice Contact City'],
  ['contactRegion', 'Invoice Contact Region'],
  ['contactPostalCode', 'Invoice Contact Postal Code'],
  ['contactCountry', 'Invoice Contact Country Code'],
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
