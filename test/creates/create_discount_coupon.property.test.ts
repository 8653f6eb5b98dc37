/**
 * Property tests for Create Discount Coupon: hundreds of random inputs, each either gives exactly the request a
 * careful human would send, or an input error naming a field — never another exception, never a request with an
 * invalid body. The expectations are computed here, from how each input was generated, not by the app's code.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { COUPON_LABELS } from '../../lib/coupons/coupons.js';
import { shownMessage, useOfflineEcwid } from '../helpers.js';
import { bad, blank, inputOf, mostlyValid, omitted, type Piece } from './input-pieces.js';
import { createRunners, expectRefusedOrSent, namedField, tallyRuns, type Seen, type Tally } from './record-ecwid.js';

useOfflineEcwid();

const RUNS = 1000;
const HTTP_RUNS = 100;
const L = COUPON_LABELS;
const LABELS = Object.values(L);

/** Any field's piece, as the oracle reads it (dates carry their instant, "One Coupon Per" whether it is set). */
type AnyPiece = Piece<any> & { ms?: number; dateOnly?: boolean; set?: boolean };
/** With 15 fields, every run would be refused if wrong values were as common as valid ones. */
const mostly = mostlyValid<AnyPiece>(16);
const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((ups) => [...text].map((ch, i) => (ups[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

// ── Generators ──────────────────────────────────────────────────────────────────────────────────────────

const name = mostly(
  [
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), fc.constantFrom('', ' ', '\t', '  \n'))
      .filter(([text]) => text.trim() !== '')
      .map(([text, pad]) => ({ input: pad + text + pad, sent: text.trim() })),
    fc.integer({ min: 1, max: 99999 }).map((n) => ({ input: n, sent: String(n) })),
  ],
  bad(undefined, '', '  ', null, { first: 'x' }, ['a', 'b']),
);

const TYPES = {
  PERCENT: 'Percentage off',
  ABS: 'Fixed amount off',
  SHIPPING: 'Free shipping',
  PERCENT_AND_SHIPPING: 'Percentage off and free shipping',
  ABS_AND_SHIPPING: 'Fixed amount off and free shipping',
} as const;
type Type = keyof typeof TYPES;

/** A dropdown value: Ecwid's code or the plain words, in any case; blank (when allowed); or a word that is neither. */
const choice = (words: Record<string, string>, junk: string[], { required = false } = {}) =>
  mostly(
    [
      fc.constantFrom(...Object.keys(words)).chain((code) => randomCase(code).map((input) => ({ input, sent: code }))),
      fc
        .constantFrom(...Object.keys(words))
        .chain((code) => randomCase(words[code]).map((input) => ({ input, sent: code }))),
      ...(required ? [] : [omitted()]),
    ],
    fc.oneof(bad(...junk), ...(required ? [omitted()] : [])),
  );

const discountType = choice(TYPES, ['half off', 'PERCENTAGE', 'free', 'ABS_SHIPPING', 'percent off'], {
  required: true,
});

/** Numbers as Zapier may pass them: a number, a decimal text with spaces around, blank, or not a plain decimal. */
const amount = mostly(
  [
    fc.integer({ min: -500, max: 25000 }).map((cents) => ({ input: cents / 100, sent: cents / 100 })),
    fc
      .integer({ min: -500, max: 25000 })
      .map((cents) => ({ input: ` ${(cents / 100).toFixed(2)} `, sent: cents / 100 })),
    fc.integer({ min: 0, max: 120 }).map((n) => ({ input: String(n), sent: n })),
    omitted(),
  ],
  bad(
    '10%',
    'abc',
    '1,5',
    '$5',
    'NaN',
    '--1',
    '1e3',
    'Infinity',
    '12.5.1',
    { value: 5 },
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
);

const status = choice({ ACTIVE: 'Active', PAUSED: 'Paused' }, ['EXPIRED', 'USEDUP', 'on', 'enabled']);
const usesLimit = choice(
  { UNLIMITED: 'Unlimited', ONCEPERCUSTOMER: 'Once per customer', SINGLE: 'Single use (one order in total)' },
  ['twice', 'ONCE'],
);
const applicationLimit = choice(
  {
    UNLIMITED: 'All customers',
    NEW_CUSTOMER_ONLY: 'New customers only',
    REPEAT_CUSTOMER_ONLY: 'Returning customers only',
  },
  ['VIP', 'NEW'],
);

const two = (n: number) => String(n).padStart(2, '0');
/** "yyyy-MM-dd HH:mm:ss" of an instant as seen at `offsetMinutes` from UTC — written out by hand. */
const wallClock = (ms: number, offsetMinutes: number, separator: string) => {
  const d = new Date(ms + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}${separator}${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};
const offsetText = (minutes: number, colon: boolean) =>
  `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}${colon ? ':' : ''}${two(Math.abs(minutes) % 60)}`;
/** What Ecwid must receive: UTC, "yyyy-MM-dd HH:mm:ss +0000". */
const ecwidUtc = (ms: number) => `${wallClock(ms, 0, ' ')} +0000`;

const SECOND = 1000;
const DAY = 86_400_000;
const instant = fc.integer({ min: 946_684_800, max: 4_102_444_799 }).map((s) => s * SECOND);
const offsetMinutes = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);
const date = mostly(
  [
    instant.map((ms) => ({ input: new Date(ms).toISOString(), ms })),
    fc
      .tuple(instant, offsetMinutes, fc.boolean())
      .map(([ms, off, colon]) => ({ input: `${wallClock(ms, off, 'T')}${offsetText(off, colon)}`, ms })),
    fc.tuple(instant, fc.constantFrom('T', ' ')).map(([ms, sep]) => ({ input: wallClock(ms, 0, sep), ms })),
    fc
      .tuple(instant, offsetMinutes)
      .map(([ms, off]) => ({ input: `${wallClock(ms, off, ' ')} ${offsetText(off, false)}`, ms })),
    fc
      .tuple(instant, fc.integer({ min: 0, max: 999 }))
      .map(([ms, extra]) => ({ input: `${wallClock(ms, 0, 'T')}.${String(extra).padStart(3, '0')}Z`, ms })),
    instant.map((ms) => ({ input: String(ms / SECOND), ms })),
    instant.map((ms) => ({ input: ms, ms })),
    instant
      .map((ms) => ms - (ms % DAY))
      .map((ms) => ({ input: wallClock(ms, 0, ' ').slice(0, 10), ms, dateOnly: true })),
    omitted(),
    omitted(),
  ],
  bad(
    '12',
    'foo 2024',
    '2024-02-30',
    '2023-13-01',
    '99999',
    'next tuesday',
    '2024-06-05T25:00:00Z',
    '1969-07-20T20:17:00Z',
    '31/12/2024',
    { date: '2025-01-01' },
  ),
);

const ids = mostly(
  [
    omitted(),
    fc.array(fc.integer({ min: 1, max: 999_999_999_999 }), { minLength: 1, maxLength: 6 }).chain((list) =>
      fc
        .constantFrom<unknown>(
          list.map(String),
          list,
          list.join(', '),
          [...list, list[0]].map(String), // a duplicate is dropped
        )
        .map((input) => ({ input, sent: [...new Set(list)] })),
    ),
  ],
  bad(['abc'], ['12', '0'], ['-3'], '1.5', ['12', 'Sneakers (SNK-1)'], [{ id: 1 }]),
);

const shippingMethods = mostly([
  omitted(),
  omitted(),
  fc
    .uniqueArray(
      fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1, max: 1e12 })).map(([a, b]) => `${a}-${b}`),
      { minLength: 1, maxLength: 4 },
    )
    .chain((list) =>
      fc
        .constantFrom<unknown>(
          list,
          list.join(','),
          list.map((m) => ` ${m} `),
        )
        .map((input) => ({ input, sent: list })),
    ),
]);

const CODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const codeText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...CODE_CHARS), { minLength: min, maxLength: max }).map((chars) => chars.join(''));
const code = mostly(
  [
    omitted(),
    fc
      .tuple(codeText(1, 128), fc.constantFrom('', ' '))
      .map(([text, pad]) => ({ input: pad + text + pad, sent: text })),
  ],
  fc
    .oneof(
      codeText(129, 140),
      fc.tuple(codeText(1, 10), fc.constantFrom(' ', '!', 'é', '.', '/', '%'), codeText(1, 10)).map((p) => p.join('')),
    )
    .map((input) => ({
      input,
      invalid: true as const,
    })),
);
const prefix = mostly(
  [omitted().map((p) => ({ ...p, sent: '' })), codeText(1, 116).map((text) => ({ input: text, sent: text }))],
  fc
    .oneof(codeText(117, 125), fc.constantFrom('WELCOME 10', 'Café', 'a.b'))
    .map((input) => ({ input, invalid: true as const })),
);
const uniqueFor = mostly([
  blank.map((input) => ({ input, set: false })),
  fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((s) => s.trim() !== '')
    .map((input) => ({ input, set: true })),
]);

const scenario = fc.record({
  name,
  discountType,
  discount: amount,
  status,
  launchDate: date,
  expirationDate: date,
  totalLimit: amount,
  usesLimit,
  applicationLimit,
  productIds: ids,
  categoryIds: ids,
  shippingMethods,
  code,
  codePrefix: prefix,
  uniqueFor,
});
type Scenario = Record<keyof typeof COUPON_LABELS, AnyPiece>;

// ── The oracle: what a careful human would send, or which fields are wrong ─────────────────────────────

const PERCENT: Type[] = ['PERCENT', 'PERCENT_AND_SHIPPING'];
const WITH_SHIPPING: Type[] = ['SHIPPING', 'PERCENT_AND_SHIPPING', 'ABS_AND_SHIPPING'];

const expectation = (s: Scenario): { invalid: Set<string>; body: Record<string, unknown>; codePattern?: RegExp } => {
  const invalid = new Set<string>();
  const body: Record<string, unknown> = {};
  const take = (label: string, piece: AnyPiece, key?: string) => {
    if (piece.invalid) invalid.add(label);
    else if (key && piece.sent !== undefined) body[key] = piece.sent;
  };
  if (s.name.invalid) invalid.add(L.name);
  else body.name = s.name.sent;

  const type = s.discountType.sent as Type | undefined;
  if (s.discountType.invalid || !type) invalid.add(L.discountType);
  else {
    body.discountType = type;
    const d = s.discount;
    if (d.invalid) invalid.add(L.discount);
    else if (type === 'SHIPPING') {
      if (d.sent !== undefined && d.sent !== 0) invalid.add(L.discount);
    } else if (d.sent === undefined || d.sent < 0 || (PERCENT.includes(type) && d.sent > 100)) invalid.add(L.discount);
    else body.discount = d.sent;
  }
  take(L.status, s.status, 'status');
  if (!s.status.invalid && s.status.sent === undefined) body.status = 'ACTIVE';

  const launch = s.launchDate;
  const end = s.expirationDate;
  if (launch.invalid) invalid.add(L.launchDate);
  else if (launch.ms !== undefined) body.launchDate = ecwidUtc(launch.ms);
  // A plain end date means the end of that day, UTC.
  const endMs = end.ms === undefined ? undefined : end.dateOnly ? end.ms + DAY - SECOND : end.ms;
  if (end.invalid) invalid.add(L.expirationDate);
  else if (endMs !== undefined) {
    if (launch.ms !== undefined && !launch.invalid && Math.floor(endMs / SECOND) <= Math.floor(launch.ms / SECOND))
      invalid.add(L.expirationDate);
    body.expirationDate = ecwidUtc(endMs);
  }
  const limit = s.totalLimit;
  if (limit.invalid || (limit.sent !== undefined && limit.sent < 0)) invalid.add(L.totalLimit);
  else if (limit.sent !== undefined) body.totalLimit = limit.sent;
  take(L.usesLimit, s.usesLimit, 'usesLimit');
  take(L.applicationLimit, s.applicationLimit, 'applicationLimit');

  const products = s.productIds;
  const categories = s.categoryIds;
  if (products.invalid) invalid.add(L.productIds);
  if (categories.invalid) invalid.add(L.categoryIds);
  if (!products.invalid && !categories.invalid && (products.sent || categories.sent)) {
    body.catalogLimit = { products: products.sent ?? [], categories: categories.sent ?? [] };
  }
  if (s.shippingMethods.sent) {
    if (type && !WITH_SHIPPING.includes(type)) invalid.add(L.shippingMethods);
    body.shippingLimit = { shippingMethods: s.shippingMethods.sent };
  }

  let codePattern: RegExp | undefined;
  if (s.code.invalid) invalid.add(L.code);
  else if (s.code.sent !== undefined) body.code = s.code.sent;
  else if (s.codePrefix.invalid) invalid.add(L.codePrefix);
  else
    codePattern = new RegExp(
      `^${String(s.codePrefix.sent).replace(/[-]/g, '\\-')}[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$`,
    );
  return { invalid, body, codePattern };
};

/** Ecwid as the create sees it: POST gives an id, GET gives back what was posted. */
const couponStore = () => {
  let posted: object = {};
  return ({ method, body }: Seen): [number, unknown] => {
    if (method === 'POST') {
      posted = body as object;
      return [200, { id: 4242, code: (body as { code: string }).code }];
    }
    return [200, { id: 4242, ...posted }];
  };
};

const { direct, throughHttp } = createRunners('create_discount_coupon', couponStore);

/** The property: the exact request, or an input error naming one of the wrong fields and nothing sent. */
const checkScenario = (run: typeof direct, tally: Tally) =>
  fc.asyncProperty(scenario, async (s) => {
    const { invalid, body, codePattern } = expectation(s);
    const outcome = await run(inputOf(s));
    if (!expectRefusedOrSent(outcome, invalid, LABELS, tally)) return;
    const { seen, result } = outcome;
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /discount_coupons', 'GET /discount_coupons/4242']);
    expect(seen.map((r) => r.query)).toEqual([{}, {}]);
    const posted = seen[0].body as Record<string, unknown>;
    if (codePattern) {
      expect(posted.code).toMatch(codePattern);
      body.code = posted.code;
    }
    expect(posted).toEqual(JSON.parse(JSON.stringify(body)));
    expect(result).toMatchObject({ id: 4242, code: posted.code });
  });

describe('create_discount_coupon: random inputs', () => {
  test(`${RUNS} generated inputs: the exact request, or an error naming a wrong field, and nothing sent`, async () => {
    const tally = await tallyRuns((t) => checkScenario(direct, t), RUNS);
    // Both outcomes were really exercised.
    expect(tally.sent).toBeGreaterThan(RUNS / 20);
    expect(tally.refused).toBeGreaterThan(RUNS / 4);
    if (process.env.SHOW_TALLY) console.log(tally);
  });

  test(`${HTTP_RUNS} generated inputs through the middleware and HTTP: the same, as sent on the wire`, async () => {
    const tally = await tallyRuns((t) => checkScenario(throughHttp, t), HTTP_RUNS);
    expect(tally.sent).toBeGreaterThan(0);
  }, 120_000);

  test('"One Coupon Per": the same value gives the same code on every run, a random code never repeats', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
        codeText(0, 12),
        async (value, codePrefix) => {
          const input = { name: 'Welcome', discountType: 'PERCENT', discount: 10, codePrefix };
          const codeOf = async (extra: Record<string, unknown>) =>
            ((await direct({ ...input, ...extra })).seen[0].body as { code: string }).code;
          const first = await codeOf({ uniqueFor: value });
          expect(await codeOf({ uniqueFor: ` ${value.toUpperCase()} ` })).toBe(first);
          expect(await codeOf({})).not.toBe(await codeOf({}));
        },
      ),
      { numRuns: RUNS },
    );
  });

  const anyValue = fc.oneof(
    fc.anything(),
    fc.string(),
    fc.double(),
    fc.constantFrom<unknown>('ABS', 'percent', 'SHIPPING', 'ACTIVE', '2025-06-01', '12', '', ' '),
  );
  const anyInput = fc.record(
    Object.fromEntries(Object.keys(COUPON_LABELS).map((key) => [key, anyValue])) as Record<
      keyof typeof COUPON_LABELS,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  );

  /** What any body Ecwid receives must satisfy, checked without the app's code. */
  const assertValidBody = (body: Record<string, any>) => {
    const allowed = [
      'name',
      'code',
      'discountType',
      'status',
      'discount',
      'launchDate',
      'expirationDate',
      'totalLimit',
      'usesLimit',
      'applicationLimit',
      'catalogLimit',
      'shippingLimit',
    ];
    expect(Object.keys(body).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(typeof body.name === 'string' && body.name.trim() === body.name && body.name !== '').toBe(true);
    expect(body.code).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
    expect(Object.keys(TYPES)).toContain(body.discountType);
    expect(['ACTIVE', 'PAUSED']).toContain(body.status);
    if (body.discountType === 'SHIPPING') expect(body.discount).toBeUndefined();
    else
      expect(
        Number.isFinite(body.discount) &&
          body.discount >= 0 &&
          (!PERCENT.includes(body.discountType) || body.discount <= 100),
      ).toBe(true);
    for (const key of ['launchDate', 'expirationDate'])
      if (key in body) expect(body[key]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/);
    if (body.launchDate && body.expirationDate) expect(body.expirationDate > body.launchDate).toBe(true);
    if ('totalLimit' in body) expect(Number.isFinite(body.totalLimit) && body.totalLimit >= 0).toBe(true);
    if ('catalogLimit' in body) {
      for (const list of [body.catalogLimit.products, body.catalogLimit.categories]) {
        expect(list.every((id: unknown) => Number.isInteger(id) && (id as number) > 0)).toBe(true);
      }
    }
    if ('shippingLimit' in body) {
      expect(WITH_SHIPPING).toContain(body.discountType);
      expect(
        body.shippingLimit.shippingMethods.every((m: unknown) => typeof m === 'string' && m.trim() === m && m !== ''),
      ).toBe(true);
    }
  };

  test(`${RUNS} inputs of any shape: a valid body or an error naming a field, never another exception`, async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const { seen, error } = await direct(input);
        if (error) {
          expect(error.name).toBe('AppError');
          expect(LABELS).toContain(namedField(shownMessage(error), LABELS));
          expect(seen).toEqual([]);
        } else {
          expect(seen[0].method).toBe('POST');
          assertValidBody(seen[0].body as Record<string, any>);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
