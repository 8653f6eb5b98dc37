/**
 * An independent model of how Xero totals a sales invoice or credit note, written from Xero's documentation only
 * (never from the app's code), so that tests and measurements can ask "what would Xero show?" of any invoice.
 *
 * Sources, cited beside each rule as [key § section]:
 * - [Rounding]   developer.xero.com/documentation/api-guides/rounding-in-xero
 * - [Forum66891] community.xero.com/developer/discussion/66891 (Xero staff on the rounding algorithm)
 * - [Forum109027464] community.xero.com/developer/discussion/109027464 (a tax-inclusive line, effective rate)
 * - [Invoices]   developer.xero.com/documentation/api/accounting/invoices (elements of LineItems)
 * - [OpenAPI]    github.com/XeroAPI/Xero-OpenAPI xero_accounting.yaml, schemas LineItem, LineItemItem, Invoice,
 *                CreditNote, LineAmountTypes, TaxRate, TaxComponent and the `unitdp` parameter
 * - [TaxAdd]     help.xero.com "Tax-Add" (Add a tax rate § Tax Components)
 * - [TaxAdj]     help.xero.com "Tax-Adjustments"
 * - [Decimals]   help.nostressaccounting.com (Xero number formats; currencies without decimals)
 * - [Errors]     workguru.freshdesk.com "Common Xero API Error Messages" (Xero's validation messages, verbatim)
 *
 * Where the docs are silent the choice is the conservative one (flagged, never relied on) and says so.
 */
import {
  add,
  compare,
  decimalsOf,
  div,
  fraction,
  isZero,
  mul,
  parseDecimal,
  round,
  roundToUnits,
  sign,
  sub,
  sum,
  toNumber,
  ZERO,
  type Fraction,
  type RoundingMode,
} from './decimal.js';

export type { RoundingMode } from './decimal.js';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

/** A numeric field as a Zap may send it: a number, numeric text, or nothing (empty = not mapped). */
export type XeroNumberField = number | string | null | undefined;

/** One line as Zapier's Xero action sends it (Xero's API names). */
export interface XeroLineInput {
  Description?: string;
  Quantity?: XeroNumberField;
  UnitAmount?: XeroNumberField;
  LineAmount?: XeroNumberField;
  ItemCode?: string;
  AccountCode?: string;
  /** Empty: Xero takes the account's default tax rate. */
  TaxType?: string;
  /** Empty: Xero computes the tax. Given and different: a tax adjustment. */
  TaxAmount?: XeroNumberField;
  DiscountRate?: XeroNumberField;
}

/** What "Create Sales Invoice" (ACCREC) or "Create Credit Note" (ACCRECCREDIT) sends. */
export interface XeroInvoiceInput {
  Type?: 'ACCREC' | 'ACCRECCREDIT';
  /** Missing or empty: Exclusive. */
  LineAmountTypes?: LineAmountTypes | '';
  CurrencyCode?: string;
  LineItems: XeroLineInput[];
}

export interface XeroTaxComponent {
  name: string;
  /** percent, up to 4 dp */
  rate: number;
  isCompound?: boolean;
}

/** The parts of a Xero organisation the arithmetic depends on. */
export interface XeroOrganisation {
  /** TaxType code ("TAX001", "OUTPUT", "NONE"…) → its components. */
  taxRates: Record<string, { name?: string; components: XeroTaxComponent[] }>;
  /** AccountCode → the TaxType Xero uses when a line on that account is sent without one. */
  accounts: Record<string, { taxType: string; name?: string }>;
  /** When given, the only item codes Xero knows; when absent, any code of ≤ 30 characters passes. */
  itemCodes?: readonly string[];
}

export interface XeroOptions {
  /** Default half-up: Xero staff's "2.165 → 2.17"; a third-party page claims banker's, so both are modelled. */
  rounding?: RoundingMode;
  /** Decimals Xero keeps of UnitAmount: 2, or 4 when the request carries `unitdp=4`. Default 2. */
  unitdp?: 2 | 4;
}

export interface XeroValidationError {
  /** index in LineItems, absent for the invoice as a whole */
  line?: number;
  field: string;
  message: string;
}

export interface XeroLineResult {
  description: string;
  quantity: number;
  /** as Xero keeps it: rounded to unitdp */
  unitAmount: number;
  /** the Amount column: quantity × unit amount (less discount), 2 dp; tax-inclusive on Inclusive invoices */
  lineAmount: number;
  /** the tax type applied: the one sent, or the account's default when sent empty */
  taxType: string;
  taxTypeFromAccount: boolean;
  /** percent, all components together */
  effectiveRate: number;
  /** the tax Xero computes for the line */
  computedTax: number;
  /** the tax the invoice carries: the TaxAmount sent (an override), else computedTax */
  taxAmount: number;
  /** TaxAmount sent − computedTax, when they differ (Xero records a tax adjustment) */
  taxAdjustment?: number;
  /** the line without its tax */
  netAmount: number;
}

export interface XeroInvoiceResult {
  lineAmountTypes: LineAmountTypes;
  /** true when the request had no LineAmountTypes and Xero fell back to Exclusive */
  lineAmountTypesDefaulted: boolean;
  lines: XeroLineResult[];
  subTotal: number;
  totalTax: number;
  total: number;
  /** the same three in integer cents (Xero's 2 dp), for exact comparisons */
  subTotalCents: number;
  totalTaxCents: number;
  totalCents: number;
  /** indexes of the lines whose TaxAmount became a tax adjustment */
  taxAdjustments: number[];
  errors: XeroValidationError[];
  /** what Xero accepts but the docs leave open, or what looks wrong (e.g. fractions of a yen) */
  warnings: string[];
}

const MONEY_DP = 2;
const QUANTITY_DP = 4;
const DESCRIPTION_MAX = 4000;
const ITEM_CODE_MAX = 30;
const HUNDRED = fraction(100n);

/** ISO 4217 minor units of the currencies that do not have 2 (the rest have 2). */
const CURRENCY_DIGITS: Record<string, number> = {
  ...Object.fromEntries(
    [
      'BIF',
      'CLP',
      'DJF',
      'GNF',
      'ISK',
      'JPY',
      'KMF',
      'KRW',
      'PYG',
      'RWF',
      'UGX',
      'UYI',
      'VND',
      'VUV',
      'XAF',
      'XOF',
      'XPF',
    ].map((c) => [c, 0]),
  ),
  ...Object.fromEntries(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3])),
};
export const currencyMinorDigits = (currency: string | undefined): number =>
  CURRENCY_DIGITS[(currency ?? '').toUpperCase()] ?? 2;

const cents = (amount: Fraction): number => Number(roundToUnits(amount, MONEY_DP, 'half-up'));
const isBlank = (value: XeroNumberField): value is null | undefined | '' =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The effective rate of a tax rate: its components summed, a compound component charged on the price plus the
 * non-compound tax. [TaxAdd § Tax Components]: "Including a compound rate means the 'effective tax rate' is higher
 * than the nominal rate. The effective tax rate is used to calculate the tax on a line item." Kept exact; Xero
 * reports EffectiveRate to 4 dp [OpenAPI § TaxRate.EffectiveRate] — whether it computes with the 4-dp figure is not
 * documented (no difference for rates of ≤ 4 dp without compounding).
 */
export function effectiveRate(components: readonly XeroTaxComponent[]): Fraction {
  const rateOf = (c: XeroTaxComponent) => parseDecimal(c.rate) ?? ZERO;
  const simple = sum(components.filter((c) => !c.isCompound).map(rateOf));
  const compound = components
    .filter((c) => c.isCompound)
    .map((c) => mul(rateOf(c), add(fraction(1n), div(simple, HUNDRED))));
  return add(simple, sum(compound));
}

/**
 * The tax Xero computes for one line, rounded to 2 dp — [Rounding § Line item totals]: "Xero calculates tax on a
 * per line basis, rounding to two decimal places, and then sums the tax totals of each line"; [Forum66891]: the
 * base is the line total, "tax = (quantity * unit price) * tax rate".
 */
export function lineTax(lineAmount: Fraction, rate: Fraction, types: LineAmountTypes, mode: RoundingMode): Fraction {
  // [Invoices § LineAmountTypes] NoTax: "Line items have no tax".
  if (types === 'NoTax') return ZERO;
  // Tax-inclusive: the amount holds the net and its tax, amount = net × (100 + rate) / 100, so the tax is
  // amount × rate / (100 + rate); [Forum109027464]: 10,000.00 inclusive at an effective 10.24% has a net of 9,071.12.
  if (types === 'Inclusive') return round(div(mul(lineAmount, rate), add(HUNDRED, rate)), MONEY_DP, mode);
  // Tax-exclusive: amount × rate [Forum66891].
  return round(div(mul(lineAmount, rate), HUNDRED), MONEY_DP, mode);
}

/** What Xero would show for this invoice in this organisation, and what it would reject. */
export function xeroInvoice(
  input: XeroInvoiceInput,
  org: XeroOrganisation,
  options: XeroOptions = {},
): XeroInvoiceResult {
  const mode = options.rounding ?? 'half-up';
  const unitdp = options.unitdp ?? 2;
  const errors: XeroValidationError[] = [];
  const warnings: string[] = [];
  const fail = (field: string, message: string, line?: number) =>
    errors.push(line === undefined ? { field, message } : { line, field, message });
  const number = (value: XeroNumberField, field: string, line: number): Fraction | undefined => {
    if (isBlank(value)) return undefined;
    const parsed = parseDecimal(value);
    if (!parsed) fail(field, `${field} "${value}" is not a number`, line);
    return parsed;
  };
  const creditNote = input.Type === 'ACCRECCREDIT';

  // [OpenAPI § LineAmountTypes]: "Line amounts are exclusive of tax by default if you don't specify this element."
  const defaulted = !input.LineAmountTypes;
  const types: LineAmountTypes = input.LineAmountTypes || 'Exclusive';
  if (!['Exclusive', 'Inclusive', 'NoTax'].includes(types))
    fail('LineAmountTypes', `LineAmountTypes "${types}" is not Exclusive, Inclusive or NoTax`);

  const lines = input.LineItems.map(
    (item, index): XeroLineResult & { amount: Fraction; tax: Fraction; computed: Fraction } => {
      // [OpenAPI § LineItem.Description]: "Description needs to be at least 1 char long"; [Invoices]: max length 4000.
      const description = item.Description ?? '';
      if (description.trim() === '') fail('Description', 'Description needs to be at least 1 char long', index);
      if (description.length > DESCRIPTION_MAX)
        fail('Description', `Description is ${description.length} characters; Xero allows ${DESCRIPTION_MAX}`, index);
      // [OpenAPI § LineItemItem.Code]: "User defined item code (max length = 30)"; an unknown code is rejected.
      const itemCode = item.ItemCode ?? '';
      if (itemCode.length > ITEM_CODE_MAX)
        fail(
          'ItemCode',
          `Item code '${itemCode}' is ${itemCode.length} characters; Xero allows ${ITEM_CODE_MAX}`,
          index,
        );
      else if (itemCode && org.itemCodes && !org.itemCodes.includes(itemCode))
        fail('ItemCode', `Item code '${itemCode}' is not valid`, index);

      // [Forum66891]: "we accept 4dp for quantity"; [Rounding § Unit prices]: UnitAmount to 2 dp unless unitdp=4.
      let quantity = number(item.Quantity, 'Quantity', index);
      let unitAmount = number(item.UnitAmount, 'UnitAmount', index);
      const sentLineAmount = number(item.LineAmount, 'LineAmount', index);
      const discountRate = number(item.DiscountRate, 'DiscountRate', index);
      if (quantity) quantity = round(quantity, QUANTITY_DP, mode);
      // [Errors]: "The quantity value '-x.0000' is invalid. Quantity must not be less than zero." (discounts are a
      // positive quantity of a negative unit amount).
      if (quantity && sign(quantity) < 0)
        fail(
          'Quantity',
          `The quantity value '${toNumber(quantity)}' is invalid. Quantity must not be less than zero.`,
          index,
        );
      if (unitAmount) {
        const kept = round(unitAmount, unitdp, mode);
        if (compare(kept, unitAmount) !== 0)
          warnings.push(
            `line ${index}: UnitAmount ${toNumber(unitAmount)} kept as ${toNumber(kept)} (unitdp ${unitdp})`,
          );
        unitAmount = kept;
      }
      // [OpenAPI § LineItem.DiscountRate]: "only supported on ACCREC invoices … credit notes in Xero do not support discounts".
      if (discountRate && creditNote) fail('DiscountRate', 'Credit notes do not support discounts', index);
      const discountFactor = discountRate ? div(sub(HUNDRED, discountRate), HUNDRED) : fraction(1n);

      // [OpenAPI § LineItem.LineAmount]: "If you wish to omit either the Quantity or UnitAmount you can provide a
      // LineAmount and Xero will calculate the missing amount"; LineAmount = Quantity * UnitAmount * ((100 - DiscountRate)/100).
      // [Rounding § Unit prices]: "All summary values such as Total, LineAmount etc will remain at two decimal places".
      let amount: Fraction;
      if (quantity && unitAmount) {
        amount = round(mul(mul(quantity, unitAmount), discountFactor), MONEY_DP, mode);
        // Not documented: whether Xero checks a LineAmount sent along with both. Treated as rejected when it differs.
        if (sentLineAmount && compare(round(sentLineAmount, MONEY_DP, mode), amount) !== 0)
          fail(
            'LineAmount',
            `LineAmount ${toNumber(sentLineAmount)} does not match Quantity × UnitAmount = ${toNumber(amount)}`,
            index,
          );
      } else if (sentLineAmount) {
        amount = round(sentLineAmount, MONEY_DP, mode);
        const base = div(amount, discountFactor);
        if (quantity && !isZero(quantity)) unitAmount = round(div(base, quantity), unitdp, mode);
        else if (unitAmount && !isZero(unitAmount)) quantity = round(div(base, unitAmount), QUANTITY_DP, mode);
        else {
          quantity = fraction(1n); // not documented: a lone LineAmount read as one unit of that amount
          unitAmount = round(base, unitdp, mode);
        }
      } else if (quantity === undefined && unitAmount === undefined) {
        amount = ZERO; // [OpenAPI § LineItem.Description]: "A line item with just a description … can be created"
      } else {
        // Not documented which default Xero takes for the missing one: rejected, so no design depends on it.
        fail(
          quantity === undefined ? 'Quantity' : 'UnitAmount',
          'Quantity and UnitAmount must both be given (or a LineAmount)',
          index,
        );
        amount = ZERO;
      }

      // [Invoices § LineItems.TaxType]: "Used as an override if the default Tax Code for the selected AccountCode is
      // not correct" — a line sent without one is taxed at its account's default rate.
      const accountCode = item.AccountCode ?? '';
      const account = accountCode ? org.accounts[accountCode] : undefined;
      if (accountCode && !account) fail('AccountCode', `Account code '${accountCode}' is not a valid code`, index);
      const sentTaxType = (item.TaxType ?? '').trim();
      const taxType = sentTaxType || account?.taxType || '';
      let rate = ZERO;
      if (types !== 'NoTax') {
        const taxRate = org.taxRates[taxType];
        if (!taxType) fail('TaxType', 'No TaxType, and no account whose default tax rate could apply', index);
        // Unknown type: "The TaxType code … does not exist or cannot be used" (Xero's validation message).
        else if (!taxRate) fail('TaxType', `The TaxType code '${taxType}' does not exist or cannot be used`, index);
        else rate = effectiveRate(taxRate.components);
      }
      const computed = lineTax(amount, rate, types, mode);

      // [OpenAPI § LineItem.TaxAmount]: auto calculated, "can be overriden if the calculated <TaxAmount> is not
      // correct"; [TaxAdj]: an override is a tax adjustment, which Xero's UI supports on tax-exclusive documents only.
      const sentTax = number(item.TaxAmount, 'TaxAmount', index);
      let tax = computed;
      let adjustment: Fraction | undefined;
      if (sentTax && types !== 'NoTax') {
        const overridden = round(sentTax, MONEY_DP, mode);
        if (compare(overridden, computed) !== 0) {
          adjustment = sub(overridden, computed);
          tax = overridden;
          if (types === 'Inclusive')
            warnings.push(
              `line ${index}: tax adjustment on a tax-inclusive invoice (Xero's UI cannot show or edit it)`,
            );
        }
      } else if (sentTax && !isZero(sentTax)) {
        warnings.push(
          `line ${index}: TaxAmount ${toNumber(sentTax)} on a NoTax invoice (not documented; assumed ignored)`,
        );
      }
      const net = types === 'Inclusive' ? sub(amount, tax) : amount;
      return {
        description,
        quantity: quantity ? toNumber(quantity) : 0,
        unitAmount: unitAmount ? toNumber(unitAmount) : 0,
        lineAmount: toNumber(amount),
        taxType,
        taxTypeFromAccount: !sentTaxType && Boolean(taxType),
        effectiveRate: toNumber(rate),
        computedTax: toNumber(computed),
        taxAmount: toNumber(tax),
        ...(adjustment ? { taxAdjustment: toNumber(adjustment) } : {}),
        netAmount: toNumber(net),
        amount,
        tax,
        computed,
      };
    },
  );

  // [Rounding § Line item totals]: the invoice tax is the sum of the rounded line taxes.
  // [OpenAPI § Invoice]: SubTotal "excluding taxes", Total "SubTotal + TotalTax"; on a tax-inclusive invoice the
  // amounts hold their tax, so Total = Σ LineAmount and SubTotal = Total − TotalTax.
  const amounts = sum(lines.map((l) => l.amount));
  const totalTax = sum(lines.map((l) => l.tax));
  const subTotal = types === 'Inclusive' ? sub(amounts, totalTax) : amounts;
  const total = add(subTotal, totalTax);
  // Not in the API reference: a negative document is raised as a credit note instead [Errors]; modelled as
  // rejected. Whether a zero total is accepted is not documented: warned.
  if (sign(total) < 0) fail('Total', `The invoice total ${toNumber(total)} is negative`);
  if (isZero(total) && lines.length > 0) warnings.push('zero total: whether Xero accepts it is not documented');

  // Currencies without 2 decimals: Xero documents no per-currency precision — "All monetary calculations in Xero
  // are to two decimal places" [Rounding § Unit prices, 2019 version]; [Decimals] advises entering 0-decimal
  // currencies as tax-inclusive "to avoid … incorrect rounding". So Xero is modelled at 2 dp whatever the currency,
  // and what that does to a 0- or 3-decimal currency is flagged rather than guessed.
  const digits = currencyMinorDigits(input.CurrencyCode);
  if (digits < MONEY_DP) {
    const fractional = [...lines.flatMap((l) => [l.amount, l.tax]), total].some(
      (a) => (decimalsOf(a) ?? MONEY_DP) > digits,
    );
    if (fractional)
      warnings.push(`${input.CurrencyCode}: Xero's figures carry fractions of the currency's smallest unit`);
  } else if (digits > MONEY_DP) {
    const fine = input.LineItems.some((l) =>
      [l.UnitAmount, l.LineAmount, l.TaxAmount].some(
        (v) => !isBlank(v) && (decimalsOf(parseDecimal(v) ?? ZERO) ?? 9) > unitdp,
      ),
    );
    if (fine)
      warnings.push(
        `${input.CurrencyCode}: amounts with ${digits} decimals are rounded to Xero's 2 (4 for unit amounts with unitdp=4)`,
      );
  }

  return {
    lineAmountTypes: types,
    lineAmountTypesDefaulted: defaulted,
    lines: lines.map(({ amount: _a, tax: _t, computed: _c, ...line }) => line),
    subTotal: toNumber(subTotal),
    totalTax: toNumber(totalTax),
    total: toNumber(total),
    subTotalCents: cents(subTotal),
    totalTaxCents: cents(totalTax),
    totalCents: cents(total),
    taxAdjustments: lines.flatMap((l, i) => (l.taxAdjustment === undefined ? [] : [i])),
    errors,
    warnings,
  };
}
