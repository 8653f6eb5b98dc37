import { describe, expect, test } from '@jest/globals';
import App from '../../../index.js';
import { apiBaseUrl, oauthBaseUrl } from '../../../lib/ecwid/config.js';
import {
  CHECKS,
  checkApp,
  checkLiveOutput,
  formatFailure,
  isIsoDate,
  isTitleCase,
  looksLikeDate,
  missingKeys,
  recordKeys,
  titleCase,
  type AppDef,
  type CheckId,
  type CheckOptions,
} from '../../../tools/publishing/publishing-checks.js';
import { useOfflineEcwid } from '../../helpers.js';
import { COUPON_OUTPUT_FIELDS, COUPON_OUTPUT_SAMPLE, goodApp } from './fixtures.js';

useOfflineEcwid();

type Broken = ReturnType<typeof goodApp>;
const create = (app: Broken) => app.creates.create_discount_coupon;
const trigger = (app: Broken) => app.triggers.new_discount_coupon;
const search = (app: Broken) => app.searches.find_discount_coupon;

/**
 * One deliberately broken definition per check: [check, what is broken, the break, text the failure must name
 * (the key), options for checkApp].
 */
const BROKEN: Array<[CheckId, string, (app: Broken) => void, string, CheckOptions?]> = [
  [
    'D001',
    'an action asks for an API key',
    (app) =>
      create(app).operation.inputFields.push({
        key: 'api_key',
        label: 'API Key',
        helpText: 'From Ecwid admin → Apps.',
      }),
    'api_key',
  ],
  [
    'D002',
    'a pasted API key without a link',
    (app) => {
      app.authentication = {
        type: 'custom',
        fields: [{ key: 'api_key', label: 'API Key', helpText: 'Your secret key.' }],
        connectionLabel: '{{storeName}}',
      };
    },
    'api_key',
  ],
  ['D003', 'no connection label', (app) => delete app.authentication.connectionLabel, 'connectionLabel'],
  [
    'D003',
    'a fixed connection label',
    (app) => {
      app.authentication.connectionLabel = 'Ecwid';
    },
    '"Ecwid"',
  ],
  [
    'D003',
    'a connection label showing the token',
    (app) => {
      app.authentication.connectionLabel = '{{bundle.authData.access_token}}';
    },
    'connectionLabel',
  ],
  [
    'D004',
    'an id typed by hand',
    (app) =>
      create(app).operation.inputFields.push({
        key: 'product_id',
        label: 'Product',
        helpText: 'The product to discount.',
      }),
    'product_id',
  ],
  [
    'D004',
    'a field labelled "ID"',
    (app) =>
      create(app).operation.inputFields.push({
        key: 'product',
        label: 'Product ID',
        helpText: 'The product to discount.',
      }),
    '"product"',
  ],
  [
    'D005',
    'a dropdown from a missing trigger',
    (app) => {
      create(app).operation.inputFields[1].dynamic = 'categories.id.name';
    },
    'categories',
  ],
  [
    'D006',
    'a hook trigger without performList',
    (app) => {
      Object.assign(trigger(app).operation, {
        type: 'hook',
        performSubscribe: async () => ({}),
        performUnsubscribe: async () => ({}),
      });
    },
    'new_discount_coupon',
  ],
  [
    'D007',
    'an http:// URL in a request',
    (app) => {
      trigger(app).operation.perform = async (z: any) =>
        z.request({ url: 'http://app.ecwid.com/api/v3/1/discount_coupons' });
    },
    'http://app.ecwid.com/api/v3/1/discount_coupons',
  ],
  [
    'D007',
    'an http:// base URL',
    () => undefined,
    'http://app.ecwid.com/api/v3',
    { urls: ['http://app.ecwid.com/api/v3'] },
  ],
  [
    'D007',
    'an http:// URL in a source file',
    () => undefined,
    'lib/ecwid.ts',
    { sources: { 'lib/ecwid.ts': "const BASE = 'http://app.ecwid.com';" } },
  ],
  [
    'D008',
    'a bare link in help text',
    (app) => {
      create(app).operation.inputFields[0].helpText = 'See https://my.ecwid.com/cp/#discount-coupons for codes.';
    },
    'code',
  ],
  [
    'D008',
    'a broken Markdown link',
    (app) => {
      create(app).operation.inputFields[0].helpText = 'See [Discount Coupons(https://my.ecwid.com/cp).';
    },
    'code',
  ],
  [
    'D009',
    'a search with nothing to search by',
    (app) => {
      search(app).operation.inputFields = [];
    },
    'find_discount_coupon',
  ],
  [
    'D010',
    'a trigger sample without id',
    (app) => {
      delete trigger(app).operation.sample.id;
    },
    'new_discount_coupon',
  ],
  [
    'D010',
    'a primary key missing from the sample',
    (app) => {
      trigger(app).operation.outputFields.push({ key: 'uid', label: 'UID', primary: true });
    },
    '"uid"',
  ],
  [
    'D011',
    'help text repeating the label',
    (app) => {
      create(app).operation.inputFields[0].helpText = 'Enter the code.';
    },
    'code',
  ],
  [
    'D012',
    'an action without a sample',
    (app) => {
      delete create(app).operation.sample;
    },
    'create_discount_coupon',
  ],
  [
    'D013',
    'a search connector to a missing search',
    (app) => {
      create(app).operation.inputFields[1].search = 'find_category.id';
    },
    'find_category',
  ],
  [
    'D014',
    'a search connector without a dropdown',
    (app) =>
      create(app).operation.inputFields.push({
        key: 'coupon',
        label: 'Coupon',
        search: 'find_discount_coupon.id',
        helpText: 'The coupon, found by its code.',
      }),
    'coupon',
  ],
  [
    'D015',
    'a search-or-create to a missing action',
    (app) => {
      app.searchOrCreates = {
        find_discount_coupon: { key: 'find_discount_coupon', search: 'find_discount_coupon', create: 'create_coupon' },
      };
    },
    'create_coupon',
  ],
  [
    'D016',
    'nothing but a static webhook',
    (app) => {
      app.creates = {};
      app.searches = {};
      Object.assign(trigger(app).operation, { type: 'hook', performList: async () => [] });
    },
    'new_discount_coupon',
  ],
  [
    'D017',
    'a static webhook trigger',
    (app) => {
      Object.assign(trigger(app).operation, { type: 'hook', performList: async () => [] });
    },
    'new_discount_coupon',
  ],
  [
    'D018',
    'a label in sentence case',
    (app) => {
      trigger(app).display.label = 'New discount coupon';
    },
    '"New Discount Coupon"',
  ],
  [
    'D018',
    'an input label in lower case',
    (app) => {
      create(app).operation.inputFields[1].label = 'limit to category';
    },
    '"Limit to Category"',
  ],
  [
    'D021',
    'a trigger description in other words',
    (app) => {
      trigger(app).display.description = 'Triggers whenever a coupon is created.';
    },
    'new_discount_coupon',
  ],
  [
    'D021',
    'an action description without the full stop',
    (app) => {
      create(app).display.description = 'Creates a discount coupon';
    },
    'create_discount_coupon',
  ],
  [
    'D021',
    'a search description starting with "Searches"',
    (app) => {
      search(app).display.description = 'Searches for a coupon.';
    },
    'find_discount_coupon',
  ],
  [
    'D022',
    'an action with only dynamic fields',
    (app) => {
      create(app).operation.inputFields = [async () => []];
    },
    'create_discount_coupon',
  ],
  [
    'D023',
    'an Ecwid date in the sample',
    (app) => {
      trigger(app).operation.sample.expirationDate = '2024-12-31 23:59:59 +0000';
    },
    '"expirationDate"',
  ],
  [
    'D023',
    'a date-time without offset',
    (app) => {
      create(app).operation.sample.usage[0].usedAt = '2024-09-04T07:22:09';
    },
    '"usage[]usedAt"',
  ],
  [
    'D024',
    'an id of the wrong type',
    (app) => {
      search(app).operation.sample.id = '51001';
    },
    '"id"',
  ],
  [
    'D024',
    'a required key missing from the sample',
    (app) => {
      delete search(app).operation.sample.code;
    },
    '"code"',
  ],
  [
    'D024',
    'a line item of the wrong type',
    (app) => {
      search(app).operation.sample.usage[0].amount = '6.00';
    },
    '"usage[]amount"',
  ],
  [
    'X001',
    'an input without help text',
    (app) => {
      delete create(app).operation.inputFields[1].helpText;
    },
    'category',
  ],
];

describe('the offline integration checks', () => {
  test('the base definition passes every check (so each failure below comes from its break)', () => {
    const report = checkApp(goodApp());
    expect(report.failures.map(formatFailure)).toEqual([]);
    expect(report.notJudged).toEqual([expect.stringMatching(/creates\.create_discount_coupon: 1 dynamic input field/)]);
  });

  // Every row gets its options (jest would take a missing fifth argument for a `done` callback).
  const rows = BROKEN.map(
    ([check, what, breakIt, names, options]) => [check, what, breakIt, names, options ?? {}] as const,
  );
  test.each(rows)('%s catches %s', (check, _what, breakIt, names, options) => {
    const app = goodApp();
    breakIt(app);
    const lines = checkApp(app, options)
      .failures.filter((f) => f.check === check)
      .map(formatFailure);
    expect(lines.length).toBeGreaterThan(0);
    const line = lines.find((l) => l.includes(names)) ?? lines.join('\n');
    expect(line).toContain(`${check} ${CHECKS[check]}`);
    expect(line).toContain(names);
    expect(line).toMatch(/ Fix: \S.{10,}/);
  });

  test('every definition check has a broken definition above', () => {
    const definitionChecks = Object.keys(CHECKS).filter((id) => !id.startsWith('T'));
    expect(definitionChecks.filter((id) => !BROKEN.some(([check]) => check === id))).toEqual([]);
  });

  test('D004 lets merchants type what Ecwid shows them: a field named as a number or code is not an id', () => {
    const app = goodApp();
    app.searches.find_discount_coupon.operation.inputFields.push(
      { key: 'orderId', label: 'Order Number', helpText: 'As in Ecwid admin → My Sales → Orders, e.g. `1042`.' },
      { key: 'coupon_id', label: 'Coupon Code', helpText: 'What shoppers type at checkout.' },
    );
    expect(checkApp(app).failures.map(formatFailure)).toEqual([]);
  });

  test('hidden dropdown triggers are held to the structural checks, not to copy rules', () => {
    const app = goodApp();
    app.triggers.category_list.operation.inputFields = [{ key: 'parent_id', label: 'parent' }];
    const checks = checkApp(app).failures.map((f) => f.check);
    expect(checks).toEqual(['D004']);
  });

  test('D018 titles: minor words may stay lower case, acronyms stay upper case', () => {
    expect(titleCase('new paid order')).toBe('New Paid Order');
    expect(titleCase('find customer by email')).toBe('Find Customer by Email');
    expect(titleCase('order id')).toBe('Order ID');
    expect(isTitleCase('New Email with Label')).toBe(true);
    expect(isTitleCase('New Email With Label')).toBe(true);
    expect(isTitleCase('Update Order SKU (Optional)')).toBe(true);
    expect(isTitleCase('Update order')).toBe(false);
    expect(isTitleCase('of the Order')).toBe(false);
  });

  test('D023 dates: ISO-8601 with offset, or a date alone', () => {
    for (const ok of [
      '2023-08-01',
      '2023-08-01T06:50:30-0500',
      '2023-09-15T09:59:59Z',
      '2024-09-04T07:22:09.123+00:00',
    ]) {
      expect([ok, isIsoDate(ok)]).toEqual([ok, true]);
    }
    for (const bad of [
      '01 Aug 2023',
      '01 Aug 2023 06:50:30',
      '2023-08-01T06:50:30',
      '2024-09-04 07:22:09 +0000',
      '2023-02-30',
      'Aug 1, 2023',
      '08/01/2023',
    ]) {
      expect([bad, looksLikeDate(bad), isIsoDate(bad)]).toEqual([bad, true, false]);
    }
    for (const notADate of ['WELCOME10', 'TEE-BLK-L', '+64 4 555 0101', '2024-555-1234', '1.2.3', 'SHOP-X8UYE']) {
      expect([notADate, looksLikeDate(notADate)]).toEqual([notADate, false]);
    }
  });

  test('the real app passes every offline check', () => {
    const report = checkApp(App as unknown as AppDef, { urls: [apiBaseUrl(), oauthBaseUrl()] });
    expect(report.failures.map(formatFailure)).toEqual([]);
  });
});

describe('checkLiveOutput (T002–T005): live results against the static sample', () => {
  const live = () => ({
    ...structuredClone(COUPON_OUTPUT_SAMPLE),
    id: 51002,
    extra: 'live records may have more keys',
  });

  test('live results with every key of the sample, ISO dates and the declared types pass', () => {
    const emptyUsage = { ...live(), usage: [] };
    expect(
      checkLiveOutput('new_discount_coupon', COUPON_OUTPUT_SAMPLE, [live(), emptyUsage], COUPON_OUTPUT_FIELDS),
    ).toEqual([]);
  });

  const cases: Array<[CheckId, string, (item: any) => void, string]> = [
    ['T002', 'a result without id', (item) => delete item.id, 'live result #2'],
    [
      'T003',
      'an Ecwid date',
      (item) => {
        item.launchDate = '2024-09-04 07:22:09 +0000';
      },
      '"launchDate"',
    ],
    ['T004', 'a sample key missing live', (item) => delete item.name, '"name"'],
    [
      'T004',
      'a nested key missing live',
      (item) => {
        item.catalogLimit = null;
      },
      '"catalogLimit__products"',
    ],
    ['T004', 'a line item key missing live', (item) => delete item.usage[0].amount, '"usage[]amount"'],
    [
      'T005',
      'a value of another type',
      (item) => {
        item.discount = '10';
      },
      '"discount"',
    ],
  ];

  test.each(cases)('%s catches %s', (check, _what, breakIt, names) => {
    const broken = live();
    breakIt(broken);
    const failures = checkLiveOutput(
      'new_discount_coupon',
      COUPON_OUTPUT_SAMPLE,
      [live(), broken],
      COUPON_OUTPUT_FIELDS,
    );
    const found = failures.find((f) => f.check === check);
    expect(found).toBeDefined();
    const line = formatFailure(found!);
    expect(line).toContain(`${check} ${CHECKS[check]} — new_discount_coupon live result #2`);
    expect(line).toContain(names);
    expect(line).toMatch(/ Fix: \S.{10,}/);
  });

  test('flattened keys follow Zapier: nested objects "a__b", arrays of objects "a[]b"', () => {
    expect(
      recordKeys({
        id: 1,
        person: { name: 'Jane', address: { city: 'Wellington' } },
        items: [{ sku: 'A' }, { qty: 2 }],
        tags: ['x'],
        meta: {},
      }),
    ).toEqual(['id', 'items[]qty', 'items[]sku', 'meta', 'person__address__city', 'person__name', 'tags']);
    expect(missingKeys({ a: { b: 1, c: 2 }, d: [{ e: 1 }] }, { a: { b: 1 }, d: [{ e: 1 }, {}] })).toEqual([
      'a__c',
      'd[]e',
    ]);
  });
});
