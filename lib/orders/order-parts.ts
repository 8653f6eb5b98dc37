import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedProfile } from '../ecwid/client.js';
import { withinOutputBytes } from '../polling/output-bound.js';
import { pollModeOf, pollWindow } from '../polling/poll.js';
import { SAMPLE_SIZE } from '../polling/poll-limits.js';
import { type WindowSpec } from '../polling/window-reader.js';
import type { EcwidOrder } from '../ecwid/types.js';

/**
 * A poll of a trigger that fires for parts of an order (its items, its refunds): the orders of the window, read by
 * the shared window reader, each turned into its records, newest order first. Whole orders are kept within
 * Zapier's output bound, so an order's records fire together or wait together. The dedupe-seeding poll reads
 * `dedupeFields` only (enough for the records' ids) and returns the ids; "Test trigger" returns at most three.
 */
export const pollOrderParts = async <O extends { id: string }>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<EcwidOrder>,
  options: {
    dedupeFields: string;
    keep: (order: EcwidOrder) => boolean;
    toOutputs: (order: EcwidOrder, currency: string) => O[];
  },
): Promise<Array<{ id: string }>> => {
  const dedupeSpec = { ...spec, params: { ...spec.params, responseFields: options.dedupeFields } };
  const mode = pollModeOf(bundle);
  const read = pollWindow(z, bundle, spec, { dedupeSpec, keep: options.keep });
  if (mode === 'dedupe') {
    const { records, settle } = await read;
    await settle([], records.length);
    return records.flatMap((order) => options.toOutputs(order, '')).map(({ id }) => ({ id }));
  }
  // The store's currency (cached: no extra request on a warm process), read alongside the orders.
  const [{ records: orders, settle }, profile] = await Promise.all([read, cachedProfile(z, bundle)]);
  const outputs = orders.map((order) => options.toOutputs(order, profile.currency));
  const records = withinOutputBytes(orders, outputs, spec.timeOf).flat();
  const limit = mode === 'sample' ? SAMPLE_SIZE : Number(bundle.meta?.limit);
  const answer = limit > 0 ? records.slice(0, limit) : records;
  // Zapier counts the parts (items, refunds), not orders, against what it takes from one poll.
  await settle(
    orders.flatMap((order, i) => outputs[i].map(() => spec.timeOf(order))),
    answer.length,
    orders.flatMap((order, i) => outputs[i].map(() => spec.idOf(order))),
  );
  return answer;
};
