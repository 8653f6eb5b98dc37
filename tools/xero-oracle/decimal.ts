/**
 * Exact decimal arithmetic for the Xero oracle: every amount is a fraction of two BigInts, so a sum of a thousand
 * lines is as exact as one line, and a rounding step happens only where Xero's rules put one.
 */

export type RoundingMode = 'half-up' | 'bankers';

export interface Fraction {
  readonly n: bigint;
  /** always > 0 */
  readonly d: bigint;
}

const TEN = 10n;
const POWERS = Array.from({ length: 41 }, (_, digits) => TEN ** BigInt(digits));
const pow10 = (digits: number): bigint => POWERS[digits] ?? TEN ** BigInt(digits);
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

export const fraction = (n: bigint, d: bigint = 1n): Fraction => (d < 0n ? { n: -n, d: -d } : { n, d });
export const ZERO = fraction(0n);

/**
 * The decimal a JSON number or numeric text stands for, exactly: 2.165 is 2165/1000, not the double nearest it.
 * (A number reaches Xero as JSON text, i.e. its shortest round-trip decimal — `String(n)` — so that is what is read.)
 */
export function parseDecimal(value: number | string): Fraction | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const [, sign, whole, decimals = '', exponent = '0'] = match;
  const shift = Number(exponent) - decimals.length;
  let n = BigInt(`${whole || '0'}${decimals}`);
  let d = 1n;
  if (shift >= 0) n *= pow10(shift);
  else d = pow10(-shift);
  return fraction(sign === '-' ? -n : n, d);
}

/** a + b over the smaller common denominator when one divides the other (amounts are mostly cents), so long sums stay small. */
export const add = (a: Fraction, b: Fraction): Fraction => {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  if (a.d % b.d === 0n) return { n: a.n + b.n * (a.d / b.d), d: a.d };
  if (b.d % a.d === 0n) return { n: a.n * (b.d / a.d) + b.n, d: b.d };
  return fraction(a.n * b.d + b.n * a.d, a.d * b.d);
};
export const sub = (a: Fraction, b: Fraction): Fraction => add(a, { n: -b.n, d: b.d });
export const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction): Fraction => {
  if (b.n === 0n) throw new RangeError('division by zero');
  return fraction(a.n * b.d, a.d * b.n);
};
export const sum = (values: Fraction[]): Fraction => values.reduce(add, ZERO);
export const isZero = (a: Fraction): boolean => a.n === 0n;
export const sign = (a: Fraction): number => (a.n === 0n ? 0 : a.n > 0n ? 1 : -1);
export const compare = (a: Fraction, b: Fraction): number => sign(sub(a, b));
export const fromUnits = (units: bigint, digits: number): Fraction => fraction(units, pow10(digits));

/**
 * `a` rounded to `digits` decimals, as an integer count of 10^-digits units.
 * half-up: a tie goes away from zero (Xero staff: "2.165 → 2.17"); bankers: a tie goes to the even neighbour.
 */
export function roundToUnits(a: Fraction, digits: number, mode: RoundingMode): bigint {
  const scaled = a.n * pow10(digits);
  const quotient = scaled / a.d; // truncates toward zero
  const twiceRemainder = 2n * abs(scaled % a.d);
  const away = quotient + (scaled < 0n ? -1n : 1n);
  if (twiceRemainder > a.d) return away;
  if (twiceRemainder < a.d) return quotient;
  return mode === 'half-up' || abs(quotient) % 2n === 1n ? away : quotient;
}

export const round = (a: Fraction, digits: number, mode: RoundingMode): Fraction =>
  fromUnits(roundToUnits(a, digits, mode), digits);

/** The nearest JS number: exact fractions print as their decimal and parse back correctly rounded. */
export const toNumber = (a: Fraction): number => {
  const digits = decimalsOf(a) ?? 20;
  const units = abs(roundToUnits(a, digits, 'half-up'))
    .toString()
    .padStart(digits + 1, '0');
  const text = `${a.n < 0n ? '-' : ''}${units.slice(0, units.length - digits)}.${units.slice(units.length - digits)}`;
  return Number(text);
};

/** How many decimals a value has (∞ for 1/3): 2.165 → 3. Undefined beyond 12. */
export function decimalsOf(a: Fraction): number | undefined {
  for (let digits = 0; digits <= 12; digits++) if ((a.n * pow10(digits)) % a.d === 0n) return digits;
  return undefined;
}
