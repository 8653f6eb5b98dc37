/** Ecwid's date strings: `"2024-09-04 07:22:09 +0000"`, always UTC in responses. */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function formatEcwidDate(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
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

/**
 * A `createdFrom`-style filter value: unix seconds (digits only) or `"yyyy-MM-dd HH:mm:ss Z"`.
 * Strict on purpose: an app that sends milliseconds gets dates in the far future, and one that forgets to
 * URL-encode `+0000` sends `" 0000"`, which is rejected — both are bugs worth surfacing.
 */
export function parseDateFilter(value: string): number | undefined {
  if (/^\d{1,12}$/.test(value)) return Number(value);
  return parseEcwidDate(value);
}
