import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { derivedCode } from '../../lib/coupons/codes.js';
import {
  CLIENT_SECRET,
  rejectionOf,
  TOKEN,
  useOfflineCreate,
  ecwidPostJson,
  expectInvalidInput,
  refusalOf,
  ecwidGet,
  ecwidApi,
} from '../helpers.js';
import { recordEcwid, type Seen } from './record-ecwid.js';

const create = useOfflineCreate('create_discount_coupon');

const EVERY_FIELD = {
  name: '  Welcome: 10% off  ',
  code: 'WELCOME-jane_42',
  discountType: 'PERCENT_AND_SHIPPING',
  discount: '10',
  status: 'PAUSED',
  launchDate: '2025-06-01T09:00:00+02:00',
  expirationDate: '2025-06-30',
  totalLimit: 50,
  usesLimit: 'SINGLE',
  applicationLimit: 'NEW_CUSTOMER_ONLY',
  productIds: ['37208342', '37208338'],
  categoryIds: '9691094, 9691095',
  shippingMethods: ['6589-1709547151586', '37151-1623844935660'],
};

/** The request a careful human would write for EVERY_FIELD, by hand. */
const EVERY_FIELD_BODY = {
  name: 'Welcome: 10% off',
  code: 'WELCOME-jane_42',
  discountType: 'PERCENT_AND_SHIPPING',
  discount: 10,
  status: 'PAUSED',
  launchDate: '2025-06-01 07:00:00 +0000',
  expirationDate: '2025-06-30 23:59:59 +0000',
  totalLimit: 50,
  usesLimit: 'SINGLE',
  applicationLimit: 'NEW_CUSTOMER_ONLY',
  catalogLimit: { products: [37208342, 37208338], categories: [9691094, 9691095] },
  shippingLimit: { shippingMethods: ['6589-1709547151586', '37151-1623844935660'] },
};

/** How Ecwid answers GET /discount_coupons/{id} for that coupon. */
const STORED = {
  id: 358845013,
  ...EVERY_FIELD_BODY,
  creationDate: '2025-05-30 10:11:12 +0000',
  updateDate: '2025-05-30 10:11:12 +0000',
  orderCount: 0,
  repeatCustomerOnly: false,
};

describe('create_discount_coupon: the request', () => {
  test('every field becomes exactly the body Ecwid documents, then the stored coupon is read back', async () => {
    ecwidPostJson('/discount_coupons', EVERY_FIELD_BODY)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, { id: 358845013, code: 'WELCOME-jane_42' });
    ecwidApi().get('/discount_coupons/358845013').reply(200, STORED);

    const result = await create(EVERY_FIELD);
    expect(result).toEqual({
      ...STORED,
      launchDate: '2025-06-01T07:00:00+00:00',
      expirationDate: '2025-06-30T23:59:59+00:00',
      creationDate: '2025-05-30T10:11:12+00:00',
      updateDate: '2025-05-30T10:11:12+00:00',
    });
  });

  test('only the required fields: name, code, type, status ACTIVE and the amount — nothing Ecwid defaults itself', async () => {
    ecwidApi()
      .post('/discount_coupons', {
        name: 'Five off',
        code: 'FIVE',
        discountType: 'ABS',
        status: 'ACTIVE',
        discount: 5,
      })
      .reply(200, { id: 1, code: 'FIVE' });
    ecwidApi()
      .get('/discount_coupons/1')
      .reply(200, { id: 1, name: 'Five off', code: 'FIVE', discountType: 'ABS', status: 'ACTIVE', discount: 5 });
    const result = await create({ name: 'Five off', code: 'FIVE', discountType: 'ABS', discount: 5 });
    // Keys Ecwid leaves out are present (Zapier's field lists need them), at Ecwid's documented defaults.
    expect(result).toMatchObject({
      id: 1,
      usesLimit: 'UNLIMITED',
      applicationLimit: 'UNLIMITED',
      totalLimit: 0,
      orderCount: 0,
    });
    expect(result).toMatchObject({
      launchDate: null,
      expirationDate: null,
      catalogLimit: { products: [], categories: [] },
      shippingLimit: { shippingMethods: [] },
    });
  });

  test('free shipping sends no discount; plain words and any case are read as the dropdown values', async () => {
    ecwidApi()
      .post('/discount_coupons', {
        name: 'Ship free',
        code: 'SHIPFREE',
        discountType: 'SHIPPING',
        status: 'PAUSED',
      })
      .reply(200, { id: 2, code: 'SHIPFREE' });
    ecwidApi().get('/discount_coupons/2').reply(200, { id: 2, code: 'SHIPFREE' });
    await create({
      name: 'Ship free',
      code: 'SHIPFREE',
      discountType: 'free shipping',
      discount: '0',
      status: 'paused',
    });
  });

  test.each([
    ['ISO with offset', '2025-06-01T09:00:00+02:00', '2025-06-01 07:00:00 +0000'],
    ['ISO in UTC with milliseconds', '2025-06-01T07:00:00.999Z', '2025-06-01 07:00:00 +0000'],
    ['ISO without offset (read as UTC)', '2025-06-01T07:00:00', '2025-06-01 07:00:00 +0000'],
    ["Ecwid's own format", '2025-06-01 12:30:00 +0530', '2025-06-01 07:00:00 +0000'],
    ['unix seconds', '1748761200', '2025-06-01 07:00:00 +0000'],
    ['unix milliseconds', 1748761200000, '2025-06-01 07:00:00 +0000'],
    ['a plain date (midnight UTC)', '2025-06-01', '2025-06-01 00:00:00 +0000'],
    ["Xero's JSON date", '/Date(1748761200000+0000)/', '2025-06-01 07:00:00 +0000'],
  ])('Valid From as %s is sent in UTC', async (_name, input, sent) => {
    ecwidApi()
      .post('/discount_coupons', {
        name: 'N',
        code: 'C',
        discountType: 'ABS',
        status: 'ACTIVE',
        discount: 1,
        launchDate: sent,
      })
      .reply(200, { id: 3, code: 'C' });
    ecwidApi().get('/discount_coupons/3').reply(200, { id: 3, code: 'C' });
    await create({ name: 'N', code: 'C', discountType: 'ABS', discount: 1, launchDate: input });
  });
});

describe('create_discount_coupon: codes', () => {
  const GENERATED = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$/;

  const createAndSeeCode = async (input: Record<string, unknown>): Promise<string> => {
    const seen = recordEcwid(({ method, body }) =>
      method === 'POST' ? [200, { id: 9, code: (body as { code: string }).code }] : [200, { id: 9 }],
    );
    await create({ name: 'Welcome: 10% off', discountType: 'PERCENT', discount: 10, ...input });
    nock.cleanAll();
    return (seen.find((s) => s.method === 'POST')?.body as { code: string }).code;
  };

  test('a blank code gets a random, readable one (no 0/O, 1/I), after the prefix', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add(await createAndSeeCode({ code: '   ', codePrefix: 'WELCOME' }));
    expect(codes.size).toBe(5);
    for (const code of codes) expect(code).toMatch(/^WELCOME[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$/);
    expect(await createAndSeeCode({})).toMatch(GENERATED);
  });

  test('"One Coupon Per" gives the same code for the same value, whatever its case or spaces', async () => {
    const first = await createAndSeeCode({ uniqueFor: 'Contact-42@Example.com', codePrefix: 'WELCOME' });
    const again = await createAndSeeCode({ uniqueFor: '  contact-42@example.com ', codePrefix: 'WELCOME' });
    const other = await createAndSeeCode({ uniqueFor: 'contact-43@example.com', codePrefix: 'WELCOME' });
    expect(first).toBe(again);
    expect(other).not.toBe(first);
    // Pinned: changing the derivation would give every merchant's contacts a second coupon.
    expect(first).toBe('WELCOMES5MBGGMFR5DN');
    expect(first).toBe(derivedCode(CLIENT_SECRET, '1003', 'WELCOME', 'Welcome: 10% off', 'contact-42@example.com'));
  });

  test('the derived code depends on the store and the coupon name, and cannot be computed without the secret', () => {
    const base = derivedCode(CLIENT_SECRET, '1003', '', 'Welcome', 'jane@example.com');
    expect(derivedCode(CLIENT_SECRET, '1004', '', 'Welcome', 'jane@example.com')).not.toBe(base);
    expect(derivedCode(CLIENT_SECRET, '1003', '', 'Birthday', 'jane@example.com')).not.toBe(base);
    expect(derivedCode('another-secret', '1003', '', 'Welcome', 'jane@example.com')).not.toBe(base);
    expect(base).toMatch(GENERATED);
  });

  test('a code the merchant typed wins over the prefix and "One Coupon Per"', async () => {
    expect(await createAndSeeCode({ code: ' VIP_2025 ', codePrefix: 'bad prefix!', uniqueFor: 'x' })).toBe('VIP_2025');
  });
});

/**
 * A tiny Ecwid for retries: keeps coupons, refuses a taken code with 409, can drop the answer of the next POST
 * (the coupon is stored, the answer is a 503 — what a timeout looks like to the app).
 */
const fakeCouponStore = () => {
  const coupons: Array<Record<string, any>> = [];
  const state = { loseNextPostAnswer: false };
  const seen = recordEcwid(({ method, path, query, body }): [number, unknown] => {
    if (method === 'POST' && path === '/discount_coupons') {
      const wanted = body as Record<string, any>;
      if (coupons.some((c) => c.code.toLowerCase() === wanted.code.toLowerCase())) {
        return [409, { errorMessage: 'The coupon with the given code already exists' }];
      }
      const stored: Record<string, any> = {
        ...wanted,
        id: 1000 + coupons.length,
        orderCount: 0,
        creationDate: '2025-06-01 10:00:00 +0000',
        updateDate: '2025-06-01 10:00:00 +0000',
      };
      coupons.push(stored);
      if (state.loseNextPostAnswer) {
        state.loseNextPostAnswer = false;
        return [503, ''];
      }
      return [200, { id: stored.id, code: stored.code }];
    }
    if (method === 'GET' && path === '/discount_coupons') {
      const items = coupons.filter((c) => !query.code || c.code.toLowerCase() === query.code.toLowerCase());
      return [200, { total: items.length, count: items.length, offset: 0, limit: 100, items }];
    }
    const byId = /^\/discount_coupons\/(\d+)$/.exec(path);
    const coupon = byId && coupons.find((c) => String(c.id) === byId[1]);
    return coupon ? [200, coupon] : [404, { errorMessage: 'Not found', errorCode: 'DISCOUNT_COUPON_NOT_FOUND' }];
  });
  return { coupons, state, seen };
};

const posts = (seen: Seen[]) => seen.filter((s) => s.method === 'POST');

describe('create_discount_coupon: safe to retry', () => {
  const step = {
    name: 'Welcome',
    discountType: 'PERCENT',
    discount: 10,
    uniqueFor: 'contact-42',
    expirationDate: '2025-12-31',
  };

  test('a replayed step with "One Coupon Per" returns the first coupon and stores no second one', async () => {
    const store = fakeCouponStore();
    const first = await create(step);
    const replay = await create(step);
    expect(store.coupons).toHaveLength(1);
    expect(replay).toEqual(first);
    expect(posts(store.seen)).toHaveLength(2);
    // The 409 was resolved by looking the code up, with every query parameter pinned.
    expect(store.seen.filter((s) => s.method === 'GET' && s.path === '/discount_coupons').map((s) => s.query)).toEqual([
      { code: first.code, limit: '100', offset: '0' },
    ]);
  });

  test('a merchant-given code: the same coupon again is a retry, a different one an error naming the code', async () => {
    const store = fakeCouponStore();
    const first = await create({ name: 'VIP', code: 'VIP10', discountType: 'ABS', discount: 10 });
    expect(await create({ name: 'VIP', code: 'vip10', discountType: 'ABS', discount: 10 })).toEqual(first);
    expect(await refusalOf(create({ name: 'VIP', code: 'VIP10', discountType: 'ABS', discount: 15 }))).toBe(
      'A discount coupon with the code "VIP10" already exists in this Ecwid store with a different Discount. Change or delete it in Ecwid (Marketing → Discount Coupons), or use another Code.',
    );
    expect(store.coupons).toHaveLength(1);
  });

  test('"One Coupon Per" and other settings: the error says whose coupon it is', async () => {
    fakeCouponStore();
    await create(step);
    expect(await refusalOf(create({ ...step, discount: 20, expirationDate: '2026-01-31' }))).toMatch(
      /^A discount coupon with the code "[A-Z2-9]{12}" \(the coupon made earlier for "contact-42"\) already exists in this Ecwid store with a different Discount, Valid Until\./,
    );
  });

  test('a POST whose answer is lost (503) is looked up before Zapier retries: the stored coupon is returned', async () => {
    const store = fakeCouponStore();
    store.state.loseNextPostAnswer = true;
    const result = await create({ name: 'Random', discountType: 'ABS', discount: 5 });
    expect(store.coupons).toHaveLength(1);
    expect(result).toMatchObject({ id: 1000, code: store.coupons[0].code, discount: 5 });
  });

  test('a 503 for a coupon that did not land is left to Zapier to retry', async () => {
    ecwidApi().post('/discount_coupons').reply(503, '');
    ecwidGet('/discount_coupons', { code: 'LATER', limit: '100', offset: '0' }).reply(200, {
      total: 0,
      count: 0,
      offset: 0,
      limit: 100,
      items: [],
    });
    const error = await rejectionOf(create({ name: 'N', code: 'LATER', discountType: 'ABS', discount: 5 }));
    expect(error.name).toBe('ThrottledError');
  });

  test('a 409 whose look-up fails still names the code', async () => {
    ecwidApi().post('/discount_coupons').reply(409, { errorMessage: 'The coupon with the given code already exists' });
    ecwidGet('/discount_coupons', true).reply(500, '');
    expect(await refusalOf(create({ name: 'N', code: 'TAKEN', discountType: 'ABS', discount: 5 }))).toMatch(
      /^A discount coupon "TAKEN" already exists in this Ecwid store\./,
    );
  });

  test('once the coupon exists nothing throws: a failed read-back returns what was sent, with its id', async () => {
    ecwidApi().post('/discount_coupons').reply(200, { id: 77, code: 'KEEP' });
    ecwidApi().get('/discount_coupons/77').reply(500, '');
    const result = await create({
      name: 'N',
      code: 'KEEP',
      discountType: 'ABS',
      discount: 5,
      launchDate: '2025-06-01',
    });
    expect(result).toMatchObject({
      id: 77,
      code: 'KEEP',
      name: 'N',
      discount: 5,
      status: 'ACTIVE',
      launchDate: '2025-06-01T00:00:00+00:00',
    });
  });
});

describe('create_discount_coupon: nothing is sent when a field is wrong', () => {
  const valid = { name: 'N', code: 'C', discountType: 'PERCENT', discount: 10 };
  test.each([
    [{ name: '  ' }, 'Coupon Name is required. Fill in the field or map a value into it.'],
    [{ discountType: '' }, 'Discount Type is required. Choose what the coupon takes off.'],
    [{ discountType: 'half off' }, /^Discount Type must be one of: PERCENT \(Percentage off\), ABS/],
    [
      { discount: '150' },
      'Discount must be between 0 and 100 (a percentage) for a "Percentage off" coupon (got "150").',
    ],
    [{ discount: -1, discountType: 'ABS' }, 'Discount must be 0 or more (got "-1").'],
    [{ discount: '10%' }, 'Discount must be a number, like 10 or 12.5 (got "10%").'],
    [{ discount: '' }, 'Discount is required for a "Percentage off" coupon: the percentage off, like 10.'],
    [{ discount: 5, discountType: 'SHIPPING' }, /^Discount must be empty for a "Free shipping" coupon/],
    [{ code: 'TWO WORDS' }, 'Code must be only letters, digits, "-" and "_" (got "TWO WORDS").'],
    [{ code: 'A'.repeat(129) }, /^Code must be at most 128 characters long/],
    [{ code: '', codePrefix: 'P'.repeat(117) }, /^Code Prefix must be at most 116 characters long/],
    [{ code: '', codePrefix: 'été' }, /^Code Prefix must be only letters, digits/],
    [
      { launchDate: 'next tuesday' },
      'Valid From must be a date, like 2025-06-30 or 2025-06-30T18:00:00+02:00 (got "next tuesday").',
    ],
    [{ launchDate: '2025-02-30' }, /^Valid From must be a date/],
    [{ expirationDate: '12' }, /^Valid Until must be a date/],
    [
      { launchDate: '2025-07-01T00:00:00Z', expirationDate: '2025-06-30T23:59:59Z' },
      'Valid Until must be after Valid From (got 2025-06-30 23:59:59 +0000, which is not after 2025-07-01 00:00:00 +0000).',
    ],
    [{ totalLimit: '-5' }, 'Minimum Order Subtotal must be 0 or more (got "-5").'],
    [{ usesLimit: 'twice' }, /^Number of Uses must be one of/],
    [{ applicationLimit: 'VIPs' }, /^Eligible Customers must be one of/],
    [
      { productIds: ['Sneakers'] },
      'Products must be chosen from the dropdown (got "Sneakers", which is not an Ecwid id).',
    ],
    [{ categoryIds: '12,0' }, /^Categories must be chosen from the dropdown \(got "0"/],
    [
      { shippingMethods: ['6589-1709547151586'] },
      /^Shipping Methods apply only to coupons with free shipping; "Percentage off" has none\./,
    ],
    [{ name: { first: 'x' } }, /^Coupon Name must be a single text value/],
  ])('%p', async (change, message) => {
    const error = await expectInvalidInput(create({ ...valid, ...change }), message);
    expect(error.name).toBe('AppError');
    // No interceptor is set: any request would have failed the step with a network error instead.
  });
});
