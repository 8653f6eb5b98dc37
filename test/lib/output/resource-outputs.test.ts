/**
 * The output definitions of coupons, customers and products (one set of output fields and one sample per resource,
 * in lib/): the samples match their fields, and live output always has the sample's keys.
 */
import { describe, expect, test } from '@jest/globals';
import { COUPON_OUTPUT_FIELDS, COUPON_OUTPUT_SAMPLE, toCouponOutput } from '../../../lib/coupons/coupons.js';
import { CUSTOMER_OUTPUT_FIELDS, CUSTOMER_OUTPUT_SAMPLE, toCustomerOutput } from '../../../lib/customers/customers.js';
import { PRODUCT_OUTPUT_FIELDS, PRODUCT_OUTPUT_SAMPLE, toProductOutput } from '../../../lib/catalog/products.js';
import { checkLiveOutput, formatFailure } from '../../../tools/publishing/publishing-checks.js';
import { useOfflineEcwid } from '../../helpers.js';

useOfflineEcwid();

const RESOURCES = [
  {
    name: 'coupon',
    fields: COUPON_OUTPUT_FIELDS,
    sample: COUPON_OUTPUT_SAMPLE,
    toOutput: toCouponOutput as (r: any) => Record<string, unknown>,
  },
  {
    name: 'customer',
    fields: CUSTOMER_OUTPUT_FIELDS,
    sample: CUSTOMER_OUTPUT_SAMPLE,
    toOutput: toCustomerOutput as (r: any) => Record<string, unknown>,
  },
  {
    name: 'product',
    fields: PRODUCT_OUTPUT_FIELDS,
    sample: PRODUCT_OUTPUT_SAMPLE,
    toOutput: toProductOutput as (r: any) => Record<string, unknown>,
  },
];

/** The value at a Zapier output key ("billingPerson__name"). */
const at = (record: Record<string, unknown>, key: string): unknown =>
  key.split('__').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], record);

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
const TYPE_OF: Record<string, (v: unknown) => boolean> = {
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  datetime: (v) => typeof v === 'string' && ISO_WITH_OFFSET.test(v),
  string: (v) => typeof v === 'string',
};

describe.each(RESOURCES)('$name output', ({ name, fields, sample, toOutput }) => {
  test('the sample has an id and a value of the declared type for every output field', () => {
    expect(Number.isInteger(sample.id)).toBe(true);
    for (const field of fields as ReadonlyArray<{ key: string; type?: string; list?: boolean }>) {
      const value = at(sample, field.key);
      const values = field.list ? (value as unknown[]) : [value];
      expect({ key: field.key, isList: Array.isArray(values) }).toEqual({ key: field.key, isList: true });
      for (const v of values)
        expect({ key: field.key, value: v, ok: TYPE_OF[field.type ?? 'string'](v) }).toMatchObject({ ok: true });
    }
  });

  test('every output field is labelled, in title case, once', () => {
    const keys = fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of fields) expect(field.label).toMatch(/^[A-Z0-9][^\s]*( [^\s]+)*$/);
  });

  test('output of a bare Ecwid record (only an id) still has every key of the sample, with null or empty values', () => {
    const failures = checkLiveOutput(name, sample, [toOutput({ id: 1 })], [...fields]);
    expect(failures.map(formatFailure)).toEqual([]);
  });

  test('Ecwid dates become ISO-8601 with offset, however deep; fields the app does not know are kept', () => {
    const output = toOutput({ id: 1, somethingNew: { when: '2024-09-04 07:22:09 +0400', count: 2 } });
    expect(output.somethingNew).toEqual({ when: '2024-09-04T07:22:09+04:00', count: 2 });
  });
});
