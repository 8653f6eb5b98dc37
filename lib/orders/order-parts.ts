import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedProfile } from '../ecwid/client.js';
import { pollModeOf, pollWindow, SAMPLE_SIZE, withinOutputBytes, type WindowSpec } from '../polling/window-reader.js';
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
  options: { dedupeFields: string; keep: (order: EcwidOrder) => boolean; toOutputs: (order: EcwidOrder, currency: string) => O[] },
): Promise<Array<{ id: string }>> => {
  const dedupeSpec = { ...spec, params: { ...spec.params, responseFields: options.dedupeFields } };
  const mode = pollModeOf(bundle);
  const read = pollWindow(z, bundle, spec, { dedupeSpec, keep: options.keep });
  if (mode === 'dedupe') return (await read).flatMap((order) => options.toOutputs(order, '')).map(({ id }) => ({ id }));
  // The store's currency (cached: no extra request on a warm process), read alongside the orders.
  const [orders, profile] = await Promise.all([read, cachedProfile(z, bundle)]);
  const records = withinOutputBytes(
    orders,
    orders.map((order) => options.toOutputs(order, profile.currency)),
    spec.timeOf,
  ).flat();
  const limit = mode === 'sample' ? SAMPLE_SIZE : Number(bundle.meta?.limit);
  return limit > 0 ? records.slice(0, limit) : records;
};
