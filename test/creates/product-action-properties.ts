/**
 * Property tests shared by Create Product, Update Product and Adjust Product Stock: hundreds of random inputs each, every
 * one giving exactly the requests a careful human would send, or an input error naming a wrong field with nothing
 * sent — never another exception, never a request with an invalid body. Expectations come from how each input was
 * generated, not from the app's code.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import adjustProductStock from '../../creates/adjust_product_stock.js';
import createProduct from '../../creates/create_product.js';
import updateProduct from '../../creates/update_product.js';
import { MAX_STOCK, PRODUCT_LABELS as L } from '../../lib/catalog/product-writes.js';
import { bundleFor, offline, perform, resetEnv, shownMessage } from '../helpers.js';
import { bad, blank, inputOf, mostlyValid, notYesNo, omitted, yesNoValues, type Piece } from './input-pieces.js';
import { namedField, recordEcwid, recordingZ, tallyRuns, type Seen, type Tally } from './record-ecwid.js';

const RUNS = 300;
const HTTP_RUNS = 15;
const LABELS = Object.values(L);
const NOTHING_TO_CHANGE = /^Nothing to change: fill in at least one of /;

// ─── Generators: each piece is what Zapier hands over, and what a careful human would send for it ──────────

const mostly = mostlyValid(10);
/** The same value as Zapier may pass it: a number, its text, or its text padded. */
const shapes = (n: number): fc.Arbitrary<unknown> => fc.constantFrom<unknown>(n, String(n), ` ${n} `);

const someText = fc
  .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
  .filter((t) => t.trim() !== '')
  .map((t): Piece => ({ input: ` ${t}\n`, sent: t.trim() }));
const html = fc
  .array(fc.constantFrom('<p>', '</p>', '<b>Bold</b>', 'Light & grippy', '<ul><li>1</li></ul>', '\n', ' '), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''))
  .filter((t) => t.trim() !== '')
  .map((t): Piece => ({ input: t, sent: t.trim() }));
const text = mostly(
  [someText, fc.integer({ min: 0, max: 99999 }).map((n) => ({ input: n, sent: String(n) })), omitted()],
  bad({ en: 'x' }, ['a', 'b']),
);
const description = mostly([html, omitted()], bad({ html: '<p>' }, ['<p>a</p>', '<p>b</p>']));

const money = mostly(
  [
    fc
      .integer({ min: 0, max: 10_000_000 })
      .chain((cents) => shapes(cents / 100).map((input) => ({ input, sent: cents / 100 }))),
    omitted(),
  ],
  bad(-1, '-0.5', '12,50', '$5', '1e3', 'ten', { amount: 1 }, Number.NaN),
);
const yesNo = mostly([yesNoValues, omitted()], notYesNo);
const quantity = mostly(
  [fc.integer({ min: 0, max: MAX_STOCK }).chain((n) => shapes(n).map((input) => ({ input, sent: n }))), omitted()],
  bad(-1, '2.5', 'ten', MAX_STOCK + 1, { n: 1 }),
);
const categoryIds = mostly(
  [
    fc
      .uniqueArray(fc.integer({ min: 1, max: 1e9 }), { minLength: 1, maxLength: 4 })
      .chain((ids) =>
        fc.constantFrom<unknown>(ids.map(String), ids, ids.join(', ')).map((input) => ({ input, sent: ids })),
      ),
    omitted(),
  ],
  bad('Shoes', ['12', 'Shoes'], '-3', '1.5'),
);
const productId = mostly(
  [fc.integer({ min: 1, max: 1e12 }).chain((id) => shapes(id).map((input) => ({ input, sent: id })))],
  fc.oneof(
    bad('Enamel Mug', '0', '-5', '1.5', '../1', { id: 1 }),
    blank.map((input) => ({ input, invalid: true as const })),
  ),
);
const quantityDelta = mostly(
  [
    fc
      .integer({ min: -MAX_STOCK, max: MAX_STOCK })
      .filter((n) => n !== 0)
      .chain((n) => shapes(n).map((input) => ({ input, sent: n }))),
  ],
  fc.oneof(
    bad(0, '0', '-0', '1.5', 'minus 2', 3e9, -3e9, MAX_STOCK + 1, -MAX_STOCK - 1),
    blank.map((input) => ({ input, invalid: true as const })),
  ),
);

type Scenario = Record<string, Piece>;
const invalidOf = (s: Scenario): Set<string> =>
  new Set(
    Object.entries(s)
      .filter(([, piece]) => piece.invalid)
      .map(([key]) => L[key as keyof typeof L]),
  );
const sentOf = (s: Scenario, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((key) => s[key].sent !== undefined).map((key) => [key, s[key].sent]));

// ─── The oracles ────────────────────────────────────────────────────────────────────────────────────────

const createScenario = fc.record({
  name: mostly(
    [someText, someText, fc.integer({ min: 0, max: 999 }).map((n) => ({ input: n, sent: String(n) }))],
    fc.oneof(
      bad({ en: 'x' }),
      blank.map((input) => ({ input, invalid: true as const })),
    ),
  ),
  sku: text,
  price: money,
  compareToPrice: money,
  quantity,
  unlimited: yesNo,
  categoryIds,
  description,
  enabled: yesNo,
});

type Expected = {
  invalid: Set<string>;
  requests?: Array<[string, string, unknown]>;
  nothingToChange?: true;
  check?: (result: any) => void;
};

const createExpectation = (s: Scenario): Expected => {
  const invalid = invalidOf(s);
  // A quantity with "Unlimited Stock: yes" cannot both hold; the error names the quantity.
  if (s.quantity.sent !== undefined && s.unlimited.sent === true) invalid.add(L.quantity);
  const body: Record<string, unknown> = sentOf(s, ['name', 'sku', 'price', 'compareToPrice', 'description']);
  if (s.quantity.sent !== undefined) Object.assign(body, { quantity: s.quantity.sent, unlimited: false });
  else if (s.unlimited.sent === false) Object.assign(body, { quantity: 0, unlimited: false });
  else body.unlimited = true;
  if (s.categoryIds.sent !== undefined) body.categoryIds = s.categoryIds.sent;
  body.enabled = s.enabled.sent ?? true;
  return {
    invalid,
    requests: [
      ['POST', '/products', body],
      ['GET', '/products/777', undefined],
    ],
    check: (result) => expect(result).toMatchObject({ id: 777, name: body.name }),
  };
};

const updateScenario = fc.record({
  productId,
  price: money,
  compareToPrice: money,
  enabled: yesNo,
  name: text,
  sku: text,
  description,
});

const updateExpectation = (s: Scenario): Expected => {
  const invalid = invalidOf(s);
  const body = sentOf(s, ['price', 'compareToPrice', 'enabled', 'name', 'sku', 'description']);
  const id = s.productId.sent;
  if (invalid.size === 0 && Object.keys(body).length === 0) return { invalid, nothingToChange: true };
  return {
    invalid,
    requests: [
      ['PUT', `/products/${id}`, body],
      ['GET', `/products/${id}`, undefined],
    ],
    check: (result) => expect(result).toMatchObject({ id }),
  };
};

const adjustScenario = fc.record({ productId, quantityDelta });
const STOCK_BEFORE = 100;

const adjustExpectation = (s: Scenario): Expected => {
  const id = s.productId.sent;
  const delta = s.quantityDelta.sent as number;
  return {
    invalid: invalidOf(s),
    requests: [
      ['GET', `/products/${id}`, undefined],
      ['PUT', `/products/${id}/inventory`, { quantityDelta: delta }],
      ['GET', `/products/${id}`, undefined],
    ],
    check: (result) =>
      expect(result).toMatchObject({ id, quantity: STOCK_BEFORE + delta, quantityDelta: delta, warning: '' }),
  };
};

/** An Ecwid that keeps one product: POST gives id 777, PUTs change it, the inventory endpoint adds the delta. */
const oneProductStore = () => {
  let product: Record<string, unknown> = { quantity: STOCK_BEFORE, unlimited: false, name: 'Mug' };
  return ({ method, path, body }: Seen): [number, unknown] => {
    const id = Number(path.split('/')[2]);
    if (method === 'POST') {
      product = { ...(body as object) };
      return [200, { id: 777 }];
    }
    if (method === 'PUT' && path.endsWith('/inventory')) {
      product = { ...product, quantity: Number(product.quantity) + (body as { quantityDelta: number }).quantityDelta };
      return [200, { updateCount: 1 }];
    }
    if (method === 'PUT') {
      product = { ...product, ...(body as object) };
      return [200, { updateCount: 1 }];
    }
    return [200, { ...product, id: path === '/products/777' ? 777 : id }];
  };
};

type ProductActionKey = 'create_product' | 'update_product' | 'adjust_product_stock';

const PERFORMS: Record<ProductActionKey, (z: any, bundle: any) => Promise<unknown>> = {
  create_product: createProduct.operation.perform as any,
  update_product: updateProduct.operation.perform as any,
  adjust_product_stock: adjustProductStock.operation.perform as any,
};

type Outcome = { seen: Seen[]; result?: any; error?: Error };
type Runner = (key: ProductActionKey, input: Record<string, unknown>) => Promise<Outcome>;

const direct: Runner = async (key, input) => {
  const { z, seen } = recordingZ(oneProductStore());
  try {
    return { seen, result: await PERFORMS[key](z, bundleFor(input)) };
  } catch (error) {
    return { seen, error: error as Error };
  }
};
const throughHttp: Runner = async (key, input) => {
  nock.cleanAll();
  const seen = recordEcwid(oneProductStore());
  try {
    return { seen, result: await perform('creates', key, bundleFor(input)) };
  } catch (error) {
    return { seen, error: error as Error };
  }
};

const expectInputError = (outcome: Outcome, among: readonly string[] | RegExp) => {
  expect(outcome.error?.name).toBe('AppError');
  expect(JSON.parse(String(outcome.error?.message)).code).toBe('InvalidInput');
  const message = shownMessage(outcome.error);
  if (among instanceof RegExp) expect(message).toMatch(among);
  else expect(among).toContain(namedField(message, LABELS));
  expect(outcome.seen).toEqual([]);
};

const property = (
  key: ProductActionKey,
  scenario: fc.Arbitrary<Scenario>,
  expectation: (s: Scenario) => Expected,
  run: Runner,
  tally: Tally,
) =>
  fc.asyncProperty(scenario, async (s) => {
    const expected = expectation(s);
    const outcome = await run(key, inputOf(s));
    if (expected.invalid.size > 0) {
      tally.refused += 1;
      expectInputError(outcome, [...expected.invalid]);
      return;
    }
    if (expected.nothingToChange) {
      tally.refused += 1;
      expectInputError(outcome, NOTHING_TO_CHANGE);
      return;
    }
    tally.sent += 1;
    expect(outcome.error).toBeUndefined();
    expect(outcome.seen.map((r) => [r.method, r.path, r.body])).toEqual(expected.requests);
    expect(outcome.seen.every((r) => Object.keys(r.query).length === 0)).toBe(true);
    expected.check?.(outcome.result);
  });

const CASES: Array<[ProductActionKey, fc.Arbitrary<Scenario>, (s: Scenario) => Expected]> = [
  ['create_product', createScenario, createExpectation],
  ['update_product', updateScenario, updateExpectation],
  ['adjust_product_stock', adjustScenario, adjustExpectation],
];

/** What a sent body may hold, whatever the input: the field's type and range as Ecwid takes them. */
const BODY_RULES: Record<string, (value: unknown) => boolean> = {
  name: (v) => typeof v === 'string' && v !== '' && v.trim() === v,
  sku: (v) => typeof v === 'string' && v !== '' && v.trim() === v,
  description: (v) => typeof v === 'string' && v !== '' && v.trim() === v,
  price: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  compareToPrice: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  quantity: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_STOCK,
  quantityDelta: (v) => Number.isInteger(v) && v !== 0 && Math.abs(v as number) <= MAX_STOCK,
  unlimited: (v) => typeof v === 'boolean',
  enabled: (v) => typeof v === 'boolean',
  categoryIds: (v) =>
    Array.isArray(v) && v.length > 0 && v.every((id) => Number.isInteger(id) && id > 0) && new Set(v).size === v.length,
};

/**
 * The property tests of product action `key` (for its own test file): generated inputs give exactly the requests
 * a careful human would send, or an input error naming a wrong field with nothing sent.
 */
export const checkProductActionProperties = (key: ProductActionKey): void => {
  const [, scenario, expectation] = CASES.find(([caseKey]) => caseKey === key)!;
  beforeEach(() => {
    offline();
    resetEnv();
  });
  afterEach(() => nock.cleanAll());

  describe(`${key}: random inputs`, () => {
    test(`${RUNS} generated inputs: the exact requests, or an error naming a wrong field, and nothing sent`, async () => {
      const tally = await tallyRuns((t) => property(key, scenario, expectation, direct, t), RUNS);
      expect(tally.sent).toBeGreaterThan(RUNS / 10);
      expect(tally.refused).toBeGreaterThan(RUNS / 20);
    });

    test(`${HTTP_RUNS} generated inputs through the middleware and HTTP: the same, as sent on the wire`, async () => {
      const tally = await tallyRuns((t) => property(key, scenario, expectation, throughHttp, t), HTTP_RUNS);
      expect(tally.sent).toBeGreaterThan(0);
    });
  });

  describe(`${key}: inputs of any shape`, () => {
    test(`${RUNS} inputs: a valid body or an error naming a field, never another exception`, async () => {
      const keys =
        key === 'create_product'
          ? ['name', 'sku', 'price', 'compareToPrice', 'quantity', 'unlimited', 'categoryIds', 'description', 'enabled']
          : key === 'update_product'
            ? ['productId', 'price', 'compareToPrice', 'enabled', 'name', 'sku', 'description']
            : ['productId', 'quantityDelta'];
      const anyValue = fc.oneof(
        fc.anything(),
        fc.string(),
        fc.constantFrom<unknown>('12', '-3', '0', 'yes', 'no', '', ' ', '1,2', 7, -7, 0.5),
      );
      const anyInput = fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] });
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          const outcome = await direct(key, input);
          if (outcome.error) {
            const message = shownMessage(outcome.error);
            expectInputError(outcome, NOTHING_TO_CHANGE.test(message) ? NOTHING_TO_CHANGE : LABELS);
            return;
          }
          const write = outcome.seen.find((r) => r.method !== 'GET');
          expect(write).toBeDefined();
          for (const [field, value] of Object.entries(write!.body as object)) {
            expect({ field, ok: BODY_RULES[field]?.(value) ?? false }).toEqual({ field, ok: true });
          }
          expect(write!.path).toMatch(/^\/products(\/[1-9]\d*(\/inventory)?)?$/);
        }),
        { numRuns: RUNS },
      );
    });
  });
};
