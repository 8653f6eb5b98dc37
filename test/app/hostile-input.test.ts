import { describe, expect, test } from '@jest/globals';
import type { Bundle } from 'zapier-platform-core';
import type { Sandbox } from '../../tools/sandbox/server.js';
import { bundleFor, shownMessage, TOKEN } from '../helpers.js';
import { useFullAppOnSandbox, type FullApp, type Operation } from './full-app.js';

/**
 * Hostile input, against the sandbox (so the exact request path Ecwid would receive is seen):
 * - ids with "/", "?", "#", "..", spaces or unicode in a path segment are sent as one encoded segment, or refused
 *   with a message naming the field — never sent anywhere else;
 * - a store id that is not a positive integer is refused before any request;
 * - oversized (10 kB strings, 1,000-element lists) and malformed values in every field of every create end in a
 *   clear Zapier error naming the field (or are accepted, when Ecwid takes them) — never an unhandled exception.
 */

let sandbox: Sandbox;
let full: FullApp;
let orderId: string;
let productId: number;

useFullAppOnSandbox(
  { seed: 9, now: Date.UTC(2025, 0, 15, 12), orders: 30, token: TOKEN, knobs: { rateLimit: 0 } },
  (setup) => ({ sandbox, full, orderId, productId } = setup),
  { pointAppAtSandbox: true },
);

const STORE = () => String(sandbox.storeId);

const bundleWith = (inputData: Record<string, unknown>, storeId = STORE()): Bundle =>
  bundleFor(inputData, {}, { access_token: TOKEN, store_id: storeId });

/** What became of one call: its result, or its error with what the merchant reads. */
interface Outcome {
  ok: boolean;
  name?: string;
  code?: string;
  message?: string;
  /** Paths (with query) the sandbox received during the call. */
  paths: string[];
}

const outcomeOf = async (kind: 'triggers' | 'creates' | 'searches', key: string, bundle: Bundle): Promise<Outcome> => {
  const before = sandbox.requests.length;
  const paths = () => sandbox.requests.slice(before).map((request) => request.path);
  try {
    await full.perform(kind, key, bundle);
    return { ok: true, paths: paths() };
  } catch (error) {
    const raw = String((error as Error)?.message ?? error);
    let code: string | undefined;
    try {
      code = JSON.parse(raw).code;
    } catch {
      code = undefined;
    }
    return { ok: false, name: (error as Error)?.name, code, message: shownMessage(error), paths: paths() };
  }
};

/** Errors Zapier shows as such: z.errors.Error (AppError), ThrottledError, ExpiredAuthError, HaltedError. */
const CLEAR_ERRORS = new Set(['AppError', 'ThrottledError', 'ExpiredAuthError', 'HaltedError']);

const HOSTILE_IDS = [
  'A/B',
  'A?x=1',
  'A#top',
  '..',
  '.',
  'a b',
  ' padded ',
  'Zürich-€',
  '%2F..%2F',
  '../../1004/orders',
  '1003/../../1004',
  'x'.repeat(300),
];

/** Operations that put an input into the request path, with the path prefix it goes under. */
const PATH_INPUTS: Array<{
  kind: 'creates' | 'searches';
  key: string;
  field: string;
  label: RegExp;
  prefix: string;
  extra?: Record<string, unknown>;
}> = [
  { kind: 'searches', key: 'find_order', field: 'orderId', label: /Order (ID|Number)/, prefix: '/orders/' },
  {
    kind: 'creates',
    key: 'update_order',
    field: 'orderId',
    label: /Order/,
    prefix: '/orders/',
    extra: { paymentStatus: 'PAID' },
  },
  {
    kind: 'creates',
    key: 'update_product',
    field: 'productId',
    label: /Product/,
    prefix: '/products/',
    extra: { price: 5 },
  },
  {
    kind: 'creates',
    key: 'adjust_product_stock',
    field: 'productId',
    label: /Product/,
    prefix: '/products/',
    extra: { quantityDelta: 1 },
  },
  { kind: 'searches', key: 'find_discount_coupon', field: 'code', label: /Code|Coupon/, prefix: '/discount_coupons' },
];

describe('ids in a request path', () => {
  for (const input of PATH_INPUTS) {
    test(`${input.key}: ${input.field} with "/", "?", "#", "..", spaces or unicode is encoded as one segment or refused naming the field`, async () => {
      if (!(input.key in full.app[input.kind])) return; // not in this build of the app
      const problems: string[] = [];
      for (const value of HOSTILE_IDS) {
        const outcome = await outcomeOf(input.kind, input.key, bundleWith({ ...input.extra, [input.field]: value }));
        const storePrefix = `/api/v3/${STORE()}`;
        // The store profile (read once for the currency) is the only other request an operation may make.
        const paths = outcome.paths.filter((path) => path !== `${storePrefix}/profile`);
        const escaped = paths.filter((path) => !path.startsWith(`${storePrefix}${input.prefix}`));
        if (escaped.length > 0) problems.push(`${JSON.stringify(value)} reached ${escaped.join(', ')}`);
        const segment = encodeURIComponent(value.trim());
        for (const path of paths) {
          const rest = path.slice(`${storePrefix}${input.prefix}`.length);
          // One segment exactly as encodeURIComponent makes it (coupon searches may send it as a query instead).
          if (input.prefix.endsWith('/') && rest !== segment && !rest.startsWith(`${segment}/`))
            problems.push(`${JSON.stringify(value)} sent as ${path}`);
        }
        if (!outcome.ok && !CLEAR_ERRORS.has(outcome.name ?? ''))
          problems.push(`${JSON.stringify(value)} threw ${outcome.name}: ${outcome.message}`);
        if (!outcome.ok && outcome.paths.length === 0 && !input.label.test(outcome.message ?? '')) {
          problems.push(`${JSON.stringify(value)} refused without naming the field: ${outcome.message}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  test('the exact paths: reserved characters and unicode are percent-encoded inside the segment', async () => {
    if (!('find_order' in full.app.searches)) return;
    const seen: Record<string, string[]> = {};
    for (const value of ['A/B', 'A?x=1', 'a b', 'Zürich-€']) {
      const { paths } = await outcomeOf('searches', 'find_order', bundleWith({ orderId: value }));
      seen[value] = paths.filter((path) => !path.endsWith('/profile'));
    }
    const base = `/api/v3/${STORE()}/orders/`;
    expect(seen).toEqual({
      'A/B': [`${base}A%2FB`],
      'A?x=1': [`${base}A%3Fx%3D1`],
      'a b': [`${base}a%20b`],
      'Zürich-€': [`${base}Z%C3%BCrich-%E2%82%AC`],
    });
  });

  test('".." and "." are refused before any request, naming the field', async () => {
    if (!('find_order' in full.app.searches)) return;
    for (const value of ['..', '.']) {
      const outcome = await outcomeOf('searches', 'find_order', bundleWith({ orderId: value }));
      expect({ ok: outcome.ok, name: outcome.name, paths: outcome.paths }).toEqual({
        ok: false,
        name: 'AppError',
        paths: [],
      });
      expect(outcome.message).toMatch(/Order (ID|Number)/);
    }
  });
});

describe('store id', () => {
  test.each([
    '0',
    '-5',
    '1.5',
    'abc',
    '1003/../1004',
    '1003?limit=1',
    '1003 1004',
    '',
    '01003',
    '12345678901234567890',
    '１００３',
  ])('store id %j is refused before any request, asking to reconnect', async (storeId) => {
    for (const [kind, key, input] of [
      ['triggers', 'new_order', {}],
      ['searches', 'find_order', { orderId }],
      ['creates', 'create_customer', { email: 'new@example.com' }],
    ] as const) {
      const outcome = await outcomeOf(kind, key, bundleWith(input, storeId));
      expect({ key, ok: outcome.ok, name: outcome.name, paths: outcome.paths }).toEqual({
        key,
        ok: false,
        name: 'ExpiredAuthError',
        paths: [],
      });
      expect(outcome.message).toMatch(/store id/i);
    }
  });
});

/** Valid inputs for each create, so that one bad field at a time is what is tested. */
const validInput = (key: string): Record<string, unknown> => {
  const inputs: Record<string, Record<string, unknown>> = {
    create_customer: { email: `valid-${Math.random().toString(36).slice(2)}@example.com`, name: 'Ada Lovelace' },
    create_discount_coupon: { name: 'Spring', discountType: 'PERCENT', discount: 10 },
    update_order: { orderId, paymentStatus: 'PAID' },
    create_product: { name: 'Mug', price: 9.5 },
    update_product: { productId: String(productId), price: 12 },
    adjust_product_stock: { productId: String(productId), quantityDelta: 1 },
  };
  return inputs[key] ?? {};
};

/** Bad values for a field, by its declared type: oversized, wrong type, out of range, malformed. */
const badValuesFor = (field: { type?: string; list?: boolean; choices?: unknown }): unknown[] => {
  const big = 'x'.repeat(10_000);
  const values: unknown[] = [big, '\u0000\u202e<script>alert(1)</script>', { nested: { object: true } }];
  if (field.list)
    values.push(
      Array.from({ length: 1000 }, (_, i) => `item-${i}`),
      [big],
    );
  if (field.type === 'number' || field.type === 'integer') values.push('abc', '1e400', -1e15, '12,5', 'NaN', 1.5);
  if (field.type === 'boolean') values.push('maybe', 2);
  if (field.type === 'datetime') values.push('not a date', '2025-13-45', '99999-01-01');
  if (field.choices) values.push('NOT_A_CHOICE');
  return values;
};

describe('every create, every field: oversized and malformed values', () => {
  test('end in a clear Zapier error naming the field, or are accepted — never an unhandled exception', async () => {
    const problems: string[] = [];
    const passedToEcwid: string[] = [];
    let calls = 0;
    for (const [key, create] of Object.entries(full.app.creates as Record<string, Operation>)) {
      for (const field of (create.operation.inputFields ?? []) as Array<{
        key: string;
        label?: string;
        type?: string;
        list?: boolean;
        choices?: unknown;
      }>) {
        if (typeof field?.key !== 'string') continue;
        for (const value of badValuesFor(field)) {
          calls += 1;
          const outcome = await outcomeOf('creates', key, bundleWith({ ...validInput(key), [field.key]: value }));
          const shown = `${key}.${field.key} = ${JSON.stringify(value).slice(0, 40)}`;
          if (outcome.ok) continue;
          if (!CLEAR_ERRORS.has(outcome.name ?? '')) {
            problems.push(`${shown}: unhandled ${outcome.name}: ${outcome.message?.slice(0, 160)}`);
            continue;
          }
          const label = field.label ?? field.key;
          const namesField =
            (outcome.message ?? '').toLowerCase().includes(label.toLowerCase()) ||
            (outcome.message ?? '').includes(field.key);
          if (outcome.paths.length === 0 && !namesField)
            problems.push(`${shown}: refused without naming "${label}": ${outcome.message?.slice(0, 160)}`);
          if (outcome.paths.length > 0 && outcome.code !== 'InvalidInput')
            passedToEcwid.push(`${shown} → ${outcome.message?.slice(0, 120)}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    if (process.env.HOSTILE_REPORT)
      process.stderr.write(`Refused by Ecwid rather than by the app:\n${passedToEcwid.join('\n')}\n`);
  }, 120_000);
});
