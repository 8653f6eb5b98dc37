import type { Bundle, ZObject } from 'zapier-platform-core';
import { ecwidSearch, MAX_PAGE_SIZE, type EcwidPage, type Query } from '../ecwid/client.js';
import { newestFirst, newestPart } from './newest-first.js';
import { plannedSlices, planCuts, type SlicePlan } from './slice-plan.js';
import { cut, inSlice, isCuttable, type Slice } from './slices.js';

/**
 * How every polling trigger reads Ecwid: a time window, read completely, sorted here.
 *
 * Ecwid's /orders has no sortBy and no documented row order — not even a promise that two requests list rows in
 * the same order — so "the first page" means nothing, and offset paging can skip or repeat rows. So:
 * - the window is bounded by time at both ends (created/updated From/To), and wide (three days), so a poll that
 *   fails, or a Zap held for a while, loses nothing: the next good poll still sees every record, and Zapier's
 *   dedupe on `id` drops what it has already seen;
 * - a window of ≤ 100 records (Ecwid's `total` says so) is one request: the steady state of almost every store;
 * - a larger one is paged by offset, and the pages are trusted only if they provably hold every record (distinct
 *   ids = total, same total on every page); otherwise, or when it is too large, it is cut by time into slices
 *   that are read the same way, newest first (lib/polling/slices.ts);
 * - reading stops at `maxRecords` or `maxRequests`, and what is returned is then the complete newest part of the
 *   window, never a patchwork that would depend on the server's row order;
 * - a busy window's slices are remembered between polls (lib/polling/slice-plan.ts).
 */

export interface WindowSpec<T> {
  /** '/orders', '/customers', '/products' */
  path: string;
  /** Filters sent with every request (statuses, sortBy, enabled, responseFields…). */
  params: Query;
  /** The time filter pair this window is bounded by (`from_date`/`to_date`: /orders/deleted, by deletion time). */
  from: 'createdFrom' | 'updatedFrom' | 'from_date';
  to: 'createdTo' | 'updatedTo' | 'to_date';
  /** The record's time on the window's axis, in unix seconds (NaN when unknown). */
  timeOf: (record: T) => number;
  idOf: (record: T) => string;
}

export interface WindowRead<T> {
  /** Newest first, unique ids. */
  records: T[];
  requests: number;
  /** True when `records` is the whole window; false when it is only its newest part (see `readFrom`). */
  complete: boolean;
  /** Every record at or after this time (unix seconds) is in `records`. */
  readFrom: number;
  /** Every record read in the window, complete part or not, newest first: for the Zap-on seed, where any id helps. */
  seen: T[];
  /** Where the records read sit, for the next read of the same window (see `planCuts`). */
  plan: SlicePlan;
}

export interface WindowLimits {
  fromSeconds: number;
  toSeconds: number;
  maxRecords: number;
  maxRequests: number;
  /** Slices read at once (default CONCURRENCY); 1 where only the newest few records are wanted. */
  concurrency?: number;
  /**
   * Go on past a slice too dense to show complete (reading older ones) instead of stopping there. The complete part
   * still ends at it; what is read beyond is in `seen` (the Zap-on seed, where any id helps).
   */
  skipUnreadable?: boolean;
  /** Where the last read of this window found its records: read those slices first. */
  plan?: SlicePlan;
}

/** Slices read at once: fast enough for Zapier's 30 s, gentle with Ecwid's rate limit. */
const CONCURRENCY = 4;
/** Pages of one slice read by offset before cutting it by time instead (a slice of ≤ 500 records). */
const PAGING_MAX = 4;
/** A slice too dense to cut by time is read again at most this many times, looking for the ids it has not shown. */
const DENSE_REREADS = 2;

/** Everything one read of a window has learnt so far. */
interface ReadState<T> {
  requests: number;
  /** Slices still to read, newest first. Everything after the newest of them has been read in full. */
  pending: Slice[];
  /** Slices given up as too dense to show complete (only when `skipUnreadable`): they bound the complete part too. */
  unread: Slice[];
  /** Records read from slices shown complete. */
  collected: T[];
  /** Records read from unread slices: not provably all of them, but real (the seed can use them). */
  partial: T[];
  /**
   * Whether the window had to be read in time slices (a plan, or a cut): only then is a plan worth leaving. A window
   * read whole, in one request or by offset pages, is read the same way next time.
   */
  sliced: boolean;
}

/** One read in progress: what it reads, within which limits, and its state. */
interface Reading<T> {
  z: ZObject;
  bundle: Bundle;
  spec: WindowSpec<T>;
  limits: WindowLimits;
  state: ReadState<T>;
}

/** What one slice's first page leads to: its records (read in full), smaller slices, or neither. */
type Outcome<T> = { records: T[] } | { slices: Slice[] } | { unreadable: T[] };

const startState = <T>(limits: WindowLimits): ReadState<T> => ({
  requests: 0,
  pending: limits.plan
    ? plannedSlices(limits.plan, limits.fromSeconds, limits.toSeconds)
    : [{ from: limits.fromSeconds, to: limits.toSeconds }],
  unread: [],
  collected: [],
  partial: [],
  sliced: (limits.plan?.cuts.length ?? 0) > 0,
});

const search = <T>({ z, bundle, spec, state }: Reading<T>, slice: Slice, offset = 0): Promise<EcwidPage<T>> => {
  state.requests += 1;
  return ecwidSearch<T>(z, bundle, spec.path, {
    ...spec.params,
    [spec.from]: slice.from,
    [spec.to]: slice.to,
    offset,
    limit: MAX_PAGE_SIZE,
  });
};

/** `count` requests, at most CONCURRENCY in flight; fails as soon as one fails (never a partial answer). */
const inBatches = async <R>(count: number, request: (index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let start = 0; start < count; start += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, count - start) }, (_, i) => request(start + i));
    results.push(...(await Promise.all(batch)));
  }
  return results;
};

const budget = <T>({ limits, state }: Reading<T>): number => limits.maxRequests - state.requests;

/** Every record at or after this time has been read in full (a second after the newest slice still open). */
const completeFrom = <T>({ limits, state }: Reading<T>): number => {
  const open = [...state.pending, ...state.unread];
  return open.length > 0 ? Math.max(...open.map((slice) => slice.to)) + 1 : limits.fromSeconds;
};

const completeCount = <T>(reading: Reading<T>): number => {
  const from = completeFrom(reading);
  return reading.state.collected.filter((record) => !(reading.spec.timeOf(record) < from)).length;
};

/** Slices to read next: as many as are expected to fill `maxRecords`, at most `concurrency`. */
const nextBatch = <T>(reading: Reading<T>): Slice[] => {
  const { pending } = reading.state;
  const most = Math.min(reading.limits.concurrency ?? CONCURRENCY, budget(reading));
  let wanted = reading.limits.maxRecords - completeCount(reading);
  let count = 0;
  while (count < most && count < pending.length && wanted > 0) {
    wanted -= pending[count].expected ?? Infinity;
    count += 1;
  }
  return pending.slice(0, Math.max(1, count));
};

/** The distinct records of `items` that fall in the slice, by id. */
const inSliceById = <T>(spec: WindowSpec<T>, slice: Slice, items: T[]): Map<string, T> =>
  new Map(items.filter((item) => inSlice(spec.timeOf(item), slice)).map((item) => [spec.idOf(item), item]));

/**
 * Too many records in a second or two to cut by time: read the pages again until every record has been seen
 * (distinct ids = total). If that cannot be shown within the budget, the slice stays unread, so nothing at or
 * before it is returned — the next poll tries again — rather than a patchwork.
 */
const rereadDense = async <T>(
  reading: Reading<T>,
  slice: Slice,
  first: EcwidPage<T>,
  items: T[],
  pagesLeft: number,
): Promise<Outcome<T>> => {
  const seen = inSliceById(reading.spec, slice, items);
  for (let round = 0; seen.size < first.total && round < DENSE_REREADS && budget(reading) > pagesLeft; round += 1) {
    const again = await inBatches(pagesLeft + 1, (k) => search(reading, slice, k * MAX_PAGE_SIZE));
    for (const [id, item] of inSliceById(
      reading.spec,
      slice,
      again.flatMap((page) => page.items),
    ))
      seen.set(id, item);
  }
  return seen.size === first.total ? { records: [...seen.values()] } : { unreadable: [...seen.values()] };
};

/**
 * What one slice's first page leads to. Offset paging is trusted only when it provably returned every record of the
 * slice: as many distinct ids as Ecwid's total, the same total on every page. Otherwise (rows listed in a different
 * order per request, or records changing meanwhile) the slice is cut by time and read again in smaller slices.
 */
const settle = async <T>(reading: Reading<T>, slice: Slice, first: EcwidPage<T>): Promise<Outcome<T>> => {
  const pagesLeft = Math.ceil(first.total / MAX_PAGE_SIZE) - 1;
  if (pagesLeft <= 0 || first.items.length >= first.total) return { records: first.items };
  const needed = Math.min(pagesLeft, budget(reading));
  const affordable = needed === pagesLeft && (pagesLeft <= PAGING_MAX || !isCuttable(slice));
  const pages = affordable
    ? [first, ...(await inBatches(needed, (k) => search(reading, slice, (k + 1) * MAX_PAGE_SIZE)))]
    : [first];
  const items = pages.flatMap((page) => page.items);
  const shownComplete =
    affordable &&
    pages.every((page) => page.total === first.total) &&
    inSliceById(reading.spec, slice, items).size === first.total;
  if (shownComplete) return { records: items };
  if (isCuttable(slice)) return { slices: cut(slice, first.total, items.map(reading.spec.timeOf)) };
  return rereadDense(reading, slice, first, items, pagesLeft);
};

/**
 * Reads the next few slices (a busy store's poll takes a fraction of the time, within the same request budget), then
 * settles each newest first, so what is complete is always the newest part. False when it stopped at a slice it
 * could not show complete (unless `skipUnreadable`): nothing older may then be returned.
 */
const readBatch = async <T>(reading: Reading<T>): Promise<boolean> => {
  const { state } = reading;
  const batch = nextBatch(reading);
  const firsts = await Promise.all(batch.map((slice) => search(reading, slice)));
  const settled: Slice[] = [];
  for (const [i, slice] of batch.entries()) {
    const outcome = await settle(reading, slice, firsts[i]);
    if ('unreadable' in outcome) {
      if (!reading.limits.skipUnreadable) {
        state.pending = [...settled, slice, ...state.pending.slice(i + 1)];
        return false;
      }
      state.unread.push(slice);
      state.partial.push(...outcome.unreadable);
    } else if ('slices' in outcome) {
      settled.push(...outcome.slices);
      state.sliced = true;
    } else {
      state.collected.push(...outcome.records);
    }
  }
  state.pending = [...settled, ...state.pending.slice(batch.length)];
  return true;
};

/**
 * The answer: records at or before the newest unread slice's end may be incomplete, so they are dropped, and the
 * answer is exactly the complete newest part, never dependent on which rows the server happened to list.
 */
const answer = <T>(reading: Reading<T>): WindowRead<T> => {
  const { spec, limits, state } = reading;
  const readFrom = completeFrom(reading);
  const inWindow = state.collected.filter((record) => {
    const time = spec.timeOf(record);
    return !Number.isFinite(time) || (time >= readFrom && time <= limits.toSeconds);
  });
  const ordered = newestFirst(inWindow, spec);
  const records = newestPart(ordered, spec, limits.maxRecords);
  // Cut to `maxRecords`: everything newer than the first record left out is in.
  const firstLeftOut = records.length < ordered.length ? spec.timeOf(ordered[records.length]) : NaN;
  const withinWindow = (record: T) =>
    !(spec.timeOf(record) < limits.fromSeconds) && !(spec.timeOf(record) > limits.toSeconds);
  return {
    records,
    seen: newestFirst([...state.collected, ...state.partial].filter(withinWindow), spec),
    requests: state.requests,
    complete: state.pending.length === 0 && state.unread.length === 0 && records.length === ordered.length,
    readFrom: Number.isFinite(firstLeftOut) ? Math.max(readFrom, firstLeftOut + 1) : readFrom,
    plan: { cuts: state.sliced ? planCuts(ordered.map(spec.timeOf), limits.fromSeconds, limits.maxRecords) : [] },
  };
};

/**
 * The records of a window, newest first: all of them when the limits allow, else its complete newest part.
 * Any failed request fails the whole read — a poll answers completely or not at all, so nothing is skipped.
 */
export const readWindow = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  limits: WindowLimits,
): Promise<WindowRead<T>> => {
  const reading: Reading<T> = { z, bundle, spec, limits, state: startState(limits) };
  const more = () =>
    reading.state.pending.length > 0 && budget(reading) > 0 && completeCount(reading) < limits.maxRecords;
  while (more()) {
    if (!(await readBatch(reading))) break;
  }
  return answer(reading);
};
