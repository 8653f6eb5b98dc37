/**
 * Zapier's integration checks (https://docs.zapier.com/integrations/publish/integration-checks-reference), as far
 * as they can be judged from the app definition without Zapier's servers. Pure functions: a definition in,
 * failures out; each failure names the check, the place (operation and key) and the fix.
 *
 * Not judged here: A001, M*, S*, U001, L* (Zapier account state), T001/T006/Z001 (Zap History / Zap editor),
 * C001–C003 against the public version (see public-surface.ts: compared with a committed snapshot instead).
 * T002–T005 are judged by `checkLiveOutput` on output fetched from the sandbox.
 */

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHECKS = {
  D001: 'Asks for API Key in Action Instead of in Auth',
  D002: 'Provide Link in Help Text for Auth Fields',
  D003: 'Connection Label Should Be Set',
  D004: 'ID Fields Should Have Dynamic Dropdowns',
  D005: 'Dynamic Dropdown Connects to a Non-Existing Trigger',
  D006: 'REST Hook Trigger Needs a Polling URL',
  D007: 'All URLs Should Be HTTPS',
  D008: 'Invalid Markdown Link',
  D009: 'Requires at Least One Search Field',
  D010: 'Missing "ID" Field in Static Sample Data',
  D011: 'Redundant Help Text',
  D012: 'Static Sample Is Required',
  D013: 'Connects to a Non-Existing Search',
  D014: 'Has a Search Connector, but No Dynamic Dropdown',
  D015: 'Search-Or-Create Connects to a Non-Existing Action/Search',
  D016: 'Consists Only a Static Webhook',
  D017: 'Static Hook Is Discouraged',
  D018: 'Titlecased Label',
  D021: 'Description Requirements',
  D022: 'Creates Should Try to Have Static Input Fields',
  D023: 'ISO-8601 Date/Time Format in Static Sample',
  D024: 'Static Sample Respects Output Field Definition',
  T002: 'Missing "ID" Field in Live Polling Results',
  T003: 'ISO-8601 Date/Time Format in Live Results',
  T004: 'Static Sample Contains a Subset of Keys from Live Result',
  T005: 'Live Result Respects Output Field Definition',
  X001: "Every Input Has Help Text (this app's rule, not a Zapier check)",
} as const;

export type CheckId = keyof typeof CHECKS;

export interface Failure {
  check: CheckId;
  /** Where: "creates.create_discount_coupon input \"code\"", "triggers.new_order sample key \"createDate\"", … */
  where: string;
  problem: string;
  fix: string;
}

export interface CheckReport {
  failures: Failure[];
  /** What exists but cannot be judged offline (dynamic input fields are functions of the merchant's store). */
  notJudged: string[];
}

export const formatFailure = (f: Failure): string =>
  `${f.check} ${CHECKS[f.check]} — ${f.where}: ${f.problem} Fix: ${f.fix}`;

// ---------------------------------------------------------------------------------------------------------------
// The shape read here: loose on purpose, so deliberately broken definitions can be checked too.

export interface FieldDef {
  key?: string;
  label?: string;
  helpText?: string;
  type?: string;
  required?: boolean;
  computed?: boolean;
  dynamic?: string;
  search?: string;
  choices?: unknown;
  list?: boolean;
  primary?: boolean;
  children?: FieldDef[];
  [other: string]: unknown;
}

export type FieldOrFunction = FieldDef | ((...args: never[]) => unknown);

export interface OperationDef {
  key?: string;
  noun?: string;
  display?: { label?: string; description?: string; hidden?: boolean; [other: string]: unknown };
  operation?: {
    type?: string;
    inputFields?: FieldOrFunction[];
    outputFields?: FieldOrFunction[];
    sample?: unknown;
    performList?: unknown;
    performSubscribe?: unknown;
    performUnsubscribe?: unknown;
    [other: string]: unknown;
  };
  [other: string]: unknown;
}

export interface AppDef {
  authentication?: {
    type?: string;
    fields?: FieldOrFunction[];
    connectionLabel?: unknown;
    [other: string]: unknown;
  };
  triggers?: Record<string, OperationDef>;
  creates?: Record<string, OperationDef>;
  searches?: Record<string, OperationDef>;
  searchOrCreates?: Record<string, { key?: string; search?: string; create?: string; [other: string]: unknown }>;
  [other: string]: unknown;
}

export type Kind = 'triggers' | 'creates' | 'searches';
export const KINDS: readonly Kind[] = ['triggers', 'creates', 'searches'];

export interface Operation {
  kind: Kind;
  key: string;
  def: OperationDef;
  hidden: boolean;
}

export const operationsOf = (app: AppDef): Operation[] =>
  KINDS.flatMap((kind) =>
    Object.entries(app[kind] ?? {}).map(([key, def]) => ({ kind, key, def, hidden: def.display?.hidden === true })),
  );

const isField = (field: FieldOrFunction): field is FieldDef => typeof field === 'object' && field !== null;

/** Static fields, line-item children included ("parent[]child"); functions (dynamic fields) left out. */
export const staticFieldsOf = (fields: FieldOrFunction[] | undefined): Array<{ path: string; field: FieldDef }> =>
  (fields ?? []).filter(isField).flatMap((field) => [
    { path: String(field.key ?? ''), field },
    ...staticFieldsOf(field.children).map((child) => ({
      path: `${field.key ?? ''}[]${child.path}`,
      field: child.field,
    })),
  ]);

const dynamicFieldCount = (fields: FieldOrFunction[] | undefined): number =>
  (fields ?? []).filter((field) => typeof field === 'function').length;

/** Fields a merchant fills in: not computed, not a help-only "copy" block. */
const isUserInput = (field: FieldDef): boolean => field.computed !== true && field.type !== 'copy';

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A flattened key as Zapier writes it: nested objects "a__b", objects in arrays "a[]b". */
const joinKey = (path: string, key: string): string =>
  path === '' ? key : path.endsWith('[]') ? `${path}${key}` : `${path}__${key}`;

const inputWhere = (op: Operation, path: string): string => `${op.kind}.${op.key} input "${path}"`;

// ---------------------------------------------------------------------------------------------------------------
// Dates (D023, T003)

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?';
/** Strings a reader (or Zapier's parser) would take for a date. */
const DATE_LIKE: RegExp[] = [
  /^\d{4}-\d{1,2}-\d{1,2}(?:$|[T\s]\d)/,
  /^\d{4}\/\d{1,2}\/\d{1,2}(?:$|\s)/,
  /^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}(?:$|\s)/,
  /^\d{1,2}\.\d{1,2}\.\d{4}(?:$|\s)/,
  /^\d{8}T\d{4,6}/,
  new RegExp(`^(?:${WEEKDAY}\\s*)?\\d{1,2}\\s+${MONTH}\\s+\\d{4}`, 'i'),
  new RegExp(`^(?:${WEEKDAY}\\s*)?${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`, 'i'),
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

export const looksLikeDate = (value: string): boolean => DATE_LIKE.some((pattern) => pattern.test(value.trim()));

/** ISO-8601: a plain date, or a date-time with its offset ("Z" or ±hh[:mm]). */
export const isIsoDate = (value: string): boolean => {
  const m = ISO_DATE_TIME.exec(value) ?? ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day, hour = '0', minute = '0', second = '0', offsetHours = '0', offsetMinutes = '0'] = m.slice(1);
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 60 &&
    Number(offsetHours) <= 14 &&
    Number(offsetMinutes) <= 59
  );
};

/** Every string under `value` that looks like a date but is not ISO-8601 with offset, with its flattened key. */
export const nonIsoDates = (value: unknown, path = ''): Array<{ path: string; value: string }> => {
  if (typeof value === 'string') return looksLikeDate(value) && !isIsoDate(value) ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((item) => nonIsoDates(item, `${path}[]`));
  if (isPlainObject(value)) {
    return Object.entries(value).flatMap(([key, inner]) => nonIsoDates(inner, joinKey(path, key)));
  }
  return [];
};

const ISO_FIX =
  'write it as ISO-8601 with an offset, e.g. "2024-09-04T07:22:09+00:00" (a date alone: "2024-09-04"); Ecwid dates go through withIsoDates in lib/ecwid/dates.ts.';

// ---------------------------------------------------------------------------------------------------------------
// Keys of a record as Zapier flattens them: nested objects "a__b", arrays of objects "a[]b".

/** The flattened keys of a record: "total", "billingPerson__name", "items[]sku". */
export const recordKeys = (record: unknown): string[] => [...new Set(walkKeys(record, ''))].sort();

const walkKeys = (value: unknown, path: string): string[] => {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return path ? [path] : [];
    return entries.flatMap(([key, inner]) => walkKeys(inner, joinKey(path, key)));
  }
  if (Array.isArray(value) && value.some(isPlainObject)) {
    return value.filter(isPlainObject).flatMap((item) => walkKeys(item, `${path}[]`).filter((k) => k !== `${path}[]`));
  }
  return path ? [path] : [];
};

/**
 * The keys of `expected` (flattened) that `actual` lacks. An empty array in `actual` satisfies the keys of the
 * objects `expected` holds there (an order without items still has `items`).
 */
export const missingKeys = (expected: unknown, actual: unknown, path = ''): string[] => {
  if (isPlainObject(expected) && Object.keys(expected).length > 0) {
    if (!isPlainObject(actual)) return walkKeys(expected, path);
    return Object.entries(expected).flatMap(([key, inner]) => {
      const at = joinKey(path, key);
      return key in actual ? missingKeys(inner, actual[key], at) : walkKeys(inner, at);
    });
  }
  if (Array.isArray(expected) && expected.some(isPlainObject)) {
    if (!Array.isArray(actual)) return walkKeys(expected, path);
    const union = Object.assign({}, ...expected.filter(isPlainObject)) as Record<string, unknown>;
    return [...new Set(actual.flatMap((item) => missingKeys(union, item, `${path}[]`)))];
  }
  return [];
};

// ---------------------------------------------------------------------------------------------------------------
// Output fields against a record (D024, T005)

/** The values at an output field key ("a", "a__b", "a[]b"); undefined when the path is missing. */
export const valuesAt = (record: unknown, key: string): unknown[] | undefined => {
  if (!isPlainObject(record)) return undefined;
  if (key in record) return [record[key]];
  const nested = /__|\[\]/.exec(key);
  if (!nested) return undefined;
  const head = key.slice(0, nested.index);
  const rest = key.slice(nested.index + nested[0].length);
  if (!(head in record)) return undefined;
  const inner = record[head];
  if (nested[0] === '__') return valuesAt(inner, rest);
  if (!Array.isArray(inner)) return undefined;
  if (rest === '') return inner;
  const perItem = inner.map((item) => valuesAt(item, rest));
  return perItem.some((values) => values === undefined) ? undefined : perItem.flatMap((values) => values ?? []);
};

const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
  password: (v) => typeof v === 'string',
  copy: (v) => typeof v === 'string',
  code: (v) => typeof v === 'string',
  file: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  datetime: (v) => typeof v === 'string' && isIsoDate(v),
  json: () => true,
};

const describeValue = (value: unknown): string =>
  Array.isArray(value) ? 'an array' : value === null ? 'null' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);

/** How `record` breaks its output fields: required keys missing, values of another type. */
export const outputFieldProblems = (
  record: unknown,
  outputFields: FieldOrFunction[] | undefined,
): Array<{ key: string; problem: string; fix: string }> =>
  staticFieldsOf(outputFields).flatMap(({ field }) => {
    const key = String(field.key ?? '');
    const values = valuesAt(record, key);
    if (values === undefined || (values.length === 1 && values[0] == null && !key.includes('[]'))) {
      return field.required
        ? [
            {
              key,
              problem: `the output field "${key}" is required but has no value.`,
              fix: `give "${key}" a value, or drop required: true from its output field.`,
            },
          ]
        : [];
    }
    const test = field.type ? TYPE_TESTS[field.type] : undefined;
    if (!test) return [];
    const items = field.list ? values.flatMap((v) => (Array.isArray(v) ? v : [v])) : values;
    if (field.list && values.some((v) => v != null && !Array.isArray(v))) {
      return [
        {
          key,
          problem: `"${key}" is declared list: true but is not an array.`,
          fix: `make "${key}" an array, or drop list: true.`,
        },
      ];
    }
    const wrong = items.find((v) => v != null && !test(v));
    if (wrong === undefined) return [];
    return [
      {
        key,
        problem: `"${key}" is ${describeValue(wrong)}, but its output field says type "${field.type}".`,
        fix:
          field.type === 'datetime'
            ? `make it an ISO-8601 date with offset (e.g. "2024-09-04T07:22:09+00:00").`
            : `make the value a ${field.type}, or declare the output field with the type the value really has.`,
      },
    ];
  });

// ---------------------------------------------------------------------------------------------------------------
// Copy (D011, D018, D021)

const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'if',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'onto',
  'or',
  'per',
  'the',
  'to',
  'up',
  'via',
  'vs',
  'with',
  'without',
]);

/** Kept as written: acronyms and brand casing ("ID", "SKU", "eBay", "iPhone"). */
const isSpecialCasing = (word: string): boolean => /[A-Z]/.test(word.slice(1)) || !/[a-z]/i.test(word);

const capitalise = (word: string): string => word.replace(/[a-z]/i, (letter) => letter.toUpperCase());

const ACRONYMS: Record<string, string> = {
  id: 'ID',
  ids: 'IDs',
  sku: 'SKU',
  url: 'URL',
  api: 'API',
  vat: 'VAT',
  ip: 'IP',
};

/** The label in title case: minor words lower case unless first or last, every other word capitalised. */
export const titleCase = (label: string): string => {
  const words = label.trim().split(/\s+/);
  return words
    .map((word, i) => {
      if (isSpecialCasing(word)) return word;
      const bare = word.toLowerCase().replace(/[^a-z]/g, '');
      const edge = i === 0 || i === words.length - 1 || /:$/.test(words[i - 1] ?? '');
      if (ACRONYMS[bare] && word.toLowerCase().replace(/[^a-z]/g, '') === bare)
        return word.toLowerCase().replace(bare, ACRONYMS[bare]);
      if (MINOR_WORDS.has(bare) && !edge) return word.toLowerCase();
      return word.split('-').map(capitalise).join('-');
    })
    .join(' ');
};

/** Title case as Zapier accepts it: minor words may be either case in the middle of the label. */
export const isTitleCase = (label: string): boolean => {
  const words = label.trim().split(/\s+/);
  const expected = titleCase(label).split(' ');
  return words.every(
    (word, i) =>
      word === expected[i] || (expected[i] === expected[i].toLowerCase() && word === capitalise(word.toLowerCase())),
  );
};

const FILLER = /^(?:(?:please|enter|type|provide|select|choose|pick|input|the|a|an|your|this)\s+)+/;
const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Help text that says nothing the label does not. */
export const isRedundantHelp = (label: string, helpText: string): boolean => {
  const help = normalise(helpText);
  const name = normalise(label);
  return help === name || help.replace(FILLER, '') === name;
};

const DESCRIPTION_RULES: Record<Kind, { pattern: RegExp; wanted: string }> = {
  triggers: {
    pattern: /^Triggers when \S[\s\S]*[^.]\.$/,
    wanted: 'start with "Triggers when " and end with one "." (e.g. "Triggers when a new order is placed.")',
  },
  creates: {
    pattern: /^[A-Z][a-z]+s \S[\s\S]*[^.]\.$/,
    wanted: 'start with the verb in its -s form and end with one "." (e.g. "Creates a discount coupon.")',
  },
  searches: {
    pattern: /^Finds \S[\s\S]*[^.]\.$/,
    wanted: 'start with "Finds " and end with one "." (e.g. "Finds a customer by email.")',
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Links and URLs (D007, D008)

const VALID_LINK = /\[[^\]\n]+\]\(\s*<?[a-z][a-z0-9+.-]*:[^)\s]+>?\s*\)/gi;
const BACKTICKED = /`[^`]*`/g;

/** Bare or broken links: Zapier wants [text](url), or the URL in backticks. */
export const badLinks = (text: string): string[] =>
  text
    .replace(BACKTICKED, ' ')
    .replace(VALID_LINK, ' ')
    .match(/https?:\/\/[^\s)\]>'"]+/gi) ?? [];

const HTTP_URL = /http:\/\/[a-z0-9[\]][^\s'"`)<>\\]*/gi;

/** Every http:// URL in a definition: strings, and the source text of its functions (request URLs in code). */
const plainHttpUrls = (value: unknown, seen = new WeakSet<object>()): string[] => {
  if (typeof value === 'string') return value.match(HTTP_URL) ?? [];
  if (typeof value === 'function') return Function.prototype.toString.call(value).match(HTTP_URL) ?? [];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.values(value).flatMap((inner) => plainHttpUrls(inner, seen));
};

// ---------------------------------------------------------------------------------------------------------------
// The checks

export interface CheckOptions {
  /** URLs the app calls that the definition does not spell out (base URLs from lib/ecwid/config.ts). */
  urls?: string[];
  /** Source files of the app, path → text, searched for http:// URLs (D007). */
  sources?: Record<string, string>;
}

const ID_FIELD = /(?:^|_|-)ids?$|[a-z0-9]Ids?$/;
const ID_LABEL = /\bIDs?\b/;
const MERCHANT_VISIBLE_ID = /\b(?:Number|Code|SKU|Email)\b/i;
const CREDENTIAL = /api[_\s-]?key|access[_\s-]?token|secret|password|passwd|bearer/i;
const SECRET_IN_LABEL = /\{\{[^}]*(?:access_token|refresh_token|api_key|apikey|secret|password|token)[^}]*\}\}/i;

export const checkApp = (app: AppDef, options: CheckOptions = {}): CheckReport => {
  const failures: Failure[] = [];
  const notJudged: string[] = [];
  const fail = (check: CheckId, where: string, problem: string, fix: string): void => {
    failures.push({ check, where, problem, fix });
  };
  const ops = operationsOf(app);
  const auth = app.authentication;

  // D002, D003: authentication.
  if (auth) {
    for (const { path, field } of staticFieldsOf(auth.fields)) {
      const pasted = auth.type === 'custom' || auth.type === 'session' || auth.type === 'api';
      if (
        pasted &&
        isUserInput(field) &&
        CREDENTIAL.test(`${path} ${field.label ?? ''}`) &&
        !/\]\(https:\/\//.test(field.helpText ?? '')
      ) {
        fail(
          'D002',
          `authentication field "${path}"`,
          'the help text has no link to where the merchant finds this credential.',
          'add a Markdown link, e.g. "Find it in [Ecwid admin → Apps](https://my.ecwid.com/cp/#develop-apps).".',
        );
      }
    }
    const label = auth.connectionLabel;
    if (label === undefined || label === null || label === '') {
      fail(
        'D003',
        'authentication.connectionLabel',
        'no connection label is set, so merchants with two stores cannot tell the connections apart.',
        'set authentication.connectionLabel to a template or function naming the account, e.g. "{{storeName}} (#{{storeId}})".',
      );
    } else if (typeof label === 'string' && !/\{\{.+?\}\}/.test(label)) {
      fail(
        'D003',
        'authentication.connectionLabel',
        `the label "${label}" is fixed text, the same for every account.`,
        'use data from the auth test, e.g. "{{storeName}}".',
      );
    } else if (typeof label === 'string' && SECRET_IN_LABEL.test(label)) {
      fail(
        'D003',
        'authentication.connectionLabel',
        'the label shows a secret.',
        'label the account with a name or email from the auth test, never a token.',
      );
    }
  }

  for (const op of ops) {
    const where = `${op.kind}.${op.key}`;
    const operation = op.def.operation ?? {};
    const inputs = staticFieldsOf(operation.inputFields);
    const userInputs = inputs.filter(({ field }) => isUserInput(field));
    const dynamicInputs = dynamicFieldCount(operation.inputFields);
    if (dynamicInputs > 0)
      notJudged.push(
        `${where}: ${dynamicInputs} dynamic input field function(s) (built from the merchant's store at setup time; skipped)`,
      );
    if (dynamicFieldCount(operation.outputFields) > 0) notJudged.push(`${where}: dynamic output fields (skipped)`);

    for (const { path, field } of userInputs) {
      const at = inputWhere(op, path);
      // D001
      if (CREDENTIAL.test(`${path} ${field.label ?? ''}`) || field.type === 'password') {
        fail(
          'D001',
          at,
          'the step asks for a credential.',
          'remove the field and take the credential from the connection (authentication), where Zapier scrubs it from logs.',
        );
      }
      // D004
      // An id by label, or by key unless the label names what the merchant sees (an order number, a coupon code).
      const looksLikeId =
        ID_LABEL.test(field.label ?? '') ||
        (ID_FIELD.test(path.replace(/^.*\[\]/, '')) && !MERCHANT_VISIBLE_ID.test(field.label ?? ''));
      if (looksLikeId && !field.dynamic && !field.choices) {
        fail(
          'D004',
          at,
          'merchants would have to type an id.',
          'give it a dynamic dropdown (dynamic: "<hidden trigger key>.id.name", backed by a hidden trigger with canPaginate) or static choices; if merchants do see this value in Ecwid\'s admin (an order number, a code), label it so ("Order Number"), not "ID".',
        );
      }
      // D005
      if (field.dynamic) {
        const triggerKey = String(field.dynamic).split('.')[0];
        if (!app.triggers?.[triggerKey]) {
          fail(
            'D005',
            at,
            `the dropdown points at trigger "${triggerKey}", which the app does not register.`,
            `register triggers.${triggerKey} in index.ts (display.hidden: true), or fix the dynamic key.`,
          );
        }
      }
      // D013, D014
      if (field.search) {
        const searchKey = String(field.search).split('.')[0];
        if (!app.searches?.[searchKey]) {
          fail(
            'D013',
            at,
            `the search connector points at search "${searchKey}", which the app does not register.`,
            `register searches.${searchKey}, or fix the search key.`,
          );
        }
        if (!field.dynamic) {
          fail(
            'D014',
            at,
            'it has a search connector but no dynamic dropdown, so the "Add a Search Step" button never appears.',
            'add dynamic: "<hidden trigger key>.id.name" beside search.',
          );
        }
      }
      if (op.hidden) continue;
      // D011
      if (field.label && field.helpText && isRedundantHelp(field.label, field.helpText)) {
        fail(
          'D011',
          at,
          `the help text "${field.helpText}" only repeats the label.`,
          "say what the merchant sees in Ecwid's admin, the format expected or what happens when it is left empty — or drop the help text.",
        );
      }
      // D018 (field labels: this app's rule, as for operation labels)
      if (field.label && !isTitleCase(field.label)) {
        fail('D018', at, `the label "${field.label}" is not in title case.`, `write "${titleCase(field.label)}".`);
      }
      // X001
      if (!String(field.helpText ?? '').trim()) {
        fail(
          'X001',
          at,
          'the input has no help text.',
          "say where the merchant finds this in Ecwid's admin (with a link where it helps) and what the step does with it.",
        );
      }
    }

    // D008: help texts and the description.
    const texts: Array<[string, string | undefined]> = [
      [`${where} description`, op.def.display?.description],
      ...inputs.map(({ path, field }): [string, string | undefined] => [
        `${inputWhere(op, path)} help text`,
        field.helpText,
      ]),
    ];
    for (const [place, text] of texts) {
      for (const link of badLinks(text ?? '')) {
        fail(
          'D008',
          place,
          `the link ${link} is bare or broken Markdown.`,
          `write it as [words](${link.replace(/^http:/, 'https:')}), or put the URL in backticks.`,
        );
      }
    }

    // D006, D016, D017: hooks.
    if (op.kind === 'triggers' && operation.type === 'hook') {
      if (!operation.performList)
        fail(
          'D006',
          where,
          'the hook trigger has no performList, so the Zap editor cannot fetch a sample.',
          'add operation.performList returning recent records shaped like the hook payload.',
        );
      if (!operation.performSubscribe || !operation.performUnsubscribe) {
        const only = ops.filter((other) => !other.hidden).length === 1;
        fail(
          only ? 'D016' : 'D017',
          where,
          'the hook trigger has no performSubscribe/performUnsubscribe, so it is a static webhook.',
          only
            ? 'add REST hook subscribe/unsubscribe or a polling trigger, and more triggers/actions/searches.'
            : 'add performSubscribe and performUnsubscribe, or make it a polling trigger.',
        );
      }
    }

    // D009, D022: what a merchant can fill in.
    if (op.kind === 'searches' && userInputs.length === 0) {
      fail(
        'D009',
        where,
        'the search has no field to search by.',
        'add a static input field to search by (e.g. email, name, order number).',
      );
    }
    if (op.kind === 'creates' && userInputs.length === 0) {
      fail(
        'D022',
        where,
        'the action has no static input fields, so Zap templates cannot prefill it.',
        'declare the common fields statically in operation.inputFields.',
      );
    }

    // D018, D021: what the merchant reads in the Zap editor.
    if (!op.hidden) {
      const label = op.def.display?.label ?? '';
      if (!label.trim()) {
        fail(
          'D018',
          `${where} label`,
          'the step has no label.',
          'set display.label in title case, e.g. "New Paid Order".',
        );
      } else if (!isTitleCase(label)) {
        fail('D018', `${where} label`, `the label "${label}" is not in title case.`, `write "${titleCase(label)}".`);
      }
      const description = op.def.display?.description ?? '';
      const rule = DESCRIPTION_RULES[op.kind];
      if (!rule.pattern.test(description)) {
        fail('D021', `${where} description`, `"${description}" does not follow Zapier's wording.`, `${rule.wanted}.`);
      }
    }

    // D010, D012, D023, D024: the static sample.
    const sample = operation.sample;
    const hasSample = isPlainObject(sample) && Object.keys(sample).length > 0;
    if (!hasSample) {
      if (!op.hidden)
        fail(
          'D012',
          `${where} sample`,
          'there is no static sample, so merchants who skip the test have no fields to map.',
          "set operation.sample to one record as the step returns it (share the resource's sample from lib/).",
        );
      continue;
    }
    if (op.kind === 'triggers') {
      const primary = staticFieldsOf(operation.outputFields)
        .filter(({ field }) => field.primary)
        .map(({ path }) => path);
      const keys = primary.length > 0 ? primary : ['id'];
      const missing = keys.filter((key) => {
        const values = valuesAt(sample, key);
        return values === undefined || values.some((v) => v === null || v === '');
      });
      if (missing.length > 0) {
        fail(
          'D010',
          `${where} sample`,
          `the sample has no ${missing.map((k) => `"${k}"`).join(', ')}, which Zapier dedupes on.`,
          'give the sample a unique "id" (rename the record\'s own id key if it has another name).',
        );
      }
    }
    for (const date of nonIsoDates(sample)) {
      fail('D023', `${where} sample key "${date.path}"`, `"${date.value}" is not ISO-8601 with an offset.`, ISO_FIX);
    }
    for (const problem of outputFieldProblems(sample, operation.outputFields)) {
      fail('D024', `${where} sample key "${problem.key}"`, problem.problem, problem.fix);
    }
  }

  // D015
  for (const [key, soc] of Object.entries(app.searchOrCreates ?? {})) {
    if (soc.search && !app.searches?.[soc.search])
      fail(
        'D015',
        `searchOrCreates.${key}`,
        `search "${soc.search}" is not registered.`,
        'point it at a registered search key.',
      );
    if (soc.create && !app.creates?.[soc.create])
      fail(
        'D015',
        `searchOrCreates.${key}`,
        `create "${soc.create}" is not registered.`,
        'point it at a registered create key.',
      );
  }

  // D007
  const urls = [
    ...plainHttpUrls(app).map((url) => ({ where: 'app definition', url })),
    ...(options.urls ?? []).filter((url) => !/^https:\/\//i.test(url)).map((url) => ({ where: 'base URL', url })),
    ...Object.entries(options.sources ?? {}).flatMap(([path, text]) =>
      (text.match(HTTP_URL) ?? []).map((url) => ({ where: path, url })),
    ),
  ];
  for (const { where, url } of urls) {
    fail('D007', where, `${url} is not HTTPS.`, `use https:// (${url.replace(/^http:/i, 'https:')}).`);
  }

  return { failures, notJudged };
};

// ---------------------------------------------------------------------------------------------------------------
// Live output (T002–T005): for results fetched from the sandbox or a real store.

/**
 * How live results of the step `key` disagree with its static sample: T002 no `id` (when the sample has one),
 * T003 dates not ISO-8601 with offset, T004 a key of the sample missing from a live result, T005 (when the output
 * fields are given) required keys missing or values of another type.
 */
export const checkLiveOutput = (
  key: string,
  sample: unknown,
  liveItems: unknown[],
  outputFields?: FieldOrFunction[],
): Failure[] => {
  const failures: Failure[] = [];
  const sampleHasId = isPlainObject(sample) && sample.id !== undefined;
  liveItems.forEach((item, index) => {
    const id = isPlainObject(item) ? item.id : undefined;
    const where = `${key} live result #${index + 1}${id !== undefined && id !== null ? ` (id ${JSON.stringify(id)})` : ''}`;
    if (sampleHasId && (id === undefined || id === null || id === '')) {
      failures.push({
        check: 'T002',
        where,
        problem: 'the result has no "id".',
        fix: 'return every record with a unique "id" (as the static sample has).',
      });
    }
    for (const date of nonIsoDates(item)) {
      failures.push({
        check: 'T003',
        where: `${where} key "${date.path}"`,
        problem: `"${date.value}" is not ISO-8601 with an offset.`,
        fix: ISO_FIX,
      });
    }
    const missing = missingKeys(sample, item);
    if (missing.length > 0) {
      failures.push({
        check: 'T004',
        where,
        problem: `the static sample has key(s) the live result lacks: ${missing.map((k) => `"${k}"`).join(', ')}.`,
        fix: 'give every live record every key of the sample (empty values rather than missing keys), or drop those keys from the sample.',
      });
    }
    for (const problem of outputFieldProblems(item, outputFields)) {
      failures.push({
        check: 'T005',
        where: `${where} key "${problem.key}"`,
        problem: problem.problem,
        fix: problem.fix,
      });
    }
  });
  return failures;
};

// ---------------------------------------------------------------------------------------------------------------
// For the CLI scripts (docs.ts, public-surface.ts), not a check.

/** True in the module node was started with (`node dist-tools/tools/docs/reference-doc.js`), false when a test imports it. */
export const runsAsScript = (moduleUrl: string): boolean => {
  try {
    return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
};
