/**
 * Every key of a resource's static sample on every live record: Zapier's integration checks (T004) compare live
 * output with the sample, and a Zap's field mapping breaks when a key comes and goes with the data (an order without
 * a coupon has no `discountCoupon`). Missing keys are filled with empty values of the sample's types.
 */

type Json = unknown;

const isPlainObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The empty value of a sample value's type: '' / 0 / false / [] / an object of empty values. */
export const emptyLike = (value: Json): Json => {
  if (typeof value === 'string') return '';
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  if (Array.isArray(value)) return [];
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, emptyLike(inner)]));
  return null;
};

/**
 * `record` with every key of `template` present: absent keys get the template's empty value, nested objects are
 * completed the same way, and each object in an array is completed from the template array's first element.
 * Values the record has (null included) are kept as they are.
 */
export const withKeysOf = <T>(template: Json, record: T): T => {
  if (Array.isArray(record) && Array.isArray(template) && isPlainObject(template[0])) {
    return record.map((element) => (isPlainObject(element) ? withKeysOf(template[0], element) : element)) as T;
  }
  if (!isPlainObject(template) || !isPlainObject(record)) return record;
  const out: Record<string, Json> = { ...record };
  for (const [key, sample] of Object.entries(template)) {
    out[key] = out[key] === undefined ? emptyLike(sample) : withKeysOf(sample, out[key]);
  }
  return out as T;
};
