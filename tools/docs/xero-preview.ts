/**
 * The Xero invoice a recipe creates for one order output, as Xero computes it: the request is what the recipe's
 * mapping sends (tools/xero-oracle/zap-mapping.ts), the arithmetic is the Xero oracle's (tools/xero-oracle/xero.ts).
 * `npm start` and docs/zap-templates.md show invoices through this, so what they show is what Xero would total.
 */
import { PAID_ORDER_TO_XERO_INVOICE, resolveSource, valueText, type ZapTemplate } from './zap-templates.js';
import { xeroInvoice, type XeroOptions, type XeroOrganisation } from '../xero-oracle/xero.js';
import { ecwidTaxRates, recipeInvoiceInput, TAX_NAME_SEPARATOR } from '../xero-oracle/zap-mapping.js';

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

/** Xero takes dates as YYYY-MM-DD: the day of the ISO timestamp, in the offset Ecwid gave. */
const xeroDate = (value: unknown): string => {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(valueText(value));
  return match ? match[1] : valueText(value);
};

/**
 * The Xero organisation the recipe assumes: each tax rate the lines name has the components of the Ecwid taxes
 * it stands for (Ecwid's rates), the untaxed rates none; every account defaults to no tax.
 */
export function recipeOrganisation(output: Record<string, unknown>): XeroOrganisation {
  const rates = ecwidTaxRates(output);
  const lines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Array<Record<string, unknown>>) : [];
  const organisation: XeroOrganisation = { taxRates: {}, accounts: {} };
  for (const line of lines) {
    const taxType = valueText(line.taxType);
    const names = valueText(line.taxName).split(TAX_NAME_SEPARATOR).filter(Boolean);
    organisation.taxRates[taxType] ??= {
      components: names.map((name) => ({ name, rate: rates.get(name) ?? toNumber(line.taxRate) })),
    };
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
  const field = (xero: string): unknown => {
    const mapping = template.fields.find((m) => m.xero === xero);
    return mapping && mapping.source !== '' ? resolveSource(mapping.source, output) : undefined;
  };
  const input = recipeInvoiceInput(output, { template });
  const xero = xeroInvoice(input, organisation, options);
  const giftCardPayment = toNumber(output.giftCardRedemption);
  return {
    contactName: valueText(field('Contact.Name')),
    contactEmail: valueText(field('Contact.EmailAddress')),
    reference: valueText(field('Reference')),
    date: xeroDate(field('Date')),
    dueDate: xeroDate(field('DueDate')),
    currency: input.CurrencyCode ?? '',
    status: valueText(field('Status')),
    lineAmountTypes: xero.lineAmountTypes,
    lines: xero.lines.map((line, i) => ({
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      itemCode: valueText(input.LineItems[i].ItemCode),
      accountCode: valueText(input.LineItems[i].AccountCode),
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
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const tableWidth = widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
  const total = (label: string, value: number) =>
    `${label.padStart(tableWidth - widths[6] - 2)}  ${money(value).padStart(widths[6])}`;
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
