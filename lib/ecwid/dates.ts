/** Ecwid writes dates as "2024-09-04 07:22:09 +0000"; Zapier wants ISO-8601 with an offset. */
const ECWID_DATE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-])(\d{2})(\d{2})$/;

/** The length of every text ECWID_DATE matches: a cheap first test, as most strings in a record are not dates. */
const ECWID_DATE_LENGTH = '2024-09-04 07:22:09 +0000'.length;

export const ecwidDateToIso = (value: string): string => {
  const m = value.length === ECWID_DATE_LENGTH ? ECWID_DATE.exec(value) : null;
  return m ? `${m[1]}T${m[2]}${m[3]}${m[4]}:${m[5]}` : value;
};

/** Unix seconds (Ecwid's *Timestamp fields) as ISO-8601 in UTC. */
export const unixToIso = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** A copy of an Ecwid record with every Ecwid date string, however deep, in ISO-8601. */
export const withIsoDates = <T>(value: T): T => {
  if (typeof value === 'string') return ecwidDateToIso(value) as T;
  if (Array.isArray(value)) return value.map(withIsoDates) as T;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) out[key] = withIsoDates(record[key]);
    return out as T;
  }
  return value;
};

/**
 * A date as Zapier hands it to an action: ISO-8601 (with or without offset; without means UTC),
 * Ecwid's own format, a plain date, or unix seconds/milliseconds. Undefined when it is not a date.
 */
export const parseUserDate = (input: unknown): Date | undefined => {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? undefined : input;
  if (typeof input === 'number') return parseUserDate(String(input));
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (!text) return undefined;
  if (/^\d{9,13}$/.test(text)) {
    const n = Number(text);
    return new Date(text.length <= 10 ? n * 1000 : n);
  }
  const ecwid = ECWID_DATE.exec(text);
  if (ecwid) return new Date(`${ecwid[1]}T${ecwid[2]}${ecwid[3]}${ecwid[4]}:${ecwid[5]}`);
  // A date-time without an offset is read as UTC, not as this server's local time.
  const isoNoOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const normalised = isoNoOffset ? `${text.replace(' ', 'T')}Z` : dateOnly ? `${text}T00:00:00Z` : text;
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** Ecwid's write format, always in UTC: "2024-09-04 07:22:09 +0000". */
export const toEcwidDate = (date: Date): string => `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000`;

export const nowUnix = (): number => Math.floor(Date.now() / 1000);
