/**
 * Every key of a resource's static sample on every live record: Zapier's integration checks (T004) compare live
 * output with the sample, and a Zap's field mapping breaks when a key comes and goes with the data (an order without
 * a coupon has no `discountCoupon`). Missing keys are filled with empty values of the sample's types.
 */

type Json = unknown;

const isPlainObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export type KeyCompleter = <T>(record: T) => T;

/** What a template says, worked out once: how to complete a record, and the empty value of its type. */
interface CompiledTemplate {
  complete: KeyCompleter;
  /** '' / 0 / false / [] / an object of empty values; objects and arrays made afresh, so no two records share one. */
  empty: () => Json;
}

const unchanged: KeyCompleter = (record) => record;

const compile = (template: Json): CompiledTemplate => {
  if (typeof template === 'string') return { complete: unchanged, empty: () => '' };
  if (typeof template === 'number') return { complete: unchanged, empty: () => 0 };
  if (typeof template === 'boolean') return { complete: unchanged, empty: () => false };
  if (Array.isArray(template)) {
    if (!isPlainObject(template[0])) return { complete: unchanged, empty: () => [] };
    const element = compile(template[0]).complete;
    return {
      complete: (record) =>
        (Array.isArray(record)
          ? record.map((item) => (isPlainObject(item) ? element(item) : item))
          : record) as typeof record,
      empty: () => [],
    };
  }
  if (!isPlainObject(template)) return { complete: unchanged, empty: () => null };
  const fields = Object.entries(template).map(([key, sample]) => ({ key, ...compile(sample) }));
  return {
    complete: (record) => {
      if (!isPlainObject(record)) return record;
      const out: Record<string, Json> = { ...record };
      for (const { key, complete, empty } of fields) {
        const value = out[key];
        if (value === undefined) out[key] = empty();
        else if (complete !== unchanged) out[key] = complete(value);
      }
      return out as typeof record;
    },
    empty: () => Object.fromEntries(fields.map(({ key, empty }) => [key, empty()])),
  };
};

/**
 * The function that gives a record every key of `template`: absent keys get the template's empty value, nested
 * objects are completed the same way, and each object in an array is completed from the template array's first
 * element. Values the record has (null included) are kept as they are; completed objects are copies.
 * The template is read once, here, rather than once per record (a poll completes up to 100 orders of ~80 keys).
 */
export const keyCompleter = (template: Json): KeyCompleter => compile(template).complete;
