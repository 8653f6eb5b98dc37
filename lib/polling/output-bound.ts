import { wholeSecondsEnd } from './newest-first.js';

/**
 * The most a poll's output may weigh, as JSON. Zapier stops a trigger's answer at 6 MB (6,291,456 bytes:
 * zapier-platform-core's RESPONSE_SIZE_LIMIT) and a busy store's 1,000 orders can pass it — ~6 KB each here, more
 * with long item lists — which would fail every poll. Kept under with room for Zapier's own envelope.
 */
export const POLL_MAX_OUTPUT_BYTES = 5_000_000;

/** A JSON array's brackets and commas: "[" first, then one "," or the closing "]" after each element. */
const ARRAY_OPEN_BYTES = 1;
const SEPARATOR_BYTES = 1;

/**
 * The newest outputs that fit `POLL_MAX_OUTPUT_BYTES`, without splitting a second (see `wholeSecondsEnd`): the
 * rest stays in the window for the next poll. Only a single second heavier than the bound is split.
 */
export const withinOutputBytes = <T, O>(
  records: T[],
  outputs: O[],
  timeOf: (record: T) => number,
  maxBytes = POLL_MAX_OUTPUT_BYTES,
): O[] => {
  let bytes = ARRAY_OPEN_BYTES;
  for (let i = 0; i < outputs.length; i += 1) {
    bytes += Buffer.byteLength(JSON.stringify(outputs[i])) + SEPARATOR_BYTES;
    if (bytes > maxBytes) return outputs.slice(0, wholeSecondsEnd(records, timeOf, i));
  }
  return outputs;
};
