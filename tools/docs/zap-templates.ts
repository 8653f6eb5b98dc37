/**
 * The Zap recipes (Zap templates) as data, and a renderer that shows what the first one creates in Xero for
 * one order output. docs/zap-templates.md is generated from this file (scripts/zap-templates-doc.ts) and `npm start`
 * renders the invoice with the same mapping, so the doc and the demo cannot drift apart.
 *
 * A mapping's `source` is what the merchant puts in the Xero (or Ecwid) field: `{{key}}` is a field of the trigger's
 * output (`{{invoiceLines[]description}}` a line-item field), anything else is typed as is.
 * `xero` names the Xero API field the label stands for (Xero's API reference; stable), while the Zapier labels in
 * `target` are as far as public pages show them: see `unverified`.
 */
import { APPLICATION_LIMITS, COUPON_LABELS, COUPON_STATUSES, DISCOUNT_TYPES, USES_LIMITS } from '../../lib/coupons/coupons.js';
import { withIsoDates } from '../../lib/ecwid/dates.js';
import { currencyDigits, INVOICE_SAMPLE } from '../../lib/invoice/invoice.js';
import { SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';

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
  fields: FieldMapping[];
  lineItems?: FieldMapping[];
  notes: string[];
  unverified: string[];
}

export const PAID_ORDER_TO_XERO_INVOICE: ZapTemplate = {
  key: 'ecwid-paid-order-to-xero-invoice',
  title: 'Ecwid New Paid Order → Xero Create Sales Invoice',
  summary:
    'Every paid Ecwid order becomes a Xero sales invoice whose lines add up to what the buyer was charged: one line per product, ' +
    'plus shipping, handling fee, surcharges and each discount, with their taxes.',
  trigger: { app: 'Ecwid', event: 'New Paid Order', key: 'new_paid_order' },
  action: { app: 'Xero', event: 'Create Sales Invoice' },
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
    { target: 'Line Amount Types', source: '{{lineAmountTypes}}', xero: 'LineAmountTypes', note: 'Inclusive when the store shows prices with tax, Exclusive when tax is added on top, NoTax when the order has no tax.' },
    { target: 'Status', source: 'AUTHORISED', xero: 'Status', note: 'Or DRAFT to review each invoice in Xero before approving it.' },
  ],
  lineItems: [
    { target: 'Description', source: '{{invoiceLines[]description}}', xero: 'LineItems.Description', note: 'Product name with the chosen options; "Shipping: …", "Handling fee", discount names.' },
    { target: 'Quantity', source: '{{invoiceLines[]quantity}}', xero: 'LineItems.Quantity' },
    { target: 'Unit Price', source: '{{invoiceLines[]unitAmount}}', xero: 'LineItems.UnitAmount', note: 'Negative on discount lines.' },
    { target: 'Item Code', source: '', xero: 'LineItems.ItemCode', note: 'Optional: {{invoiceLines[]itemCode}} (the SKU) only if your Xero items use the SKUs as codes — Xero rejects codes it does not know.' },
    { target: 'Account', source: '200', xero: 'LineItems.AccountCode', note: 'Your sales account code (200 is "Sales" in Xero\'s default chart). Required by Xero outside the US.' },
    { target: 'Tax Rate', source: '{{invoiceLines[]taxName}}', xero: 'LineItems.TaxType', note: 'Xero wants its own tax rate here: pick one, or turn the Ecwid tax names into Xero tax types with a Formatter "Lookup Table" step. Lines with several taxes ("State tax + City tax") need a combined rate in Xero.' },
    { target: 'Tax Amount', source: '{{invoiceLines[]taxAmount}}', xero: 'LineItems.TaxAmount', note: "Ecwid's tax per line. Xero recalculates tax from the rate when it is left empty, which can differ by a cent per line." },
  ],
  notes: [
    'Σ Line Amount (+ Σ Tax Amount when Exclusive) equals the order total before gift cards, to the cent, for every order: where Ecwid\'s fields disagree by more than a cent the invoice gets an explicit "Adjustment" line rather than a total that does not match.',
    'A gift card is a payment, not a discount: when {{giftCardRedemption}} is above 0, add a Xero "Create Payment" step for that amount against the new invoice, from a "Gift cards" clearing account.',
    'To record the rest of the payment too, add a second "Create Payment" step for {{total}} to the bank or payment-provider account the order was paid into.',
    "Line items: Zapier sends one Xero line per entry of Invoice Lines; map every line field from Invoice Lines so the lists stay aligned.",
  ],
  unverified: [
    'Zapier\'s labels of the Xero action fields ("Contact Name", "Line Amount Types", "Unit Price", "Account", "Tax Rate", "Tax Amount", …): public pages confirm the "Create Sales Invoice" action, its line-item support and a "Line Account Code" field; the other labels follow Xero\'s API and may read differently in the Zap editor.',
    'Whether Zapier\'s Xero action exposes a per-line Tax Amount (Xero\'s API accepts one as an override of its own calculation).',
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
    { target: 'Contact Name', source: '{{contactName}}', xero: 'Contact.Name', note: 'The same contact name recipe 1 gave the invoice.' },
    { target: 'Contact Email', source: '{{contactEmail}}', xero: 'Contact.EmailAddress' },
    { target: 'Date', source: '{{date}}', xero: 'Date', note: 'When the refund was made (for a refund known only from the status: the order\'s last update).' },
    { target: 'Reference', source: '{{invoiceReference}}', xero: 'Reference', note: 'The invoice\'s reference (the Ecwid order ID), to find the invoice to allocate to.' },
    { target: 'Currency', source: '{{currency}}', xero: 'CurrencyCode' },
    { target: 'Line Amount Types', source: 'Inclusive', xero: 'LineAmountTypes', note: 'The refunded amount is what the buyer got back, tax included.' },
    { target: 'Status', source: 'AUTHORISED', xero: 'Status', note: 'Xero allocates only authorised credit notes.' },
    {
      target: 'Allocate to Invoice',
      source: '{{invoiceReference}}',
      xero: 'Allocations[].Invoice',
      note: 'Allocate {{amount}} to the invoice with this reference (Xero: the credit note\'s Allocations, Amount = {{amount}}); then the invoice shows as credited and the books balance.',
    },
  ],
  lineItems: [
    { target: 'Description', source: 'Refund {{invoiceReference}}: {{reason}}', xero: 'LineItems.Description' },
    { target: 'Quantity', source: '1', xero: 'LineItems.Quantity' },
    { target: 'Unit Price', source: '{{amount}}', xero: 'LineItems.UnitAmount', note: 'The refund, tax included.' },
    { target: 'Account', source: '200', xero: 'LineItems.AccountCode', note: 'The sales account the invoice used (or a "Refunds" account).' },
    { target: 'Tax Rate', source: '', xero: 'LineItems.TaxType', note: 'The Xero tax rate of the goods refunded: with one rate in the store, Xero splits the amount into net and tax exactly as the refund was charged.' },
  ],
  notes: [
    'One firing per refund (ids from the amount refunded so far): a second partial refund creates a second credit note for its own amount; a refund Ecwid records later for money already credited by status creates none.',
    '{{isOrderFullyRefunded}} is true once the order is refunded in full: a Filter step on it can instead void the invoice when nothing was paid out yet.',
    'Cancelled orders: New Order with Payment Status "Cancelled" fires once per order — map its {{invoiceReference}} into Xero to void the invoice. Deleted orders: the Deleted Order trigger.',
    'A store with several tax rates needs one credit note line per rate; until credit-note lines are part of the refund output, map the rate of the goods refunded.',
  ],
  unverified: [
    'Whether Zapier\'s Xero "Create Credit Note" action exposes the allocation to an invoice (Xero\'s API: PUT CreditNotes/{CreditNoteID}/Allocations with Invoice and Amount). If it does not, allocate in Xero (invoice → "Apply credit") or with a Xero API request step.',
    'Zapier\'s labels of the credit note fields follow Xero\'s API and may read differently in the Zap editor.',
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
    { target: 'Invoice', source: '', xero: 'Invoice.InvoiceID', note: 'The invoice the previous step (recipe 1, Create Sales Invoice) created: map its Invoice ID.' },
    { target: 'Account', source: '090', xero: 'Account.Code', note: 'The bank or payment-provider clearing account the gateway pays into ({{paymentGateway}} tells which); 090 is "Business Bank Account" in Xero\'s demo chart.' },
    { target: 'Date', source: '{{updateDate}}', xero: 'Date', note: 'Ecwid has no paid date: the update that set Paid is the best available.' },
    { target: 'Amount', source: '{{amountPaid}}', xero: 'Amount', note: 'The order total after gift cards: what the buyer paid with {{paymentMethod}}.' },
    { target: 'Reference', source: '{{statementReference}}', xero: 'Reference', note: 'The payment reference, else the transaction ID ({{externalTransactionId}}), else the order ID: what the statement line shows.' },
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
  taxAmount: number;
  /** As Xero computes it: quantity × unit amount, rounded to the currency. */
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
}

const toNumber = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(valueText(value));
  return Number.isFinite(n) ? n : 0;
};

/** Xero takes dates as YYYY-MM-DD: the day of the ISO timestamp, in the offset Ecwid gave. */
const xeroDate = (value: unknown): string => {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(valueText(value));
  return match ? match[1] : valueText(value);
};

/**
 * The Xero invoice the template creates for one order output (the trigger's output object), computed the way
 * Xero does: line amount = quantity × unit price, tax from the mapped Tax Amount, total = subtotal (+ tax when
 * amounts are tax-exclusive).
 */
export function renderXeroInvoice(output: Record<string, unknown>, template: ZapTemplate = PAID_ORDER_TO_XERO_INVOICE): XeroInvoicePreview {
  const field = (xero: string, line?: Record<string, unknown>): unknown => {
    const mapping = [...template.fields, ...(template.lineItems ?? [])].find((m) => m.xero === xero);
    return mapping ? resolveSource(mapping.source, output, line) : undefined;
  };
  const currency = valueText(field('CurrencyCode'));
  const scale = 10 ** currencyDigits(currency || 'USD');
  const round = (n: number) => Math.round(Number((n * scale).toPrecision(15))) / scale;
  const sourceLines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Array<Record<string, unknown>>) : [];
  const lines = sourceLines.map((line) => {
    const quantity = toNumber(field('LineItems.Quantity', line));
    const unitAmount = toNumber(field('LineItems.UnitAmount', line));
    return {
      description: valueText(field('LineItems.Description', line)),
      quantity,
      unitAmount,
      itemCode: valueText(field('LineItems.ItemCode', line)),
      accountCode: valueText(field('LineItems.AccountCode', line)),
      taxType: valueText(field('LineItems.TaxType', line)),
      taxAmount: toNumber(field('LineItems.TaxAmount', line)),
      lineAmount: round(quantity * unitAmount),
    };
  });
  const lineAmountTypes = valueText(field('LineAmountTypes')) || 'Exclusive';
  const subtotal = round(lines.reduce((a, l) => a + l.lineAmount, 0));
  const totalTax = lineAmountTypes === 'NoTax' ? 0 : round(lines.reduce((a, l) => a + l.taxAmount, 0));
  const total = round(subtotal + (lineAmountTypes === 'Exclusive' ? totalTax : 0));
  const giftCardPayment = toNumber(output.giftCardRedemption);
  return {
    contactName: valueText(field('Contact.Name')),
    contactEmail: valueText(field('Contact.EmailAddress')),
    reference: valueText(field('Reference')),
    date: xeroDate(field('Date')),
    dueDate: xeroDate(field('DueDate')),
    currency,
    status: valueText(field('Status')),
    lineAmountTypes,
    lines,
    subtotal,
    totalTax,
    total,
    giftCardPayment,
    amountDue: round(total - giftCardPayment),
  };
}

const AMOUNTS_ARE: Record<string, string> = { Exclusive: 'Tax exclusive', Inclusive: 'Tax inclusive', NoTax: 'No tax' };

/** The preview as a plain-text invoice for the terminal (and the doc). */
export function formatXeroInvoice(preview: XeroInvoicePreview): string {
  const digits = currencyDigits(preview.currency || 'USD');
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

/** docs/zap-templates.md, generated: run `npm run build && node dist/scripts/zap-templates-doc.js`. */
export function zapTemplatesMarkdown(): string {
  const out: string[] = [
    '# Zap templates: Ecwid ↔ Xero',
    '',
    '<!-- Generated from lib/zap-templates.ts by scripts/zap-templates-doc.ts; edit those, not this file. A test fails when it is stale. -->',
    '',
    'Six recipes, field by field. `{{key}}` is a field of the trigger step\'s output (Zapier shows it by its label);',
    'anything else is typed into the field as is. Ecwid order outputs carry accounting-ready invoice lines',
    '(`invoiceLines[]…`), the line amount type and the Xero contact fields, so recipe 1 needs no Formatter or Code step.',
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
      ...mappingTable(template.fields, template.action),
      '',
    );
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
