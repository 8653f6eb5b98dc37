/**
 * The four Zap recipes (Zap templates) as data, and a renderer that shows what the first one creates in Xero for
 * one order output. docs/zap-templates.md is generated from this file (tools/docs/zap-templates-doc.ts) and `npm start`
 * renders the invoice with the same mapping, so the doc and the demo cannot drift apart.
 *
 * A mapping's `source` is what the merchant puts in the Xero (or Ecwid) field: `{{key}}` is a field of the trigger's
 * output (`{{invoiceLines[]description}}` a line-item field), anything else is typed as is.
 * `xero` names the Xero API field the label stands for (Xero's API reference; stable), while the Zapier labels in
 * `target` are as far as public pages show them: see `unverified`.
 */
import { APPLICATION_LIMITS, COUPON_LABELS, COUPON_STATUSES, DISCOUNT_TYPES, USES_LIMITS } from '../../lib/coupons/coupons.js';
import { withIsoDates } from '../../lib/ecwid/dates.js';
import { INVOICE_SAMPLE } from '../../lib/invoice/fields.js';
import { SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';
import { xeroInvoice, type XeroInvoiceInput, type XeroLineInput, type XeroOptions, type XeroOrganisation } from '../xero-oracle/xero.js';

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
    { target: 'Xero Tax Rates (Ecwid Tax Name → Xero Tax Rate)', key: 'xeroTaxRates', source: 'VAT = OUTPUT2', note: "One row per Ecwid tax name (as on Ecwid's invoices), with the code of your Xero rate of the same percentage; a line with several taxes needs one Xero rate of their sum, mapped from the combination as the lines name it (\"State tax + City tax\"). Empty: the lines carry Ecwid's tax names, which Xero accepts only if your rates have those codes." },
    { target: 'Xero Tax Rate for Untaxed Lines', key: 'xeroUntaxedTaxRate', source: 'NONE', note: 'Your Xero 0% rate: exempt products, untaxed surcharges and the rounding line carry it. Required with Xero Tax Rates; empty otherwise means NONE.' },
    { target: 'Xero Account for Products', key: 'xeroSalesAccount', source: '200', note: 'Empty: 200 (Sales).' },
    { target: 'Xero Account for Shipping', key: 'xeroShippingAccount', source: '260', note: 'Empty: 260 (Other Revenue).' },
    { target: 'Xero Account for Fees and Surcharges', key: 'xeroFeesAccount', source: '260', note: 'Empty: 260 (Other Revenue).' },
    { target: 'Xero Account for Discounts', key: 'xeroDiscountAccount', source: '200', note: 'Only for discounts of an order without items; others are folded into the product lines. Empty: 200.' },
    { target: 'Xero Account for Rounding', key: 'xeroRoundingAccount', source: '860', note: 'Empty: 860 (Rounding).' },
  ],
  fields: [
    { target: 'Contact Name', source: '{{contactName}}', xero: 'Contact.Name', note: 'Billing name, else company, else e-mail: never empty when Ecwid has any of them. Xero uses an existing contact of that name or creates one.' },
    { target: 'Contact Email', source: '{{contactEmail}}', xero: 'Contact.EmailAddress' },
    { target: 'Contact First Name', source: '{{contactFirstName}}', xero: 'Contact.FirstName' },
    { target: 'Contact Last Name', source: '{{contactLastName}}', xero: 'Contact.LastName' },
    { target: 'Invoice Number', source: '', xero: 'InvoiceNumber', note: 'Leave empty: Xero numbers its invoices.' },
    { target: 'Reference', source: '{{invoiceReference}}', xero: 'Reference', note: 'The Ecwid order ID, so payments and the order can be found from the invoice.' },
    { target: 'Date', source: '{{createDate}}', xero: 'Date', note: 'The order date (Xero keeps the day).' },
    { target: 'Due Date', source: '{{createDate}}', xero: 'DueDate', note: 'The order is paid already: due on the order date.' },
    { target: 'Currency', source: '{{currency}}', xero: 'CurrencyCode', note: "The store's currency; it must be enabled in Xero." },
    { target: 'Line Amount Types', source: '{{lineAmountTypes}}', xero: 'LineAmountTypes', note: 'Required: Inclusive when the store shows prices with tax, Exclusive when tax is added on top, NoTax when the order has no tax. Left out, Xero reads the amounts as tax-exclusive and a tax-inclusive invoice is overstated by its whole tax.' },
    { target: 'Status', source: 'AUTHORISED', xero: 'Status', note: 'Or DRAFT to review each invoice in Xero before approving it.' },
  ],
  lineItems: [
    { target: 'Description', source: '{{invoiceLines[]description}}', xero: 'LineItems.Description', note: 'Product name with the chosen options, and what was folded in ("— 3 × 9.995, less Discount coupon: SAVE 1.50"); "Shipping: …", surcharge names, "Rounding: …". Never empty, at most 4,000 characters.' },
    { target: 'Quantity', source: '{{invoiceLines[]quantity}}', xero: 'LineItems.Quantity', note: "The quantity bought, or 1 when the line's amount is not a whole number of cents per unit (the description then gives the quantity)." },
    { target: 'Unit Price', source: '{{invoiceLines[]unitAmount}}', xero: 'LineItems.UnitAmount', note: 'At most 2 decimals, so Xero keeps it whole whatever its unit-price precision: Quantity × Unit Price is the line amount to the cent.' },
    { target: 'Item Code', source: '', xero: 'LineItems.ItemCode', note: 'Optional: {{invoiceLines[]itemCode}} (the SKU, left empty when longer than Xero\'s 30 characters) only if your Xero items use the SKUs as codes — Xero rejects codes it does not know.' },
    { target: 'Account', source: '{{invoiceLines[]accountCode}}', xero: 'LineItems.AccountCode', note: "Each line's account: set them in the trigger's Xero Account fields (defaults: products 200 Sales, shipping and fees 260 Other Revenue, rounding 860 Rounding). Required by Xero outside the US." },
    { target: 'Tax Rate', source: '{{invoiceLines[]taxType}}', xero: 'LineItems.TaxType', note: "Each line's Xero tax rate: fill in the trigger's Xero Tax Rates (Ecwid tax name → your Xero rate's code) and Xero Tax Rate for Untaxed Lines. Untaxed lines always carry the untaxed rate: a line sent without one gets its account's default rate." },
    { target: 'Tax Amount', source: '', xero: 'LineItems.TaxAmount', note: "Leave empty: Xero computes each line's tax, and {{invoiceLines[]taxAmount}} is exactly what it computes, so mapping it changes nothing (a different figure would become a Xero tax adjustment)." },
  ],
  notes: [
    "Xero's total equals what Ecwid charged before gift cards, to the cent, with Tax Amount left empty: each line's tax as Xero computes it (rounded once per line at the line's combined rate) is {{invoiceLines[]taxAmount}}, and what that rounding leaves against Ecwid's own tax (a cent where Ecwid rounds State and City tax apart) is an explicit untaxed \"Rounding\" line on the rounding account. {{invoiceTotal}} and {{invoiceTaxTotal}} are Xero's figures; {{ecwidTaxTotal}} and {{taxDifferenceFromEcwid}} show Ecwid's tax beside them. Where Ecwid's own fields disagree by more than a cent, an explicit \"Adjustment\" line says so.",
    "Your Xero tax rates must have the percentages of Ecwid's taxes ({{invoiceLines[]taxRate}} is the line's combined rate): one Xero rate per combination a line can carry, e.g. \"State tax + City tax\" at 8.25%.",
    'A gift card is a payment, not a discount: when {{giftCardRedemption}} is above 0, add a Xero "Create Payment" step for that amount against the new invoice, from a "Gift cards" clearing account.',
    'To record the rest of the payment too, add a second "Create Payment" step for {{total}} to the bank or payment-provider account the order was paid into.',
    "Line items: Zapier sends one Xero line per entry of Invoice Lines; map every line field from Invoice Lines so the lists stay aligned.",
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
  summary: 'Every customer who registers in the Ecwid store is created in Xero, or updated there when the contact exists.',
  trigger: { app: 'Ecwid', event: 'New Customer', key: 'new_customer' },
  action: { app: 'Xero', event: 'Create/Update Contact' },
  fields: [
    { target: 'Name', source: '{{name}}', xero: 'Name', note: 'Ecwid customers may have no name: put a Formatter "Default Value" step before this one that falls back to {{billingPerson__companyName}} or {{email}}.' },
    { target: 'Email Address', source: '{{email}}', xero: 'EmailAddress' },
    { target: 'Phone Number', source: '{{billingPerson__phone}}', xero: 'Phones.PhoneNumber' },
    { target: 'Account Number', source: '{{id}}', xero: 'AccountNumber', note: 'The Ecwid customer ID: links the two records.' },
    { target: 'Tax Number', source: '{{taxId}}', xero: 'TaxNumber' },
    { target: 'Address Line 1', source: '{{billingPerson__street}}', xero: 'Addresses.AddressLine1', note: 'Ecwid keeps both address lines in one field, separated by a line break.' },
    { target: 'City', source: '{{billingPerson__city}}', xero: 'Addresses.City' },
    { target: 'Region', source: '{{billingPerson__stateOrProvinceCode}}', xero: 'Addresses.Region' },
    { target: 'Postal Code', source: '{{billingPerson__postalCode}}', xero: 'Addresses.PostalCode' },
    { target: 'Country', source: '{{billingPerson__countryCode}}', xero: 'Addresses.Country' },
  ],
  notes: [
    'Xero\'s First Name and Last Name: the New Customer output has the full name only; a Formatter "Split Text" step on {{name}} gives both.',
    'Customers who buy as guests have no Ecwid customer record: the invoice recipe creates their Xero contact from the order instead.',
  ],
  unverified: ['The Xero action\'s field labels beyond Name and Email ("Create/Update Contact" itself is shown on Zapier\'s public Xero pages).'],
};

export const NEW_PRODUCT_TO_XERO_ITEM: ZapTemplate = {
  key: 'ecwid-new-product-to-xero-item',
  title: 'Ecwid New Product → Xero Create Item',
  summary: 'Every product added to the Ecwid catalog becomes a Xero item, so invoice lines can use the same codes.',
  trigger: { app: 'Ecwid', event: 'New Product', key: 'new_product' },
  action: { app: 'Xero', event: 'Create Item' },
  fields: [
    { target: 'Item Code', source: '{{sku}}', xero: 'Code', note: 'Xero allows 30 characters and needs it unique. With items in Xero, the invoice recipe can map Item Code to {{invoiceLines[]itemCode}}.' },
    { target: 'Item Name', source: '{{name}}', xero: 'Name', note: 'Xero allows 50 characters.' },
    { target: 'Sales Description', source: '{{description}}', xero: 'Description', note: 'Ecwid descriptions are HTML: a Formatter "Remove HTML Tags" step makes them plain text.' },
    { target: 'Sales Unit Price', source: '{{price}}', xero: 'SalesDetails.UnitPrice' },
    { target: 'Sales Account', source: '200', xero: 'SalesDetails.AccountCode', note: 'Your sales account code.' },
  ],
  notes: [
    'Stock bought for the new product can go to Xero as a bill instead (Xero "Create Bill"): Contact = your supplier, one line with Description {{name}}, Quantity {{quantity}}, your unit cost and your inventory or purchases account.',
  ],
  unverified: ['The Xero action\'s name ("Create Item") and its field labels: public pages show Xero items used from Zapier, not the action\'s fields.'],
};

const L = COUPON_LABELS;

export const XERO_CONTACT_TO_ECWID_COUPON: ZapTemplate = {
  key: 'xero-new-contact-to-ecwid-coupon',
  title: 'Xero New Contact → Ecwid Create Discount Coupon',
  summary: 'Every new Xero contact gets a single-use welcome coupon for the Ecwid store (send it with an e-mail step after this one).',
  trigger: { app: 'Xero', event: 'New Contact' },
  action: { app: 'Ecwid', event: 'Create Discount Coupon', key: 'create_discount_coupon' },
  fields: [
    { target: L.name, key: 'name', source: 'Welcome {{Name}}', note: 'Shown to the shopper at checkout.' },
    { target: L.discountType, key: 'discountType', source: 'PERCENT', note: `Choose "${DISCOUNT_TYPES.PERCENT}".` },
    { target: L.discount, key: 'discount', source: '10', note: '10 % off.' },
    { target: L.code, key: 'code', source: '', note: 'Leave empty: the app makes a unique code.' },
    { target: L.codePrefix, key: 'codePrefix', source: 'WELCOME', note: 'Starts the code made for you.' },
    { target: L.uniqueFor, key: 'uniqueFor', source: '{{ContactID}}', note: 'The same contact always gets the same coupon, so a replayed Zap run never makes a second one.' },
    { target: L.status, key: 'status', source: 'ACTIVE', note: `Choose "${COUPON_STATUSES.ACTIVE}" (the default).` },
    { target: L.launchDate, key: 'launchDate', source: '', note: 'Empty: usable at once.' },
    { target: L.expirationDate, key: 'expirationDate', source: '', note: 'Optional: a Formatter "Date / Time → Add/Subtract Time" step (+30 days) before this one.' },
    { target: L.totalLimit, key: 'totalLimit', source: '', note: 'Optional minimum order subtotal.' },
    { target: L.usesLimit, key: 'usesLimit', source: 'SINGLE', note: `Choose "${USES_LIMITS.SINGLE}".` },
    { target: L.applicationLimit, key: 'applicationLimit', source: 'NEW_CUSTOMER_ONLY', note: `Choose "${APPLICATION_LIMITS.NEW_CUSTOMER_ONLY}".` },
    { target: L.productIds, key: 'productIds', source: '', note: 'Empty, with Categories empty: the whole catalog.' },
    { target: L.categoryIds, key: 'categoryIds', source: '' },
    { target: L.shippingMethods, key: 'shippingMethods', source: '' },
  ],
  notes: [
    'Next step: e-mail the coupon\'s {{code}} to the contact\'s {{EmailAddress}} (Gmail, Outlook or Email by Zapier).',
    'Filter step first if only some contacts should get one (e.g. only customers, not suppliers).',
  ],
  unverified: ['The Xero trigger\'s output labels ({{Name}}, {{EmailAddress}}, {{ContactID}} follow Xero\'s API field names).'],
};

export const ZAP_TEMPLATES: readonly ZapTemplate[] = [
  PAID_ORDER_TO_XERO_INVOICE,
  NEW_CUSTOMER_TO_XERO_CONTACT,
  NEW_PRODUCT_TO_XERO_ITEM,
  XERO_CONTACT_TO_ECWID_COUPON,
];

// ---------------------------------------------------------------------------------------------------------------
// Rendering the invoice a Zap would create

const PLACEHOLDER = /\{\{([^}]+)\}\}/g;

const valueText = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A path like "billingPerson__city" (Zapier's flattened name) or "invoiceLines[]description" (read from `line`). */
const lookup = (output: Record<string, unknown>, path: string, line?: Record<string, unknown>): unknown => {
  const lineField = /^(\w+)\[\](\w+)$/.exec(path);
  if (lineField) return line?.[lineField[2]];
  return path.split(/__|\./).reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), output);
};

/** What Zapier puts into a field: a lone placeholder keeps its value's type; text with placeholders is text. */
export const resolveSource = (source: string, output: Record<string, unknown>, line?: Record<string, unknown>): unknown => {
  const lone = /^\{\{([^}]+)\}\}$/.exec(source);
  if (lone) return lookup(output, lone[1].trim(), line);
  return source.replace(PLACEHOLDER, (_, path: string) => valueText(lookup(output, path.trim(), line)));
};

export interface XeroInvoiceLine {
  description: string;
  quantity: number;
  unitAmount: number;
  itemCode: string;
  accountCode: string;
  taxType: string;
  /** As Xero computes it (or the Tax Amount sent, where a mapping sends one). */
  taxAmount: number;
  /** As Xero computes it: quantity × unit amount, 2 decimals. */
  lineAmount: number;
}

export interface XeroInvoicePreview {
  contactName: string;
  contactEmail: string;
  reference: string;
  date: string;
  dueDate: string;
  currency: string;
  status: string;
  lineAmountTypes: string;
  lines: XeroInvoiceLine[];
  subtotal: number;
  totalTax: number;
  total: number;
  /** What the order's gift card paid (a payment step in the recipe), and what stays due after it. */
  giftCardPayment: number;
  amountDue: number;
  /** What Xero would reject (unknown tax rate, too long a description…), per the Xero model. */
  errors: string[];
}

/** Xero keeps every amount at 2 decimals, whatever the currency. */
const XERO_DIGITS = 2;

const toNumber = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(valueText(value));
  return Number.isFinite(n) ? n : 0;
};

/** A numeric field as the Zap sends it: empty stays empty (Xero then computes it). */
const numberField = (value: unknown): number | string | undefined =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? (value as number | string) : undefined;

/** Xero takes dates as YYYY-MM-DD: the day of the ISO timestamp, in the offset Ecwid gave. */
const xeroDate = (value: unknown): string => {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(valueText(value));
  return match ? match[1] : valueText(value);
};

/** Ecwid's tax rates by name, from the order record inside the output: what the merchant set up in Ecwid. */
function ecwidRates(output: Record<string, unknown>): Map<string, number> {
  const rates = new Map<string, number>();
  const collect = (taxes: unknown) => {
    for (const tax of Array.isArray(taxes) ? (taxes as Array<Record<string, unknown>>) : []) {
      const name = valueText(tax?.name).trim();
      if (name && typeof tax.value === 'number' && !rates.has(name)) rates.set(name, tax.value);
    }
  };
  const list = (value: unknown) => (Array.isArray(value) ? (value as Array<Record<string, unknown>>) : []);
  for (const item of list(output.items)) collect(item?.taxes);
  for (const surcharge of list(output.customSurcharges)) collect(surcharge?.taxes);
  collect(output.taxesOnShipping);
  return rates;
}

/**
 * The Xero organisation the recipe assumes: each tax rate the lines name has the components of the Ecwid taxes
 * it stands for (Ecwid's rates), the untaxed rates none; every account defaults to no tax.
 */
export function recipeOrganisation(output: Record<string, unknown>): XeroOrganisation {
  const rates = ecwidRates(output);
  const lines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Array<Record<string, unknown>>) : [];
  const organisation: XeroOrganisation = { taxRates: {}, accounts: {} };
  for (const line of lines) {
    const taxType = valueText(line.taxType);
    const names = valueText(line.taxName).split(' + ').filter(Boolean);
    organisation.taxRates[taxType] ??= { components: names.map((name) => ({ name, rate: rates.get(name) ?? toNumber(line.taxRate) })) };
    organisation.accounts[valueText(line.accountCode)] = { taxType: '' };
  }
  return organisation;
}

/**
 * The Xero invoice the template creates for one order output (the trigger's output object), as Xero computes it
 * (tools/xero-oracle): line amount = quantity × unit price, tax per line from the line's rate, total = subtotal
 * (+ tax when amounts are tax-exclusive). `organisation`: the merchant's Xero setup (default: the recipe's).
 */
export function renderXeroInvoice(
  output: Record<string, unknown>,
  template: ZapTemplate = PAID_ORDER_TO_XERO_INVOICE,
  { organisation = recipeOrganisation(output), ...options }: XeroOptions & { organisation?: XeroOrganisation } = {},
): XeroInvoicePreview {
  const field = (xero: string, line?: Record<string, unknown>): unknown => {
    const mapping = [...template.fields, ...(template.lineItems ?? [])].find((m) => m.xero === xero);
    return mapping && mapping.source !== '' ? resolveSource(mapping.source, output, line) : undefined;
  };
  const sourceLines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Array<Record<string, unknown>>) : [];
  const lineItems = sourceLines.map((line): XeroLineInput => ({
    Description: valueText(field('LineItems.Description', line)),
    Quantity: numberField(field('LineItems.Quantity', line)),
    UnitAmount: numberField(field('LineItems.UnitAmount', line)),
    ItemCode: valueText(field('LineItems.ItemCode', line)),
    AccountCode: valueText(field('LineItems.AccountCode', line)),
    TaxType: valueText(field('LineItems.TaxType', line)),
    TaxAmount: numberField(field('LineItems.TaxAmount', line)),
  }));
  const currency = valueText(field('CurrencyCode'));
  const types = valueText(field('LineAmountTypes')) as XeroInvoiceInput['LineAmountTypes'];
  const xero = xeroInvoice({ Type: 'ACCREC', LineAmountTypes: types, CurrencyCode: currency, LineItems: lineItems }, organisation, options);
  const giftCardPayment = toNumber(output.giftCardRedemption);
  return {
    contactName: valueText(field('Contact.Name')),
    contactEmail: valueText(field('Contact.EmailAddress')),
    reference: valueText(field('Reference')),
    date: xeroDate(field('Date')),
    dueDate: xeroDate(field('DueDate')),
    currency,
    status: valueText(field('Status')),
    lineAmountTypes: xero.lineAmountTypes,
    lines: xero.lines.map((line, i) => ({
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      itemCode: valueText(lineItems[i].ItemCode),
      accountCode: valueText(lineItems[i].AccountCode),
      taxType: line.taxType,
      taxAmount: line.taxAmount,
      lineAmount: line.lineAmount,
    })),
    subtotal: xero.subTotal,
    totalTax: xero.totalTax,
    total: xero.total,
    giftCardPayment,
    amountDue: Number((xero.total - giftCardPayment).toFixed(XERO_DIGITS)),
    errors: xero.errors.map((e) => (e.line === undefined ? e.message : `line ${e.line + 1}: ${e.message}`)),
  };
}

const AMOUNTS_ARE: Record<string, string> = { Exclusive: 'Tax exclusive', Inclusive: 'Tax inclusive', NoTax: 'No tax' };

/** The preview as a plain-text invoice for the terminal (and the doc), amounts at Xero's 2 decimals. */
export function formatXeroInvoice(preview: XeroInvoicePreview): string {
  const digits = XERO_DIGITS;
  const money = (n: number) => n.toFixed(digits);
  const cut = (s: string, width: number) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  const rows = preview.lines.map((l) => [
    cut(l.description, 40),
    String(l.quantity),
    l.unitAmount.toFixed(Math.max(digits, (String(l.unitAmount).split('.')[1] ?? '').length)),
    l.accountCode,
    cut(l.taxType, 18),
    money(l.taxAmount),
    money(l.lineAmount),
  ]);
  const header = ['Description', 'Qty', 'Unit Price', 'Account', 'Tax Rate', 'Tax', 'Amount'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const rightAligned = new Set([1, 2, 5, 6]);
  const render = (cells: string[]) =>
    cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const tableWidth = widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
  const total = (label: string, value: number) => `${label.padStart(tableWidth - widths[6] - 2)}  ${money(value).padStart(widths[6])}`;
  const lines = [
    `Xero sales invoice (${preview.status || 'DRAFT'}) — reference ${preview.reference}`,
    `To:       ${preview.contactName}${preview.contactEmail ? ` <${preview.contactEmail}>` : ''}`,
    `Date:     ${preview.date}    Due: ${preview.dueDate}    Currency: ${preview.currency}    Amounts are: ${AMOUNTS_ARE[preview.lineAmountTypes] ?? preview.lineAmountTypes}`,
    '',
    render(header),
    '-'.repeat(tableWidth),
    ...rows.map(render),
    '-'.repeat(tableWidth),
    total('Subtotal', preview.subtotal),
    total(preview.lineAmountTypes === 'Inclusive' ? 'Includes tax' : 'Total tax', preview.totalTax),
    total('Total', preview.total),
  ];
  if (preview.giftCardPayment !== 0) {
    lines.push(total('Gift card payment', -preview.giftCardPayment), total('Amount due', preview.amountDue));
  }
  if (preview.errors.length > 0) lines.push('', ...preview.errors.map((e) => `Xero would reject it: ${e}`));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The doc

/** The order output the doc renders: the sample order with ISO dates and its invoice fields, as order triggers give it. */
export const EXAMPLE_ORDER_OUTPUT: Record<string, unknown> = { ...withIsoDates(SAMPLE_ORDER), ...INVOICE_SAMPLE };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const shownSource = (source: string) => (source === '' ? '*(leave empty)*' : source.includes('{{') ? `\`${source}\`` : `\`${source}\` (fixed value)`);

function mappingTable(mappings: readonly FieldMapping[], action: ZapTemplate['action']): string[] {
  const apiColumn = action.app === 'Xero' ? 'Xero API field' : `${action.app} input key`;
  return [
    `| ${action.app} field | Value | ${apiColumn} | Why / how |`,
    '|---|---|---|---|',
    ...mappings.map((m) => `| ${cell(m.target)} | ${cell(shownSource(m.source))} | ${m.xero ?? m.key ?? ''} | ${cell(m.note ?? '')} |`),
  ];
}

/** docs/zap-templates.md, generated: run `npm run docs`. */
export function zapTemplatesMarkdown(): string {
  const out: string[] = [
    '# Zap templates: Ecwid ↔ Xero',
    '',
    '<!-- Generated from tools/docs/zap-templates.ts by tools/docs/zap-templates-doc.ts; edit those, not this file. A test fails when it is stale. -->',
    '',
    'Four recipes, field by field. `{{key}}` is a field of the trigger step\'s output (Zapier shows it by its label);',
    'anything else is typed into the field as is. Ecwid order outputs carry accounting-ready invoice lines',
    "(`invoiceLines[]…`) with each line's Xero tax rate and account, the line amount type and the Xero contact fields,",
    'so recipe 1 needs no Formatter or Code step.',
    '',
  ];
  ZAP_TEMPLATES.forEach((template, index) => {
    out.push(
      `## ${index + 1}. ${template.title}`,
      '',
      template.summary,
      '',
      `- Trigger: **${template.trigger.app} — ${template.trigger.event}**${template.trigger.key ? ` (\`${template.trigger.key}\`)` : ''}`,
      `- Action: **${template.action.app} — ${template.action.event}**${template.action.key ? ` (\`${template.action.key}\`)` : ''}`,
      '',
    );
    if (template.triggerFields) {
      out.push('Trigger step (optional fields of this app):', '', ...mappingTable(template.triggerFields, { app: template.trigger.app, event: template.trigger.event }), '');
      out.push('Action step:', '');
    }
    out.push(...mappingTable(template.fields, template.action), '');
    if (template.lineItems) out.push('Line items (one Xero line per invoice line):', '', ...mappingTable(template.lineItems, template.action), '');
    if (template === PAID_ORDER_TO_XERO_INVOICE) {
      out.push(
        'What it creates for the sample order (rendered from this mapping by the same code as `npm start`):',
        '',
        '```text',
        formatXeroInvoice(renderXeroInvoice(EXAMPLE_ORDER_OUTPUT, template)),
        '```',
        '',
      );
    }
    out.push('Notes:', '', ...template.notes.map((n) => `- ${n}`), '', 'Not verified:', '', ...template.unverified.map((u) => `- ${u}`), '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
