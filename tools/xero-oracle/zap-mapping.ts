/**
 * "What the Zap sends": an order trigger's output record turned into the request Zapier's Xero "Create Sales
 * Invoice" makes, exactly as a recipe's field mapping says (tools/docs/zap-templates.ts), with the choices a
 * merchant makes around it — Tax Amount mapped or left empty, Line Amount Types mapped or not, a Formatter
 * "Lookup Table" from Ecwid's tax names to Xero tax types and its fallback for untaxed lines (empty = the trap).
 *
 * It reads only the trigger's output (what a Zap sees), never the code that builds it.
 */
import { PAID_ORDER_TO_XERO_INVOICE, resolveSource, type ZapTemplate } from '../docs/zap-templates.js';
import type { XeroInvoiceInput, XeroLineInput, XeroNumberField, XeroOrganisation, XeroTaxComponent } from './xero.js';

type Record_ = Record<string, unknown>;

/**
 * A Formatter "Lookup Table" step in front of the line's Tax Rate field: the recipe's value (Ecwid's tax name of
 * the line) is the key; a key not in the table — the empty name of an untaxed line among them — gets `untaxed`,
 * Zapier's "Fallback Value". `untaxed: ''` is the trap: Xero then taxes the line at its account's default rate.
 */
export interface TaxTypeLookup {
  byTaxName: Record<string, string>;
  untaxed: string;
}

/** How a merchant's copy of a recipe differs from the recipe: each field 'recipe' (default), 'mapped' or 'empty'. */
export interface RecipeChoices {
  template?: ZapTemplate;
  /** LineItems.TaxAmount ← {{invoiceLines[]taxAmount}} when 'mapped' */
  taxAmount?: 'recipe' | 'mapped' | 'empty';
  /** LineAmountTypes ← {{lineAmountTypes}} when 'mapped'; missing when 'empty' */
  lineAmountTypes?: 'recipe' | 'mapped' | 'empty';
  /** LineItems.LineAmount ← {{invoiceLines[]lineAmount}} when 'mapped' */
  lineAmount?: 'recipe' | 'mapped' | 'empty';
  /** A Formatter lookup applied to the recipe's Tax Rate value; absent = the value goes to Xero as is. */
  taxTypes?: TaxTypeLookup;
}

const OVERRIDE_SOURCES: Record<string, string> = {
  'LineItems.TaxAmount': '{{invoiceLines[]taxAmount}}',
  LineAmountTypes: '{{lineAmountTypes}}',
  'LineItems.LineAmount': '{{invoiceLines[]lineAmount}}',
};

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const numberField = (value: unknown): XeroNumberField =>
  typeof value === 'number' || typeof value === 'string' ? value : undefined;

/** The Xero request the recipe makes for one trigger output. */
export function recipeInvoiceInput(output: Record_, choices: RecipeChoices = {}): XeroInvoiceInput {
  const template = choices.template ?? PAID_ORDER_TO_XERO_INVOICE;
  const mappings = [...template.fields, ...(template.lineItems ?? [])];
  const choiceFor: Record<string, RecipeChoices['taxAmount']> = {
    'LineItems.TaxAmount': choices.taxAmount,
    LineAmountTypes: choices.lineAmountTypes,
    'LineItems.LineAmount': choices.lineAmount,
  };
  const sourceOf = (xero: string): string => {
    const choice = choiceFor[xero] ?? 'recipe';
    if (choice === 'empty') return '';
    if (choice === 'mapped') return OVERRIDE_SOURCES[xero];
    return mappings.find((m) => m.xero === xero)?.source ?? '';
  };
  const field = (xero: string, line?: Record_): unknown => {
    const source = sourceOf(xero);
    return source === '' ? undefined : resolveSource(source, output, line);
  };
  const taxType = (line: Record_): string => {
    const value = text(field('LineItems.TaxType', line));
    const lookup = choices.taxTypes;
    if (!lookup) return value;
    return Object.hasOwn(lookup.byTaxName, value) ? lookup.byTaxName[value] : lookup.untaxed;
  };
  const lines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Record_[]) : [];
  const lineAmountTypes = text(field('LineAmountTypes'));
  return {
    Type: 'ACCREC',
    LineAmountTypes: lineAmountTypes as XeroInvoiceInput['LineAmountTypes'],
    CurrencyCode: text(field('CurrencyCode')),
    LineItems: lines.map(
      (line): XeroLineInput => ({
        Description: text(field('LineItems.Description', line)),
        Quantity: numberField(field('LineItems.Quantity', line)),
        UnitAmount: numberField(field('LineItems.UnitAmount', line)),
        LineAmount: numberField(field('LineItems.LineAmount', line)),
        ItemCode: text(field('LineItems.ItemCode', line)),
        AccountCode: text(field('LineItems.AccountCode', line)),
        TaxType: taxType(line),
        TaxAmount: numberField(field('LineItems.TaxAmount', line)),
        DiscountRate: numberField(field('LineItems.DiscountRate', line)),
      }),
    ),
  };
}

/** Ecwid's tax rates by name, as the order states them (items, surcharges, shipping): what the merchant set up. */
export function ecwidTaxRates(output: Record_): Map<string, number> {
  const rates = new Map<string, number>();
  const collect = (taxes: unknown) => {
    if (!Array.isArray(taxes)) return;
    for (const tax of taxes as Record_[]) {
      const name = text(tax?.name);
      if (name && typeof tax.value === 'number' && !rates.has(name)) rates.set(name, tax.value);
    }
  };
  for (const item of (Array.isArray(output.items) ? output.items : []) as Record_[]) collect(item?.taxes);
  for (const surcharge of (Array.isArray(output.customSurcharges) ? output.customSurcharges : []) as Record_[])
    collect(surcharge?.taxes);
  collect(output.taxesOnShipping);
  return rates;
}

/** The separator of Ecwid tax names on a line with several taxes ("State tax + City tax"), as the output shows it. */
export const TAX_NAME_SEPARATOR = ' + ';

export interface MerchantSetup {
  organisation: XeroOrganisation;
  /** The complete lookup table for this order's tax names, untaxed lines to `untaxed`. */
  taxTypes: TaxTypeLookup;
  /** Tax names on the lines that no Ecwid tax of the order explains (the lookup cannot be built for them). */
  unknownTaxNames: string[];
}

/**
 * The Xero organisation a merchant following the recipe would have for this order: one Xero tax rate per tax name
 * combination the lines carry (components at Ecwid's rates), "NONE" for untaxed lines, and the sales account
 * (the recipe's fixed Account) defaulting to the rate most lines use — the rate an empty Tax Rate falls back to.
 */
export function merchantSetup(
  output: Record_,
  options: { untaxed?: string; template?: ZapTemplate } = {},
): MerchantSetup {
  const rates = ecwidTaxRates(output);
  const lines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Record_[]) : [];
  const taxRates: XeroOrganisation['taxRates'] = { NONE: { name: 'Tax Exempt (0%)', components: [] } };
  const byTaxName: Record<string, string> = {};
  const unknownTaxNames: string[] = [];
  const uses = new Map<string, number>();
  for (const line of lines) {
    const name = text(line.taxName);
    if (!name) continue;
    if (!byTaxName[name]) {
      const parts = name.split(TAX_NAME_SEPARATOR);
      const components: XeroTaxComponent[] = parts.map((part) => ({ name: part, rate: rates.get(part) ?? NaN }));
      if (components.some((c) => Number.isNaN(c.rate))) {
        unknownTaxNames.push(name);
        continue;
      }
      const code = `TAX${String(Object.keys(byTaxName).length + 1).padStart(3, '0')}`;
      taxRates[code] = { name, components };
      byTaxName[name] = code;
    }
    uses.set(byTaxName[name], (uses.get(byTaxName[name]) ?? 0) + 1);
  }
  const mostUsed = [...uses.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'NONE';
  const template = options.template ?? PAID_ORDER_TO_XERO_INVOICE;
  const fixedAccount = template.lineItems?.find((m) => m.xero === 'LineItems.AccountCode')?.source ?? '';
  const accountCodes = new Set(['200', ...(fixedAccount && !fixedAccount.includes('{{') ? [fixedAccount] : [])]);
  for (const line of lines) {
    const code = text(line.accountCode);
    if (code) accountCodes.add(code);
  }
  const accounts = Object.fromEntries([...accountCodes].map((code) => [code, { taxType: mostUsed }]));
  return {
    organisation: { taxRates, accounts },
    taxTypes: { byTaxName, untaxed: options.untaxed ?? 'NONE' },
    unknownTaxNames,
  };
}

/**
 * What Ecwid charged before gift cards, in cents: Ecwid's own figure, or total + gift card for older orders that
 * lack it — which the trigger output shows as 0 (every sample key is filled), so a 0 counts as missing.
 */
export function ecwidChargeCents(output: Record_): number {
  const cents = (value: unknown) =>
    Math.round(Number(((typeof value === 'number' ? value : Number(value ?? 0)) * 100).toPrecision(15)));
  const stated = cents(output.totalBeforeGiftCardRedemption);
  return stated !== 0 ? stated : cents(output.total) + cents(output.giftCardRedemption);
}
