/**
 * Integer money: every amount of the invoice is kept in minor units (cents), so no float drift can move a total;
 * rates are kept as integers too. Rounding is half away from zero, as Xero rounds.
 */

/** Digits after the decimal point for ISO-4217 currencies that do not use two. */
const CURRENCY_DIGITS: Record<string, number> = {
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

/** Two decimals: every currency not listed above. */
const DEFAULT_CURRENCY_DIGITS = 2;

export const currencyDigits = (currency: string): number =>
  CURRENCY_DIGITS[currency.toUpperCase()] ?? DEFAULT_CURRENCY_DIGITS;

/** Significant digits kept when scaling a decimal to minor units: enough for any price, few enough to drop float noise. */
const SIGNIFICANT_DIGITS = 15;

/** Rounds half away from zero: n / d for integers, d > 0. */
export const divRound = (n: number, d: number): number => {
  const q = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 ? -q : q;
};

/** Rates are percents with up to 4 decimals (6.25, 8.875, 7.7): kept as integers in 1/10000 of a percent. */
const RATE_SCALE = 10_000;
export const PERCENT = 100;
const rateUnits = (rate: number): number => Math.round(rate * RATE_SCALE);

const taxDenominator = (allRates: number, inclusive: boolean): number =>
  inclusive ? PERCENT * RATE_SCALE + rateUnits(allRates) : PERCENT * RATE_SCALE;

export class Money {
  readonly scale: number;
  constructor(readonly digits: number) {
    this.scale = 10 ** digits;
  }

  /** A decimal from Ecwid as integer minor units; toPrecision strips float noise (1.005 × 100 = 100.4999…). */
  units(value: unknown): number {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    if (!Number.isFinite(n)) return 0;
    const scaled = Number((n * this.scale).toPrecision(SIGNIFICANT_DIGITS));
    return scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
  }

  amount(units: number): number {
    return Number((units / this.scale).toFixed(this.digits));
  }

  /**
   * The tax of one rate on an amount: added on top (net prices) or contained in it (gross prices, where `allRates`
   * is the sum of the rates on that amount).
   */
  tax(amount: number, rate: number, allRates: number, inclusive: boolean): number {
    return divRound(amount * rateUnits(rate), taxDenominator(allRates, inclusive));
  }
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Splits `total` over `weights` in proportion, largest remainders first (earlier index on ties), so the parts add up
 * to `total` exactly. Negative weights count as zero; all-zero weights split evenly.
 */
export const allocate = (total: number, weights: readonly number[]): number[] => {
  if (weights.length === 0) return [];
  if (total < 0) return allocate(-total, weights).map((part) => -part);
  const clean = weights.map((w) => (w > 0 ? w : 0));
  const effective = sum(clean) > 0 ? clean : clean.map(() => 1);
  const weightSum = sum(effective);
  const parts = effective.map((w) => Math.floor((total * w) / weightSum));
  const order = effective
    .map((w, i) => ({ i, fraction: (total * w) / weightSum - parts[i] }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  let remainder = total - sum(parts);
  for (const { i } of order) {
    if (remainder <= 0) break;
    parts[i] += 1;
    remainder -= 1;
  }
  return parts;
};
