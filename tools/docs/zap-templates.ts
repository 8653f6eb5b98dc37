/**
 * The Zap recipes (Zap templates) as data, and a renderer that shows what the first one creates in Xero for
 * one order output. docs/zap-templates.md is generated from this file (tools/docs/zap-templates-doc.ts) and `npm start`
 * renders the invoice with the same mapping, so the doc and the demo cannot drift apart.
 *
 * A mapping's `source` is what the merchant puts in the Xero (or Ecwid) field: `{{key}}` is a field of the trigger's
 * output (`{{invoiceLines[]description}}` a line-item field), anything else is typed as is.
 * `xero` names the Xero API field the label stands for (Xero's API reference; stable), while the Zapier labels in
 * `target` are as far as public pages show them: see `unverified`.
 */
import {
  APPLICATION_LIMITS,
  COUPON_LABELS,
  COUPON_STATUSES,
  DISCOUNT_TYPES,
  USES_LIMITS,
} from '../../lib/coupons/coupons.js';

export interface FieldMapping {
  /** The field label in the action step, as the merchant sees it in Zapier. */
  target: string;
  /** `{{trigger output key}}`, a literal, or a mix ("Welcome {{FirstName}}"); "" = leave the field empty. */
  source: string;
  note?: string;
  /** The Xero API field behind the label, where the action is Xero's. */
  xero?: string;
  /** The input key behind the label, where the action is this app's. */
  key?: string;
}

export interface ZapTemplate {
  key: string;
  title: string;
  summary: string;
  trigger: { app: string; event: string; key?: string };
  action: { app: string; event: string; key?: string };
  /** What to fill in on the trigger step (this app's inputs), before the action's fields. */
  triggerFields?: FieldMapping[];
  fields: FieldMapping[];
  lineItems?: FieldMapping[];
  notes: string[];
  unverified: string[];
}

export const PAID_ORDER_TO_XERO_INVOICE: ZapTemplate = {
  key: 'ecwid-paid-order-to-xero-invoice',
  title: 'Ecwid New Paid Order → Xero Create Sales Invoice',
  summary:
    'Every paid Ecwid order becomes a Xero sales invoice that Xero itself totals to what the buyer was charged: one line per product ' +
    '(its discounts folded in), shipping with handling, each surcharge, with the Xero tax rate and account of each line. No Formatter step.',
  trigger: { app: 'Ecwid', event: 'New Paid Order', key: 'new_paid_order' },
  action: { app: 'Xero', event: 'Create Sales Invoice' },
  triggerFields: [
    {
      target: 'Xero Tax Rates (Ecwid Tax Name → Xero Tax Rate)',
      key: 'xeroTaxRates',
      source: 'VAT = OUTPUT2',
      note: 'One row per Ecwid tax name (as on Ecwid\'s invoices), with the code of your Xero rate of the same percentage; a line with several taxes needs one Xero rate of their sum, mapped from the combination as the lines name it ("State tax + City tax"). Empty: the lines carry Ecwid\'s tax names, which Xero accepts only if your rates have those codes.',
    },
    {
      target: 'Xero Tax Rate for Untaxed Lines',
      key: 'xeroUntaxedTaxRate',
      source: 'NONE',
      note: 'Your Xero 0% rate: exempt products, untaxed surcharges and the rounding line carry it. Required with Xero Tax Rates; empty otherwise means NONE.',
    },
    { target: 'Xero Account for Products', key: 'xeroSalesAccount', source: '200', note: 'Empty: 200 (Sales).' },
    {
      target: 'Xero Account for Shipping',
      key: 'xeroShippingAccount',
      source: '260',
      note: 'Empty: 260 (Other Revenue).',
    },
    {
      target: 'Xero Account for Fees and Surcharges',
      key: 'xeroFeesAccount',
      source: '260',
      note: 'Empty: 260 (Other Revenue).',
    },
    {
      target: 'Xero Account for Discounts',
      key: 'xeroDiscountAccount',
      source: '200',
      note: 'Only for discounts of an order without items; others are folded into the product lines. Empty: 200.',
    },
    { target: 'Xero Account for Rounding', key: 'xeroRoundingAccount', source: '860', note: 'Empty: 860 (Rounding).' },
  ],
  fields: [
    {
      target: 'Contact Name',
      source: '{{contactName}}',
      xero: 'Contact.Name',
      note: 'Billing name, else company, else e-mail: never empty when Ecwid has any of them. Xero uses an existing contact of that name or creates one.',
    },
    { target: 'Contact Email', source: '{{contactEmail}}', xero: 'Contact.EmailAddress' },
    { target: 'Contact First Name', source: '{{contactFirstName}}', xero: 'Contact.FirstName' },
    { target: 'Contact Last Name', source: '{{contactLastName}}', xero: 'Contact.LastName' },
    { target: 'Invoice Number', source: '', xero: 'InvoiceNumber', note: 'Leave empty: Xero numbers its invoices.' },
    {
      target: 'Reference',
      source: '{{invoiceReference}}',
      xero: 'Reference',
      note: 'The Ecwid order ID, so payments and the order can be found from the invoice.',
    },
    { target: 'Date', source: '{{createDate}}', xero: 'Date', note: 'The order date (Xero keeps the day).' },
    {
      target: 'Due Date',
      source: '{{createDate}}',
      xero: 'DueDate',
      note: 'The order is paid already: due on the order date.',
    },
    {
      target: 'Currency',
      source: '{{currency}}',
      xero: 'CurrencyCode',
      note: "The store's currency; it must be enabled in Xero.",
    },
    {
      target: 'Line Amount Types',
      source: '{{lineAmountTypes}}',
      xero: 'LineAmountTypes',
      note: 'Required: Inclusive when the store shows prices with tax, Exclusive when tax is added on top, NoTax when the order has no tax. Left out, Xero reads the amounts as tax-exclusive and a tax-inclusive invoice is overstated by its whole tax.',
    },
    {
      target: 'Status',
      source: 'AUTHORISED',
      xero: 'Status',
      note: 'Or DRAFT to review each invoice in Xero before approving it.',
    },
  ],
  lineItems: [
    {
      target: 'Description',
      source: '{{invoiceLines[]description}}',
      xero: 'LineItems.Description',
      note: 'Product name with the chosen options, and what was folded in ("— 3 × 9.995, less Discount coupon: SAVE 1.50"); "Shipping: …", surcharge names, "Rounding: …". Never empty, at most 4,000 characters.',
    },
    {
      target: 'Quantity',
      source: '{{invoiceLines[]quantity}}',
      xero: 'LineItems.Quantity',
      note: "The quantity bought, or 1 when the line's amount is not a whole number of cents per unit (the description then gives the quantity).",
    },
    {
      target: 'Unit Price',
      source: '{{invoiceLines[]unitAmount}}',
      xero: 'LineItems.UnitAmount',
      note: 'At most 2 decimals, so Xero keeps it whole whatever its unit-price precision: Quantity × Unit Price is the line amount to the cent.',
    },
    {
      target: 'Item Code',
      source: '',
      xero: 'LineItems.ItemCode',
      note: "Optional: {{invoiceLines[]itemCode}} (the SKU, left empty when longer than Xero's 30 characters) only if your Xero items use the SKUs as codes — Xero rejects codes it does not know. A line sent as quantity 1 (see Quantity) counts as one unit of a tracked item.",
    },
    {
      target: 'Account',
      source: '{{invoiceLines[]accountCode}}',
      xero: 'LineItems.AccountCode',
      note: "Each line's account: set them in the trigger's Xero Account fields (defaults: products 200 Sales, shipping and fees 260 Other Revenue, rounding 860 Rounding). Required by Xero outside the US.",
    },
    {
      target: 'Tax Rate',
      source: '{{invoiceLines[]taxType}}',
      xero: 'LineItems.TaxType',
      note: "Each line's Xero tax rate: fill in the trigger's Xero Tax Rates (Ecwid tax name → your Xero rate's code) and Xero Tax Rate for Untaxed Lines. Untaxed lines always carry the untaxed rate: a line sent without one gets its account's default rate.",
    },
    {
      target: 'Tax Amount',
      source: '',
      xero: 'LineItems.TaxAmount',
      note: "Leave empty: Xero computes each line's tax, and {{invoiceLines[]taxAmount}} is exactly what it computes, so mapping it changes nothing (a different figure would become a Xero tax adjustment).",
    },
  ],
  notes: [
    "Xero's total equals what Ecwid charged before gift cards, to the cent, with Tax Amount left empty: each line's tax as Xero computes it (rounded once per line at the line's combined rate) is {{invoiceLines[]taxAmount}}, and what that rounding leaves against Ecwid's own tax (a cent where Ecwid rounds State and City tax apart) is an explicit untaxed \"Rounding\" line on the rounding account. {{invoiceTotal}} and {{invoiceTaxTotal}} are Xero's figures; {{ecwidTaxTotal}} and {{taxDifferenceFromEcwid}} show Ecwid's tax beside them. Where Ecwid's own fields disagree by more than a cent, an explicit \"Adjustment\" line says so.",
    'Your Xero tax rates must have the percentages of Ecwid\'s taxes ({{invoiceLines[]taxRate}} is the line\'s combined rate): one Xero rate per combination a line can carry, e.g. "State tax + City tax" at 8.25%.',
    'A gift card is a payment, not a discount: when {{giftCardRedemption}} is above 0, add a Xero "Create Payment" step for that amount against the new invoice, from a "Gift cards" clearing account.',
    'To record the rest of the payment too, add a second "Create Payment" step for {{total}} to the bank or payment-provider account the order was paid into.',
    'Line items: Zapier sends one Xero line per entry of Invoice Lines; map every line field from Invoice Lines so the lists stay aligned.',
  ],
  unverified: [
    'Zapier\'s labels of the Xero action fields ("Contact Name", "Line Amount Types", "Unit Price", "Account", "Tax Rate", "Tax Amount", …): public pages confirm the "Create Sales Invoice" action, its line-item support and a "Line Account Code" field; the other labels follow Xero\'s API and may read differently in the Zap editor. The recipe maps no Line Amount, Discount or Tax Amount, so it holds whether or not Zapier offers them.',
    "Whether Zapier's Xero action sends unitdp=4: every Unit Price has at most 2 decimals, so the invoice is the same either way.",
    "Whether Zapier's Tax Rate field takes Xero's tax type code (OUTPUT, TAX001, NONE) or the rate's display name: the trigger's Xero Tax Rates puts whichever you type there on the lines.",
    "Currencies without 2 decimals: Xero documents no per-currency precision; modelled at 2 decimals (a yen invoice's tax may show fractions, a dinar's third decimal goes to the rounding line).",
  ],
};

export const NEW_CUSTOMER_TO_XERO_CONTACT: ZapTemplate = {
  key: 'ecwid-new-customer-to-xero-contact',
  title: 'Ecwid New Customer → Xero Create/Update Contact',
  summary:
    'Every customer who registers in the Ecwid store is created in Xero, or updated there when the contact exists.',
  trigger: { app: 'Ecwid', event: 'New Customer', key: 'new_customer' },
  action: { app: 'Xero', event: 'Create/Update Contact' },
  fields: [
    {
      target: 'Name',
      source: '{{contactName}}',
      xero: 'Name',
      note: "The customer's name, else the company, else the e-mail: never empty when Ecwid has any of them.",
    },
    {
      target: 'First Name',
      source: '{{contactFirstName}}',
      xero: 'FirstName',
      note: "Ecwid's first name, or the name without its last word; empty when the contact is named after a company or an e-mail.",
    },
    { target: 'Last Name', source: '{{contactLastName}}', xero: 'LastName' },
    { target: 'Email Address', source: '{{contactEmail}}', xero: 'EmailAddress' },
    { target: 'Phone Number', source: '{{contactPhone}}', xero: 'Phones.PhoneNumber' },
    {
      target: 'Account Number',
      source: '{{id}}',
      xero: 'AccountNumber',
      note: 'The Ecwid customer ID: links the two records.',
    },
    { target: 'Tax Number', source: '{{taxId}}', xero: 'TaxNumber' },
    { target: 'Address Line 1', source: '{{contactAddressLine1}}', xero: 'Addresses.AddressLine1' },
    {
      target: 'Address Line 2',
      source: '{{contactAddressLine2}}',
      xero: 'Addresses.AddressLine2',
      note: 'The further lines of the street address, joined by ", ".',
    },
    { target: 'City', source: '{{contactCity}}', xero: 'Addresses.City' },
    { target: 'Region', source: '{{contactRegion}}', xero: 'Addresses.Region' },
    { target: 'Postal Code', source: '{{contactPostalCode}}', xero: 'Addresses.PostalCode' },
    { target: 'Country', source: '{{contactCountry}}', xero: 'Addresses.Country' },
  ],
  notes: [
    'The contact fields are worked out as on orders (recipe 1), so a customer who registers and later orders meets the same Xero contact; the address is the billing address, else the first saved shipping address.',
    'Customers who buy as guests have no Ecwid customer record: the invoice recipe creates their Xero contact from the order instead.',
  ],
  unverified: [
    'The Xero action\'s field labels beyond Name and Email ("Create/Update Contact" itself is shown on Zapier\'s public Xero pages).',
  ],
};

export const NEW_PRODUCT_TO_XERO_ITEM: ZapTemplate = {
  key: 'ecwid-new-product-to-xero-item',
  title: 'Ecwid New Product → Xero Create Item',
  summary: 'Every product added to the Ecwid catalog becomes a Xero item, so invoice lines can use the same codes.',
  trigger: { app: 'Ecwid', event: 'New Product', key: 'new_product' },
  action: { app: 'Xero', event: 'Create Item' },
  fields: [
    {
      target: 'Item Code',
      source: '{{itemCode}}',
      xero: 'Code',
      note: 'The SKU when it has at most 30 characters (Xero\'s limit), so invoice lines that carry the SKU as {{invoiceLines[]itemCode}} find the item; a longer SKU keeps its first 21 characters plus "-" and 8 characters of a hash of the whole SKU (unique, stable); without a SKU, "ECWID-" and the product ID.',
    },
    {
      target: 'Item Name',
      source: '{{itemName}}',
      xero: 'Name',
      note: 'The product name, cut to Xero\'s 50 characters (ending "…").',
    },
    {
      target: 'Sales Description',
      source: '{{descriptionText}}',
      xero: 'Description',
      note: 'The description as plain text: HTML removed, entities decoded, paragraphs and list items on lines of their own, at most 4,000 characters.',
    },
    { target: 'Sales Unit Price', source: '{{price}}', xero: 'SalesDetails.UnitPrice' },
    { target: 'Sales Account', source: '200', xero: 'SalesDetails.AccountCode', note: 'Your sales account code.' },
  ],
  notes: [
    'Stock bought for the new product can go to Xero as a bill instead (Xero "Create Bill"): Contact = your supplier, one line with Description {{name}}, Quantity {{quantity}}, your unit cost and your inventory or purchases account.',
  ],
  unverified: [
    'The Xero action\'s name ("Create Item") and its field labels: public pages show Xero items used from Zapier, not the action\'s fields.',
  ],
};

const L = COUPON_LABELS;

export const XERO_CONTACT_TO_ECWID_COUPON: ZapTemplate = {
  key: 'xero-new-contact-to-ecwid-coupon',
  title: 'Xero New Contact → Ecwid Create Discount Coupon',
  summary:
    'Every new Xero contact gets a single-use welcome coupon for the Ecwid store (send it with an e-mail step after this one).',
  trigger: { app: 'Xero', event: 'New Contact' },
  action: { app: 'Ecwid', event: 'Create Discount Coupon', key: 'create_discount_coupon' },
  fields: [
    { target: L.name, key: 'name', source: 'Welcome {{Name}}', note: 'Shown to the shopper at checkout.' },
    { target: L.discountType, key: 'discountType', source: 'PERCENT', note: `Choose "${DISCOUNT_TYPES.PERCENT}".` },
    { target: L.discount, key: 'discount', source: '10', note: '10 % off.' },
    { target: L.code, key: 'code', source: '', note: 'Leave empty: the app makes a unique code.' },
    { target: L.codePrefix, key: 'codePrefix', source: 'WELCOME', note: 'Starts the code made for you.' },
    {
      target: L.uniqueFor,
      key: 'uniqueFor',
      source: '{{ContactID}}',
      note: 'The same contact always gets the same coupon, so a replayed Zap run never makes a second one.',
    },
    { target: L.status, key: 'status', source: 'ACTIVE', note: `Choose "${COUPON_STATUSES.ACTIVE}" (the default).` },
    { target: L.launchDate, key: 'launchDate', source: '', note: 'Empty: usable at once.' },
    {
      target: L.expirationDate,
      key: 'expirationDate',
      source: '',
      note: 'Optional: a Formatter "Date / Time → Add/Subtract Time" step (+30 days) before this one.',
    },
    { target: L.totalLimit, key: 'totalLimit', source: '', note: 'Optional minimum order subtotal.' },
    { target: L.usesLimit, key: 'usesLimit', source: 'SINGLE', note: `Choose "${USES_LIMITS.SINGLE}".` },
    {
      target: L.applicationLimit,
      key: 'applicationLimit',
      source: 'NEW_CUSTOMER_ONLY',
      note: `Choose "${APPLICATION_LIMITS.NEW_CUSTOMER_ONLY}".`,
    },
    { target: L.productIds, key: 'productIds', source: '', note: 'Empty, with Categories empty: the whole catalog.' },
    { target: L.categoryIds, key: 'categoryIds', source: '' },
    { target: L.shippingMethods, key: 'shippingMethods', source: '' },
  ],
  notes: [
    "Next step: e-mail the coupon's {{code}} to the contact's {{EmailAddress}} (Gmail, Outlook or Email by Zapier).",
    'Filter step first if only some contacts should get one (e.g. only customers, not suppliers).',
  ],
  unverified: [
    "The Xero trigger's output labels ({{Name}}, {{EmailAddress}}, {{ContactID}} follow Xero's API field names).",
  ],
};

export const REFUND_TO_XERO_CREDIT_NOTE: ZapTemplate = {
  key: 'ecwid-refund-to-xero-credit-note',
  title: 'Ecwid New Refund → Xero Create Credit Note (allocated to the invoice)',
  summary:
    'Every Ecwid refund — full, partial, a second partial one, or an order marked Refunded by hand — becomes one Xero credit note for ' +
    'exactly the refunded amount, on the same contact as the invoice of recipe 1 and allocated to that invoice.',
  trigger: { app: 'Ecwid', event: 'New Refund', key: 'new_refund' },
  action: { app: 'Xero', event: 'Create Credit Note' },
  fields: [
    { target: 'Type', source: 'ACCRECCREDIT', xero: 'Type', note: 'A sales (accounts receivable) credit note.' },
    {
      target: 'Contact Name',
      source: '{{contactName}}',
      xero: 'Contact.Name',
      note: 'The same contact name recipe 1 gave the invoice.',
    },
    { target: 'Contact Email', source: '{{contactEmail}}', xero: 'Contact.EmailAddress' },
    {
      target: 'Date',
      source: '{{date}}',
      xero: 'Date',
      note: "When the refund was made (for a refund known only from the status: the order's last update).",
    },
    {
      target: 'Reference',
      source: '{{invoiceReference}}',
      xero: 'Reference',
      note: "The invoice's reference (the Ecwid order ID), to find the invoice to allocate to.",
    },
    { target: 'Currency', source: '{{currency}}', xero: 'CurrencyCode' },
    {
      target: 'Line Amount Types',
      source: '{{creditNoteLineAmountTypes}}',
      xero: 'LineAmountTypes',
      note: "The invoice's for a full refund; Inclusive for a partial one (the refund is what the buyer got back, tax included).",
    },
    { target: 'Status', source: 'AUTHORISED', xero: 'Status', note: 'Xero allocates only authorised credit notes.' },
    {
      target: 'Allocate to Invoice',
      source: '{{invoiceReference}}',
      xero: 'Allocations[].Invoice',
      note: "Allocate {{amount}} to the invoice with this reference (Xero: the credit note's Allocations, Amount = {{amount}}); then the invoice shows as credited and the books balance.",
    },
  ],
  lineItems: [
    { target: 'Description', source: '{{creditNoteLines[]description}}', xero: 'LineItems.Description' },
    { target: 'Quantity', source: '{{creditNoteLines[]quantity}}', xero: 'LineItems.Quantity' },
    { target: 'Unit Price', source: '{{creditNoteLines[]unitAmount}}', xero: 'LineItems.UnitAmount' },
    {
      target: 'Account',
      source: '{{creditNoteLines[]accountCode}}',
      xero: 'LineItems.AccountCode',
      note: "The invoice line's account (New Refund's Xero account inputs, as New Paid Order's).",
    },
    {
      target: 'Tax Rate',
      source: '{{creditNoteLines[]taxType}}',
      xero: 'LineItems.TaxType',
      note: "The invoice line's Xero tax rate (New Refund's Xero tax rate inputs, as New Paid Order's).",
    },
    {
      target: 'Tax Amount',
      source: '',
      xero: 'LineItems.TaxAmount',
      note: 'Leave empty: Xero computes it; {{creditNoteLines[]taxAmount}} is that same figure, so mapping it changes nothing.',
    },
  ],
  notes: [
    'One firing per refund (ids from the amount refunded so far): a second partial refund creates a second credit note for its own amount; a refund Ecwid records later for money already credited by status creates none.',
    '{{isOrderFullyRefunded}} is true once the order is refunded in full: a Filter step on it can instead void the invoice when nothing was paid out yet.',
    'Cancelled orders: New Order with Payment Status "Cancelled" fires once per order — map its {{invoiceReference}} into Xero to void the invoice. Deleted orders: the Deleted Order trigger.',
    "Credit note lines: a full refund repeats the invoice's lines, so the credit note cancels the invoice exactly; a partial refund is one tax-inclusive line per Xero tax rate and account of the invoice, in proportion to what each was charged, and Xero totals them to exactly the refund ({{creditNoteTotal}}). Ecwid records no per-item detail of a refund.",
    'Give New Refund the same Xero tax rate and account inputs as New Paid Order.',
  ],
  unverified: [
    'Whether Zapier\'s Xero "Create Credit Note" action exposes the allocation to an invoice (Xero\'s API: PUT CreditNotes/{CreditNoteID}/Allocations with Invoice and Amount). If it does not, allocate in Xero (invoice → "Apply credit") or with a Xero API request step.',
    "Zapier's labels of the credit note fields follow Xero's API and may read differently in the Zap editor.",
  ],
};

export const PAID_ORDER_TO_XERO_PAYMENT: ZapTemplate = {
  key: 'ecwid-paid-order-to-xero-payment',
  title: 'Ecwid New Paid Order → Xero Create Payment',
  summary:
    'After recipe 1 has created the invoice, the same Zap records the payment against it, for what reached the bank (after gift cards), ' +
    'with the reference the bank or gateway statement shows, so bank reconciliation matches it.',
  trigger: { app: 'Ecwid', event: 'New Paid Order', key: 'new_paid_order' },
  action: { app: 'Xero', event: 'Create Payment' },
  fields: [
    {
      target: 'Invoice',
      source: '',
      xero: 'Invoice.InvoiceID',
      note: 'The invoice the previous step (recipe 1, Create Sales Invoice) created: map its Invoice ID.',
    },
    {
      target: 'Account',
      source: '090',
      xero: 'Account.Code',
      note: 'The bank or payment-provider clearing account the gateway pays into ({{paymentGateway}} tells which); 090 is "Business Bank Account" in Xero\'s demo chart.',
    },
    {
      target: 'Date',
      source: '{{updateDate}}',
      xero: 'Date',
      note: 'Ecwid has no paid date: the update that set Paid is the best available.',
    },
    {
      target: 'Amount',
      source: '{{amountPaid}}',
      xero: 'Amount',
      note: 'The order total after gift cards: what the buyer paid with {{paymentMethod}}.',
    },
    {
      target: 'Reference',
      source: '{{statementReference}}',
      xero: 'Reference',
      note: 'The payment reference, else the transaction ID ({{externalTransactionId}}), else the order ID: what the statement line shows.',
    },
  ],
  notes: [
    'A gift card is a second payment: when {{giftCardAmount}} is above 0, add another Create Payment step for it, from a "Gift cards" clearing account. The two payments add up to the invoice total.',
    'To find the order behind a statement line later, use the Find Order search with the payment reference or transaction ID.',
  ],
  unverified: [
    'Zapier\'s labels of the Create Payment fields ("Invoice", "Account", "Amount", "Reference") follow Xero\'s API and may read differently in the Zap editor.',
    "What Ecwid's paymentReference holds for each gateway (its Java client filters orders on it; the field itself is not described).",
  ],
};

export const ZAP_TEMPLATES: readonly ZapTemplate[] = [
  PAID_ORDER_TO_XERO_INVOICE,
  NEW_CUSTOMER_TO_XERO_CONTACT,
  NEW_PRODUCT_TO_XERO_ITEM,
  XERO_CONTACT_TO_ECWID_COUPON,
  REFUND_TO_XERO_CREDIT_NOTE,
  PAID_ORDER_TO_XERO_PAYMENT,
];

// ---------------------------------------------------------------------------------------------------------------
// What a mapping puts into a field

const PLACEHOLDER = /\{\{([^}]+)\}\}/g;

export const valueText = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A path like "billingPerson__city" (Zapier's flattened name) or "invoiceLines[]description" (read from `line`). */
const lookup = (output: Record<string, unknown>, path: string, line?: Record<string, unknown>): unknown => {
  const lineField = /^(\w+)\[\](\w+)$/.exec(path);
  if (lineField) return line?.[lineField[2]];
  return path
    .split(/__|\./)
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      output,
    );
};

/** What Zapier puts into a field: a lone placeholder keeps its value's type; text with placeholders is text. */
export const resolveSource = (
  source: string,
  output: Record<string, unknown>,
  line?: Record<string, unknown>,
): unknown => {
  const lone = /^\{\{([^}]+)\}\}$/.exec(source);
  if (lone) return lookup(output, lone[1].trim(), line);
  return source.replace(PLACEHOLDER, (_, path: string) => valueText(lookup(output, path.trim(), line)));
};
