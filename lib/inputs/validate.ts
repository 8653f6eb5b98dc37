import type { ZObject } from 'zapier-platform-core';
import { parseUserDate } from '../ecwid/dates.js';

/**
 * Reading what a merchant typed or mapped into an action, before anything is sent to Ecwid.
 * Zapier hands values over as strings, numbers, booleans, arrays or objects (a mapped line-item field),
 * in whatever shape the previous step produced. Each reader either returns the clean value or throws a
 * `z.errors.Error` whose message starts with the field's label as the merchant sees it and says the fix.
 */

/** A static dropdown: Ecwid's value → the plain words the merchant reads (as `choicesOf` in statuses.ts takes). */
export type ChoiceLabels = Readonly<Record<string, string>>;

export const invalidInput = (z: ZObject, message: string): Error => new z.errors.Error(message, 'InvalidInput', 400);

/** A short, one-line echo of what was received, for error messages. */
const shown = (value: unknown): string => {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `"${line.slice(0, 40)}…"` : `"${line}"`;
};

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.every(isBlank));

/** A list holding one value (blanks aside) stands for that value: Zapier passes some mapped fields so. */
const single = (value: unknown): unknown => {
  if (!Array.isArray(value)) return value;
  const filled = value.filter((item) => !isBlank(item));
  return filled.length === 1 ? single(filled[0]) : value;
};

/** Text, trimmed; undefined when empty. Numbers and booleans are taken as their text. */
export const optionalText = (z: ZObject, input: unknown, label: string): string | undefined => {
  if (isBlank(input)) return undefined;
  const value = single(input);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  throw invalidInput(z, `${label} must be a single text value (got ${shown(value)}). Map one value into the field.`);
};

export const requiredText = (z: ZObject, value: unknown, label: string): string => {
  const text = optionalText(z, value, label);
  if (text === undefined) throw invalidInput(z, `${label} is required. Fill in the field or map a value into it.`);
  return text;
};

/** The bounds a number must keep, and what it is (for the message), e.g. "in the store currency". */
export interface NumberRange {
  min?: number;
  max?: number;
  what?: string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A number within [min, max]; undefined when empty. Text must be a plain decimal ("12.5"): a comma, a
 * currency sign or a percent sign is refused rather than guessed at ("1,000" could be 1 or 1000).
 */
export const optionalNumber = (
  z: ZObject,
  value: unknown,
  label: string,
  range: NumberRange = {},
): number | undefined => {
  if (isBlank(value)) return undefined;
  const raw = single(value);
  let number: number;
  if (typeof raw === 'number') number = raw;
  else if (typeof raw === 'string' && DECIMAL.test(raw.trim())) number = Number(raw.trim());
  else number = Number.NaN;
  if (!Number.isFinite(number)) {
    throw invalidInput(z, `${label} must be a number, like 10 or 12.5 (got ${shown(raw)}).`);
  }
  const { min, max } = range;
  const tooLow = min !== undefined && number < min;
  const tooHigh = max !== undefined && number > max;
  if (tooLow || tooHigh) {
    const bounds =
      min !== undefined && max !== undefined
        ? `between ${min} and ${max}`
        : min !== undefined
          ? `${min} or more`
          : `${max} or less`;
    throw invalidInput(z, `${label} must be ${bounds}${range.what ? ` ${range.what}` : ''} (got ${shown(raw)}).`);
  }
  return number;
};

/**
 * One of a dropdown's values. Accepts Ecwid's value in any case or the plain words of the choice, since a
 * mapped value may carry either; undefined when empty.
 */
export const optionalChoice = <T extends string>(
  z: ZObject,
  value: unknown,
  label: string,
  choices: ChoiceLabels,
): T | undefined => {
  const text = optionalText(z, value, label);
  if (text === undefined) return undefined;
  const wanted = text.toLowerCase();
  const match = Object.entries(choices).find(
    ([code, words]) => code.toLowerCase() === wanted || words.toLowerCase() === wanted,
  );
  if (!match) {
    const options = Object.entries(choices)
      .map(([code, words]) => `${code} (${words})`)
      .join(', ');
    throw invalidInput(z, `${label} must be one of: ${options} (got ${shown(text)}).`);
  }
  return match[0] as T;
};

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};

/** Zapier's boolean fields send true/false or "yes"/"no"; undefined when empty. */
export const optionalBoolean = (z: ZObject, value: unknown, label: string): boolean | undefined => {
  if (typeof value === 'boolean') return value;
  const text = optionalText(z, value, label);
  if (text === undefined) return undefined;
  const parsed = BOOLEAN_WORDS[text.toLowerCase()];
  if (parsed === undefined) throw invalidInput(z, `${label} must be yes or no (got ${shown(text)}).`);
  return parsed;
};

/** The items of a list field: an array, or one mapped text of comma-separated values. */
const listItems = (z: ZObject, value: unknown, label: string): string[] => {
  if (isBlank(value)) return [];
  const parts = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const part of parts) {
    const text = optionalText(z, part, label);
    if (text !== undefined)
      out.push(
        ...text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  }
  return [...new Set(out)];
};

const toId = (z: ZObject, item: string, label: string, min: number): number => {
  if (!/^\d{1,15}$/.test(item) || Number(item) < min) {
    throw invalidInput(z, `${label} must be chosen from the dropdown (got ${shown(item)}, which is not an Ecwid id).`);
  }
  return Number(item);
};

/** An Ecwid id from a dynamic dropdown (ids start at 1, or at `min`); undefined when empty. */
export const optionalId = (z: ZObject, value: unknown, label: string, { min = 1 } = {}): number | undefined => {
  const text = optionalText(z, value, label);
  return text === undefined ? undefined : toId(z, text, label, min);
};

/** Ecwid ids from a dynamic dropdown with `list: true`; duplicates dropped, order kept. */
export const idList = (z: ZObject, value: unknown, label: string): number[] =>
  listItems(z, value, label).map((item) => toId(z, item, label, 1));

/** Text values from a list field; duplicates dropped, order kept. */
export const textList = (z: ZObject, value: unknown, label: string): string[] => listItems(z, value, label);

// A plain address: something@domain.tld, no spaces or angle brackets ("Jane <jane@x.com>" is refused).
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export const requiredEmail = (z: ZObject, value: unknown, label: string): string => {
  const text = requiredText(z, value, label);
  if (text.length > 254 || !EMAIL.test(text)) {
    throw invalidInput(z, `${label} must be one email address, like jane@example.com (got ${shown(text)}).`);
  }
  return text;
};

// Shapes a date arrives in from Zapier (ISO-8601 for datetime fields), Ecwid, or Xero's JSON dates.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)? ?(Z|[+-]\d{2}:?\d{2})?)?$/;
const UNIX = /^\d{9,13}$/;
const XERO_DATE = /^\/Date\((\d{1,13})([+-]\d{4})?\)\/$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** True when the date-time's own digits are a real calendar date and time (no 30 February, no 24:00). */
const isRealCalendarDate = (text: string): boolean => {
  const m = ISO_LIKE.exec(text);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
};

/** The earliest and latest instants Ecwid's "yyyy-MM-dd HH:mm:ss Z" format (four-digit years) can carry. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * A date-time from any shape Zapier passes (ISO-8601 with or without offset — without means UTC —, a plain
 * date, Ecwid's own format, unix seconds or milliseconds, Xero's "/Date(…)/"). Refuses what only a lenient
 * parser would read as a date ("12", "foo 2024", "2024-02-30"). Undefined when empty.
 */
export const optionalDate = (z: ZObject, value: unknown, label: string): Date | undefined => {
  const text = optionalText(z, value, label);
  if (text === undefined) return undefined;
  const xero = XERO_DATE.exec(text);
  let date: Date | undefined;
  if (xero) date = new Date(Number(xero[1]));
  else if (UNIX.test(text) || (ISO_LIKE.test(text) && isRealCalendarDate(text))) date = parseUserDate(text);
  if (!date || Number.isNaN(date.getTime()) || date.getTime() < EARLIEST || date.getTime() > LATEST) {
    throw invalidInput(
      z,
      `${label} must be a date, like 2025-06-30 or 2025-06-30T18:00:00+02:00 (got ${shown(text)}).`,
    );
  }
  return date;
};

/** True for a date without a time ("2025-06-30"), which some fields read as a whole day. */
export const isDateOnly = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim());

/**
 * A whole number within [min, max] (as `optionalNumber` reads it: "12" or 12, never "1,000"); undefined when empty.
 * "5.0" is 5; "2.5" is refused rather than rounded, since a stock count or a change of it is never a fraction.
 */
export const optionalInteger: typeof optionalNumber = (z, value, label, range = {}) => {
  const number = optionalNumber(z, value, label, range);
  if (number !== undefined && !Number.isInteger(number)) {
    throw invalidInput(z, `${label} must be a whole number, like 5 (got ${shown(single(value))}).`);
  }
  return number;
};

/** An Ecwid id from a required dynamic dropdown (or mapped from an earlier step). */
export const requiredId = (z: ZObject, value: unknown, label: string): number => {
  const id = optionalId(z, value, label);
  if (id === undefined) {
    throw invalidInput(z, `${label} is required. Choose one from the dropdown, or map its ID from an earlier step.`);
  }
  return id;
};
