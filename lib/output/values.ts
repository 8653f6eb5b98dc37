import { ecwidDateToIso, unixToIso } from '../ecwid/dates.js';

/**
 * Small readers for flat output records: every key present with a value of its declared type, whatever Ecwid
 * left out (Zapier's field mapping and the publishing checks want the same keys and types on every record).
 */

export const textOf = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export const numberOf = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : Number(value) || 0;

/** Ecwid's numeric ids, or null when absent (0 means "none" for Ecwid's customerId). */
export const idOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/** An Ecwid date as ISO-8601 with offset, from its text or, failing that, its unix timestamp; '' when neither is there. */
export const isoDateOf = (text: unknown, timestamp: unknown): string => {
  if (typeof text === 'string' && text !== '') {
    const iso = ecwidDateToIso(text);
    if (iso !== text) return iso;
  }
  return typeof timestamp === 'number' && Number.isFinite(timestamp) ? unixToIso(timestamp) : '';
};

export type OutputType = 'string' | 'number' | 'integer' | 'boolean' | 'datetime';

/** One labelled output field (Zapier shows the label; the type is what every record's value is). */
export const outputField = (key: string, label: string, type: OutputType = 'string') => ({ key, label, type });

export type OutputField = ReturnType<typeof outputField>;

/** An output field whose value is a list of `type`. */
export const outputListField = (key: string, label: string, type: OutputType = 'string') => ({
  ...outputField(key, label, type),
  list: true,
});
