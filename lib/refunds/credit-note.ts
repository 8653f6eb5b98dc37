import type { PlainOutputField } from 'zapier-platform-core';
import { INVOICE_OUTPUT_FIELDS } from '../invoice/fields.js';
import { allocate } from '../invoice/money.js';
import type { Invoice, InvoiceLine, LineAmountTypes } from '../invoice/types.js';
import { xeroAmount, xeroCents, xeroLineTax, xeroTotalCents } from '../invoice/xero-lines.js';
import { outputField as field } from '../output/values.js';

/**
 * The lines of the Xero credit note for one refund, with the invoice lines' keys and their guarantee: Xero, which
 * computes every credit note itself (tax per line, rounded, at 2 decimals), totals them to exactly the refund.
 *
 * - A refund of the whole invoice total mirrors the invoice's lines (Xero codes, tax, amount types included): the
 *   credit note cancels the invoice exactly.
 * - Any other refund is split across the invoice's groups of lines with the same Xero tax rate and account, in
 *   proportion to what each group was charged (Xero's total of its lines, discounts folded in; the rounding line
 *   left out), largest remainders first, so the parts add up to the refund. Each part is one tax-inclusive line:
 *   Xero takes its tax out of the amount (amount × rate / (100 + rate), rounded), so whatever the rounding, the
 *   credit note's total is the sum of the amounts — the refund, to the cent. A NoTax invoice gets NoTax lines.
 *   Ecwid records no per-item detail of a refund (`refunds[]` has an amount only), so the proportion of the order
 *   is the best split of its tax.
 */

export interface CreditNote {
  creditNoteLines: InvoiceLine[];
  creditNoteLineAmountTypes: LineAmountTypes;
  /** Xero's total of the lines: the refund. */
  creditNoteTotal: number;
  /** Xero's tax on them. */
  creditNoteTaxTotal: number;
}

const KIND_TITLE: Partial<Record<InvoiceLine['kind'], string>> = {
  shipping: 'shipping',
  handling: 'fees',
  surcharge: 'fees',
};

/** `refundCents`: the refund in Xero's hundredths. */
export const creditNoteOf = (invoice: Invoice, refundCents: number, reason: string): CreditNote => {
  const invoiceCents = xeroCents(invoice.invoiceTotal);
  const types = invoice.lineAmountTypes;
  let lines: InvoiceLine[];
  let creditTypes: LineAmountTypes;
  if (refundCents === invoiceCents) {
    lines = invoice.invoiceLines.map((line) => ({ ...line }));
    creditTypes = types;
  } else {
    creditTypes = types === 'NoTax' ? 'NoTax' : 'Inclusive';
    lines = proportionalLines(invoice, refundCents, reason, creditTypes);
  }
  const taxCents = lines.reduce((a, l) => a + xeroCents(l.taxAmount), 0);
  return {
    creditNoteLines: lines,
    creditNoteLineAmountTypes: creditTypes,
    creditNoteTotal: xeroAmount(xeroTotalCents(lines, creditTypes)),
    creditNoteTaxTotal: xeroAmount(taxCents),
  };
};

interface Group {
  sample: InvoiceLine;
  /** Xero's total of the group's lines, in cents. */
  charged: number;
  kinds: Set<InvoiceLine['kind']>;
}

function proportionalLines(
  invoice: Invoice,
  refundCents: number,
  reason: string,
  creditTypes: LineAmountTypes,
): InvoiceLine[] {
  const exclusive = invoice.lineAmountTypes === 'Exclusive';
  const groups = new Map<string, Group>();
  for (const line of invoice.invoiceLines) {
    if (line.kind === 'rounding') continue;
    const key = [line.taxType, line.taxRate, line.taxName, line.accountCode].join('\u0000');
    const group = groups.get(key) ?? { sample: line, charged: 0, kinds: new Set() };
    group.charged += xeroCents(line.lineAmount) + (exclusive ? xeroCents(line.taxAmount) : 0);
    group.kinds.add(line.kind);
    groups.set(key, group);
  }
  const list = [...groups.values()].filter((group) => group.charged > 0);
  if (list.length === 0) {
    // Nothing charged to split by (an invoice of discounts only): one untaxed line.
    const untaxed = invoice.invoiceLines.find((line) => line.taxRate === 0) ?? invoice.invoiceLines[0];
    return [creditLine(untaxed, refundCents, 0, reason, invoice, creditTypes)];
  }
  const parts = allocate(
    refundCents,
    list.map((group) => group.charged),
  );
  return list
    .map((group, i) => ({ group, cents: parts[i] }))
    .filter(({ cents }) => cents !== 0)
    .map(({ group, cents }) => {
      const kinds = [...group.kinds].map((kind) => KIND_TITLE[kind] ?? 'goods');
      return creditLine(
        group.sample,
        cents,
        group.sample.taxRate,
        reason,
        invoice,
        creditTypes,
        [...new Set(kinds)].join(' and '),
      );
    });
}

function creditLine(
  like: InvoiceLine | undefined,
  cents: number,
  rate: number,
  reason: string,
  invoice: Invoice,
  creditTypes: LineAmountTypes,
  what = 'goods',
): InvoiceLine {
  const tax = xeroLineTax(cents, rate, creditTypes);
  const taxName = like?.taxName ?? '';
  const why = reason.trim() ? `: ${reason.trim()}` : '';
  return {
    kind: like?.kind ?? 'adjustment',
    description: `Refund of ${invoice.invoiceReference}${why} (${what}${taxName ? `, ${taxName}` : ''})`,
    itemCode: '',
    quantity: 1,
    unitAmount: xeroAmount(cents),
    taxAmount: xeroAmount(tax),
    taxRate: rate,
    taxName,
    lineAmount: xeroAmount(cents),
    taxType: like?.taxType ?? '',
    accountCode: like?.accountCode ?? '',
    sku: '',
    ecwidTaxAmount: xeroAmount(tax),
  };
}

/** The credit note's fields, `creditNoteLines[]…` with the invoice lines' labels. */
export const CREDIT_NOTE_OUTPUT_FIELDS: PlainOutputField[] = [
  ...INVOICE_OUTPUT_FIELDS.filter((field) => field.key.startsWith('invoiceLines[]')).map((field) => ({
    ...field,
    key: field.key.replace('invoiceLines[]', 'creditNoteLines[]'),
    label: String(field.label).replace('Invoice Line', 'Credit Note Line'),
  })),
  field('creditNoteLineAmountTypes', 'Credit Note Line Amount Types (Inclusive, Exclusive or NoTax)'),
  field('creditNoteTotal', 'Credit Note Total (as Xero Computes It: the Refund)', 'number'),
  field('creditNoteTaxTotal', 'Credit Note Tax Total (as Xero Computes It)', 'number'),
];
