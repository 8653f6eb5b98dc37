/** Ecwid's date strings: `"2024-09-04 07:22:09 +0000"`, always UTC in responses. */

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** "yyyy-MM-dd " per day number, and "HH:mm:ss +0000" per second of the day, so that a date is one concatenation
 * (formatting is hot when generating 100,000 orders). */
const dayPrefixes = new Map<number, string>();
const timeSuffixes = new Array<string | undefined>(86400);

export function formatEcwidDate(unixSeconds: number): string {
  const seconds = Math.floor(unixSeconds);
  const day = Math.floor(seconds / 86400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = `${new Date(day * 86400 * 1000).toISOString().slice(0, 10)} `;
    dayPrefixes.set(day, prefix);
  }
  const second = seconds - day * 86400;
  let suffix = timeSuffixes[second];
  if (suffix === undefined) {
    suffix = `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)} +0000`;
    timeSuffixes[second] = suffix;
  }
  return prefix + suffix;
}

const ECWID_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** `"yyyy-MM-dd HH:mm:ss Z"` (any offset) → unix seconds; undefined when the text has another shape. */
export function parseEcwidDate(text: string): number | undefined {
  const m = ECWID_DATE.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = m;
  const localMs = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const check = new Date(localMs);
  // Date.UTC rolls "2024-02-31" over to March; Ecwid rejects such dates, so do we.
  if (check.getUTCDate() !== +day || check.getUTCMonth() !== +month - 1 || +hour > 23 || +minute > 59 || +second > 59) {
    return undefined;
  }
  const offsetSeconds = (sign === '-' ? -1 : 1) * (+offsetHours * 3600 + +offsetMinutes * 60);
  return localMs / 1000 - offsetSeconds;
}

const storedDates = new Map<string, number>();
/**
 * Unix seconds of a date string the store itself wrote (so known to be valid), memoized: filters and coupon checks
 * compare the same few thousand stored dates over and over.
 */
export function storedDateSeconds(text: string): number {
  let seconds = storedDates.get(text);
  if (seconds === undefined) {
    seconds = parseEcwidDate(text) ?? NaN;
    storedDates.set(text, seconds);
  }
  return seconds;
}

/**
 * A `createdFrom`-style filter value: unix seconds (digits only) or `"yyyy-MM-dd HH:mm:ss Z"`.
 * Strict on purpose: an app that sends milliseconds gets dates in the far future, and one that forgets to
 * URL-encode `+0000` sends `" 0000"`, which is rejected — both are bugs worth surfacing.
 */
export function parseDateFilter(value: string): number | undefined {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  return parseEcwidDate(value);
}
