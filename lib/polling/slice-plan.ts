import type { Bundle, ZObject } from 'zapier-platform-core';
import { createHash } from 'node:crypto';
import { MAX_PAGE_SIZE, storeIdOf } from '../ecwid/client.js';
import { HOUR } from './poll-limits.js';
import type { Slice } from './slices.js';

/**
 * A busy window's slices are remembered between polls (a `SlicePlan`), so the next poll reads them straight away
 * instead of probing the whole window and cutting it by a 100-record sample. The plan is only a hint: each slice is
 * still shown complete by Ecwid's total, and one that has grown is cut as usual.
 */

/** Time cuts (unix seconds, newest first) between which a window's records were about `PLAN_TARGET` to a slice. */
export interface SlicePlan {
  cuts: number[];
}

/** A planned slice holds about this many records: room for the odd new one before it overflows a page of 100. */
const PLAN_TARGET = 90;
/** The newest planned slice holds fewer: records created (or updated) since the last poll land in it. */
const PLAN_NEWEST = 40;
/** A plan reaches at most this many records past `maxRecords` (a read can go past it, a plan need not). */
const PLAN_MARGIN = 60;
const PLAN_MAX_CUTS = 200;
/** A plan older than this is dropped (it would only cost requests: slices where the records no longer are). */
export const PLAN_TTL_SECONDS = 24 * HOUR;
/** Characters of the window's hash in a cache key: 132 bits, no collision between one store's windows. */
const KEY_HASH_CHARS = 22;

/**
 * The plan a read leaves for the next one: cuts through its records (times newest first) every `PLAN_TARGET` of them
 * (`PLAN_NEWEST` for the newest slice), as far as `maxRecords` and a margin. Neighbouring slices share their boundary
 * second, so its records count in both. A window of one page needs no cuts.
 */
export const planCuts = (times: number[], fromSeconds: number, maxRecords: number): number[] => {
  const cuts: number[] = [];
  if (times.length <= MAX_PAGE_SIZE) return cuts;
  const usable = (time: number) => time > fromSeconds && (cuts.length === 0 || time < cuts[cuts.length - 1]);
  const end = Math.min(times.length, maxRecords + PLAN_MARGIN);
  let inSlice = 0;
  for (let i = 0; i < end && cuts.length < PLAN_MAX_CUTS; i += 1) {
    inSlice += 1;
    if (inSlice > (cuts.length === 0 ? PLAN_NEWEST : PLAN_TARGET) && usable(times[i])) {
      cuts.push(times[i]);
      inSlice = 1;
    }
  }
  // The last slice ends where the records read end: the window's older remainder is read only if still needed.
  if (inSlice > 1 && usable(times[end - 1]) && cuts.length < PLAN_MAX_CUTS) cuts.push(times[end - 1]);
  return cuts;
};

/** The slices of a window a plan stands for, newest first; the window's remainder past the last cut is one slice. */
export const plannedSlices = (plan: SlicePlan, fromSeconds: number, toSeconds: number): Slice[] => {
  const cuts = plan.cuts.filter((cut) => cut > fromSeconds && cut < toSeconds);
  const boundaries = [toSeconds, ...cuts, fromSeconds];
  return boundaries.slice(1).map((boundary, i) => ({
    from: boundary,
    to: boundaries[i],
    expected: i === cuts.length ? undefined : i === 0 ? PLAN_NEWEST : PLAN_TARGET,
  }));
};

/** What the cache holds is only a hint, but it must at least be a plan: descending integer cuts, not too many. */
export const isPlan = (value: any): boolean =>
  typeof value === 'object' &&
  Array.isArray(value.cuts) &&
  value.cuts.length <= PLAN_MAX_CUTS &&
  value.cuts.every(
    (cut: unknown, i: number) => Number.isInteger(cut) && (i === 0 || (cut as number) < value.cuts[i - 1]),
  );

/** A short, stable name for a window (resource, time axis, filters) that names no filter value. */
export const windowHash = (spec: { path: string; from: string; params: unknown }): string =>
  createHash('sha256')
    .update(JSON.stringify([spec.path, spec.from, spec.params]))
    .digest('base64url')
    .slice(0, KEY_HASH_CHARS);

/** One plan per store, resource, filters and time axis. */
export const slicePlanKey = (
  z: ZObject,
  bundle: Bundle,
  spec: { path: string; from: string; params: unknown },
): string => `ecwid-slices:${storeIdOf(z, bundle)}:${windowHash(spec)}`;
