/** The invoice part of every order output, as Zapier's Xero "Create Sales Invoice" action takes it. */

export type InvoiceLineKind =
  | 'product'
  | 'shipping'
  | 'handling'
  | 'surcharge'
  | 'discount'
  | 'adjustment'
  | 'rounding';
export type LineAmountTypes = 'Inclusive' | 'Exclusive' | 'NoTax';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  /** The SKU for products when Xero can take it (≤ 30 characters); "" otherwise. */
  itemCode: string;
  quantity: number;
  unitAmount: number;
  taxAmount: number;
  /** Percent; the sum of the rates when several taxes apply to the line: the rate its Xero tax rate must have. */
  taxRate: number;
  /** Tax names joined with " + " ("State tax + City tax"); "" when untaxed. */
  taxName: string;
  /** quantity × unitAmount at Xero's 2 decimals; tax-inclusive when lineAmountTypes is Inclusive. */
  lineAmount: number;
  /** The Xero tax rate (code) for the line: the merchant's for its Ecwid taxes, the untaxed rate when it has none. */
  taxType: string;
  /** The Xero account code for the line's kind. */
  accountCode: string;
  /** The product's SKU whatever its length (`itemCode` leaves out SKUs longer than Xero's 30 characters). */
  sku: string;
  /** The tax Ecwid charged on the line (`taxAmount` is Xero's, rounded once per line at the combined rate). */
  ecwidTaxAmount: number;
}

export interface Invoice {
  invoiceLines: InvoiceLine[];
  lineAmountTypes: LineAmountTypes;
  /** Xero's total: Σ lineAmount (+ Σ taxAmount when Exclusive) = what Ecwid charged before gift cards. */
  invoiceTotal: number;
  /** Xero's tax: Σ taxAmount, each line's tax as Xero computes it. */
  invoiceTaxTotal: number;
  /** The tax Ecwid charged on the order. */
  ecwidTaxTotal: number;
  /** invoiceTaxTotal − ecwidTaxTotal: what Xero's per-line rounding makes of Ecwid's tax. */
  taxDifferenceFromEcwid: number;
  /** The amount of the rounding line (0 when there is none). */
  roundingAmount: number;
  /** A gift card pays for the order: record it as a payment against the invoice, not as a discount line. */
  giftCardRedemption: number;
  currency: string;
  invoiceReference: string;
  contactName: string;
  contactEmail: string;
  contactFirstName: string;
  contactLastName: string;
  contactCompany: string;
  contactPhone: string;
  contactAddressLine1: string;
  contactAddressLine2: string;
  contactCity: string;
  contactRegion: string;
  contactPostalCode: string;
  contactCountry: string;
}
