/**
 * Property tests for Create Customer: hundreds of random inputs, each either gives exactly the requests a careful
 * human would send (look the email up, POST the customer, read it back), or an input error naming a field — never
 * another exception, never a request with an invalid body. Expectations come from how each input was generated.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { CUSTOMER_LABELS } from '../../lib/customers/customers.js';
import { shownMessage, useOfflineEcwid } from '../helpers.js';
import { bad, inputOf, mostlyValid, notYesNo, omitted, yesNoValues, type Piece } from './input-pieces.js';
import { createRunners, expectRefusedOrSent, namedField, tallyRuns, type Seen, type Tally } from './record-ecwid.js';

useOfflineEcwid();

const RUNS = 1000;
const HTTP_RUNS = 100;
const L = CUSTOMER_LABELS;
const LABELS = Object.values(L);

const mostly = mostlyValid(12);

const word = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((list) => list.join(''));
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const email = mostly(
  [
    fc
      .tuple(
        fc.array(word(ALNUM + '_+-', 1, 8), { minLength: 1, maxLength: 3 }),
        fc.array(word(ALNUM + '-', 1, 10), { minLength: 1, maxLength: 3 }),
        word('abcdefghijklmnopqrstuvwxyz', 2, 6),
        fc.constantFrom('', ' ', '\t'),
      )
      .map(([local, domain, tld, pad]) => {
        const address = `${local.join('.')}@${domain.join('.')}.${tld}`;
        return { input: pad + address + pad, sent: address };
      }),
  ],
  fc.oneof(
    bad(
      undefined,
      '',
      'jane',
      'jane@',
      '@example.com',
      'jane@example',
      'Jane <jane@example.com>',
      'a b@example.com',
      'a@b.com, c@d.com',
      'x@y.c',
      { email: 'a@b.co' },
    ),
    word('abcdefghij', 250, 260).map((local) => ({ input: `${local}@example.com`, invalid: true as const })),
  ),
);

/** A free-text address field: any text (trimmed), blank, or not text at all. */
const text = mostly(
  [
    fc
      .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
      .filter((t) => t.trim() !== '')
      .map((t) => ({ input: ` ${t}\t`, sent: t.trim() })),
    fc.integer({ min: 0, max: 99999 }).map((n) => ({ input: n, sent: String(n) })),
    omitted(),
    omitted(),
  ],
  bad({ line1: 'x' }, ['a', 'b']),
);

const countryCode = mostly(
  [
    word('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 2, 2).map((code) => ({
      input: ` ${code} `,
      sent: code.toUpperCase(),
    })),
    omitted(),
  ],
  bad('USA', 'U1', 'Deutschland', 'u', '12'),
);
const group = mostly(
  [
    fc
      .integer({ min: 0, max: 1e9 })
      .chain((id) => fc.constantFrom<unknown>(id, String(id), ` ${id} `).map((input) => ({ input, sent: id }))),
    omitted(),
  ],
  bad('Wholesale', '-1', '1.5', -3, 'VIP (12)'),
);
const marketing = mostly([yesNoValues, omitted()], notYesNo);

const scenario = fc.record({
  email,
  name: text,
  companyName: text,
  phone: text,
  street: text,
  city: text,
  stateOrProvinceCode: text,
  postalCode: text,
  countryCode,
  customerGroupId: group,
  acceptMarketing: marketing,
});
type Scenario = Record<keyof typeof CUSTOMER_LABELS, Piece>;
const PERSON = [
  'name',
  'companyName',
  'phone',
  'street',
  'city',
  'stateOrProvinceCode',
  'postalCode',
  'countryCode',
] as const;

/** The oracle: the body a careful human would POST, or the fields that are wrong. */
const expectation = (s: Scenario) => {
  const invalid = new Set<string>();
  const body: Record<string, unknown> = {};
  const person: Record<string, unknown> = {};
  for (const [key, piece] of Object.entries(s) as Array<[keyof Scenario, Piece]>) {
    if (piece.invalid) invalid.add(L[key]);
    else if (piece.sent !== undefined) ((PERSON as readonly string[]).includes(key) ? person : body)[key] = piece.sent;
  }
  if (Object.keys(person).length > 0) body.billingPerson = person;
  return { invalid, body };
};

/** An Ecwid with no customers yet: the look-up finds none, POST gives an id, GET gives back what was posted. */
const emptyStore = () => {
  let posted: object = {};
  return ({ method, path, body }: Seen): [number, unknown] => {
    if (method === 'GET' && path === '/customers')
      return [200, { total: 0, count: 0, offset: 0, limit: 100, items: [] }];
    if (method === 'POST') {
      posted = body as object;
      return [200, { id: 777 }];
    }
    return [200, { id: 777, ...posted }];
  };
};

const { direct, throughHttp } = createRunners('create_customer', emptyStore);

const checkScenario = (run: typeof direct, tally: Tally) =>
  fc.asyncProperty(scenario, async (s) => {
    const { invalid, body } = expectation(s);
    const outcome = await run(inputOf(s));
    if (!expectRefusedOrSent(outcome, invalid, LABELS, tally)) return;
    const { seen, result } = outcome;
    expect(seen.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/customers', { email: body.email, limit: '100', offset: '0' }],
      ['POST', '/customers', {}],
      ['GET', '/customers/777', {}],
    ]);
    expect(seen[1].body).toEqual(body);
    expect(result).toMatchObject({ id: 777, email: body.email });
  });

describe('create_customer: random inputs', () => {
  test(`${RUNS} generated inputs: the exact requests, or an error naming a wrong field, and nothing sent`, async () => {
    const tally = await tallyRuns((t) => checkScenario(direct, t), RUNS);
    expect(tally.sent).toBeGreaterThan(RUNS / 5);
    expect(tally.refused).toBeGreaterThan(RUNS / 10);
  });

  test(`${HTTP_RUNS} generated inputs through the middleware and HTTP: the same, as sent on the wire`, async () => {
    const tally = await tallyRuns((t) => checkScenario(throughHttp, t), HTTP_RUNS);
    expect(tally.sent).toBeGreaterThan(0);
  }, 120_000);

  test(`${RUNS} inputs of any shape: a valid body or an error naming a field, never another exception`, async () => {
    const anyValue = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.constantFrom<unknown>('jane@example.com', 'US', 'yes', '0', '', ' '),
    );
    const anyInput = fc.record(
      Object.fromEntries(Object.keys(CUSTOMER_LABELS).map((key) => [key, anyValue])) as Record<
        keyof typeof CUSTOMER_LABELS,
        fc.Arbitrary<unknown>
      >,
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const { seen, error } = await direct(input);
        if (error) {
          expect(error.name).toBe('AppError');
          expect(LABELS).toContain(namedField(shownMessage(error), LABELS));
          expect(seen).toEqual([]);
          return;
        }
        const body = seen[1].body as Record<string, any>;
        expect(
          Object.keys(body).every((k) => ['email', 'billingPerson', 'customerGroupId', 'acceptMarketing'].includes(k)),
        ).toBe(true);
        expect(body.email).toMatch(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>.]{2,}$/);
        for (const value of Object.values(body.billingPerson ?? {}))
          expect(typeof value === 'string' && value !== '' && value.trim() === value).toBe(true);
        if (body.billingPerson?.countryCode) expect(body.billingPerson.countryCode).toMatch(/^[A-Z]{2}$/);
        if ('customerGroupId' in body)
          expect(Number.isInteger(body.customerGroupId) && body.customerGroupId >= 0).toBe(true);
        if ('acceptMarketing' in body) expect(typeof body.acceptMarketing).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});
