/** The invoice part of every order output, as Zapier's Xero "Create Sales Invoice" action takes it. */

export type InvoiceLineKind = 'product' | 'shipping' | 'handling' | 'surcharge' | 'discount' | 'adjustment';
export type LineAmountTypes = 'Inclusive' | 'Exclusive' | 'NoTax';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  /** The SKU for products; "" otherwise. */
  itemCode: string;
  quantity: number;
  unitAmount: number;
  taxAmount: number;
  /** Percent; the sum of the rates when several taxes apply to the line. */
  taxRate: number;
  /** Tax names joined with " + " ("State tax + City tax"); "" when untaxed. */
  taxName: string;
  /** quantity × unitAmount, rounded to the currency's precision; tax-inclusive when lineAmountTypes is Inclusive. */
  lineAmount: number;
}

export interface Invoice {
  invoiceLines: InvoiceLine[];
  lineAmountTypes: LineAmountTypes;
  /** What the order was charged before gift cards: Σ lineAmount (+ Σ taxAmount when Exclusive). */
  invoiceTotal: number;
  invoiceTaxTotal: number;
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
