/**
 * The Xero codes every invoice line carries, so the Zap maps `taxType` and `accountCode` straight into Xero's
 * Tax Rate and Account fields (no Formatter step): optional inputs of the order triggers, with defaults.
 *
 * - Tax rates: a line sent to Xero with an empty tax rate gets its account's default rate, so an untaxed line
 *   (exempt product, untaxed surcharge) must carry an explicit zero rate; a taxed line carries the merchant's Xero
 *   rate for its Ecwid tax (or for its combination of taxes: Xero applies one rate per line).
 * - Accounts: Xero's default chart — 200 Sales, 260 Other Revenue, 860 Rounding.
 */
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { invalidInput, optionalText } from '../inputs/validate.js';
import type { InvoiceLineKind } from './types.js';

export interface XeroAccounts {
  sales: string;
  shipping: string;
  fees: string;
  discounts: string;
  rounding: string;
}

export interface XeroCodes {
  /** Ecwid tax name (or names joined with " + "), trimmed and lower-cased → the merchant's Xero tax rate. */
  taxRates: ReadonlyMap<string, string>;
  /** The Xero tax rate of lines that carry no tax: never empty. */
  untaxed: string;
  accounts: XeroAccounts;
}

/** Xero's code of a zero rate in the US, UK and NZ charts ("Tax Exempt", "No VAT", "No GST"). */
const DEFAULT_UNTAXED = 'NONE';
/** Xero account codes are at most 10 characters. */
const ACCOUNT_CODE_MAX = 10;
/** Joins the Ecwid tax names of a line with several taxes, as `taxName` shows them. */
export const TAX_NAME_SEPARATOR = ' + ';

const DEFAULT_ACCOUNTS: XeroAccounts = {
  sales: '200',
  shipping: '260',
  fees: '260',
  discounts: '200',
  rounding: '860',
};

export const DEFAULT_XERO_CODES: XeroCodes = {
  taxRates: new Map(),
  untaxed: DEFAULT_UNTAXED,
  accounts: DEFAULT_ACCOUNTS,
};

/** Which account each kind of line goes to. */
const ACCOUNT_OF_KIND: Record<InvoiceLineKind, keyof XeroAccounts> = {
  product: 'sales',
  shipping: 'shipping',
  handling: 'fees',
  surcharge: 'fees',
  discount: 'discounts',
  adjustment: 'sales',
  rounding: 'rounding',
};

const ACCOUNT_INPUTS: Array<[keyof XeroAccounts, key: string, label: string, what: string]> = [
  ['sales', 'xeroSalesAccount', 'Xero Account for Products', 'product lines (their discounts folded in)'],
  [
    'shipping',
    'xeroShippingAccount',
    'Xero Account for Shipping',
    'the shipping line (with the handling fee when both are taxed)',
  ],
  ['fees', 'xeroFeesAccount', 'Xero Account for Fees and Surcharges', 'surcharges and an untaxed handling fee'],
  [
    'discounts',
    'xeroDiscountAccount',
    'Xero Account for Discounts',
    'discounts of an order without items (others are folded into the product lines)',
  ],
  [
    'rounding',
    'xeroRoundingAccount',
    'Xero Account for Rounding',
    "the rounding line: the cents Xero's per-line tax leaves between its total and Ecwid's",
  ],
];

const TAX_RATES_LABEL = 'Xero Tax Rates (Ecwid Tax Name → Xero Tax Rate)';
const UNTAXED_LABEL = 'Xero Tax Rate for Untaxed Lines';

/** The optional inputs of every order trigger that fill each invoice line's `taxType` and `accountCode`. */
export const XERO_CODE_INPUT_FIELDS: PlainInputField[] = [
  {
    key: 'xeroTaxRates',
    label: TAX_RATES_LABEL,
    dict: true,
    required: false,
    helpText:
      "For the invoice lines' Xero Tax Rate: on the left each tax name as Ecwid shows it (e.g. `VAT`, `State tax`), on the right the code of your Xero tax rate with the same percentage (Xero → Settings → Tax rates, e.g. `OUTPUT2`, `TAX001`). A line with several taxes needs one Xero rate of their combined percentage: map the combination as the lines name it, e.g. `State tax + City tax`. Empty: lines carry Ecwid's tax names.",
  },
  {
    key: 'xeroUntaxedTaxRate',
    label: UNTAXED_LABEL,
    required: false,
    helpText: `The code of your Xero tax rate of 0% for lines with no tax (exempt products, untaxed surcharges, rounding), e.g. \`NONE\`, \`EXEMPTOUTPUT\`. Required when Xero Tax Rates is filled in. Empty: \`${DEFAULT_UNTAXED}\`. Never leave lines without one: Xero taxes such a line at its account's default rate.`,
  },
  ...ACCOUNT_INPUTS.map(([account, key, label, what]) => ({
    key,
    label,
    required: false,
    helpText: `The Xero account code for ${what}. Empty: \`${DEFAULT_ACCOUNTS[account]}\` (Xero's default chart).`,
  })),
];

const normalised = (name: string): string => name.trim().toLowerCase();

/** The tax-rate map as typed: every name and every rate filled in. */
function taxRatesOf(z: ZObject, input: unknown): Map<string, string> {
  if (input === undefined || input === null || input === '') return new Map();
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalidInput(
      z,
      `${TAX_RATES_LABEL} must be pairs of an Ecwid tax name and a Xero tax rate code. Fill in one pair per row.`,
    );
  }
  const rates = new Map<string, string>();
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (name.trim() === '' && (value === '' || value === undefined || value === null)) continue;
    const code = optionalText(z, value, `${TAX_RATES_LABEL} for "${name}"`);
    if (name.trim() === '')
      throw invalidInput(
        z,
        `${TAX_RATES_LABEL}: the row with Xero rate "${code}" has no Ecwid tax name. Fill in the name or remove the row.`,
      );
    if (code === undefined)
      throw invalidInput(z, `${TAX_RATES_LABEL}: "${name}" has no Xero tax rate. Fill in its code or remove the row.`);
    rates.set(normalised(name), code);
  }
  return rates;
}

/** The trigger's Xero inputs, read and checked; defaults where empty. */
export function xeroCodesOf(z: ZObject, inputData: Record<string, unknown>): XeroCodes {
  const taxRates = taxRatesOf(z, inputData.xeroTaxRates);
  const untaxed = optionalText(z, inputData.xeroUntaxedTaxRate, UNTAXED_LABEL);
  if (taxRates.size > 0 && untaxed === undefined) {
    throw invalidInput(
      z,
      `${UNTAXED_LABEL} is required when ${TAX_RATES_LABEL} is filled in: enter the code of your Xero 0% rate (e.g. NONE), or Xero taxes untaxed lines at their account's default rate.`,
    );
  }
  const accounts = { ...DEFAULT_ACCOUNTS };
  for (const [account, key, label] of ACCOUNT_INPUTS) {
    const code = optionalText(z, inputData[key], label);
    if (code === undefined) continue;
    if (code.length > ACCOUNT_CODE_MAX)
      throw invalidInput(
        z,
        `${label} must be a Xero account code of at most ${ACCOUNT_CODE_MAX} characters (got "${code}"), e.g. 200.`,
      );
    accounts[account] = code;
  }
  return { taxRates, untaxed: untaxed ?? DEFAULT_UNTAXED, accounts };
}

/**
 * The Xero tax rate of a line with these Ecwid taxes: the untaxed rate when none; else the rate mapped to exactly
 * this tax or combination of taxes (a rate of one tax never stands for a combination: its percentage differs);
 * else Ecwid's names, so Xero's "The TaxType code … does not exist" names what to map.
 */
export function taxTypeOf(codes: XeroCodes, taxNames: readonly string[]): string {
  if (taxNames.length === 0) return codes.untaxed;
  const combined = taxNames.join(TAX_NAME_SEPARATOR);
  return codes.taxRates.get(normalised(combined)) ?? combined;
}

export const accountCodeOf = (codes: XeroCodes, kind: InvoiceLineKind): string => codes.accounts[ACCOUNT_OF_KIND[kind]];
