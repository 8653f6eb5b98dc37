import type { Bundle, ZObject } from 'zapier-platform-core';
import { createHash } from 'node:crypto';
import { cachedProfile, ecwidSearch, MAX_PAGE_SIZE, sharedCacheGet, sharedCacheSet, storeIdOf, type EcwidPage, type Query } from '../ecwid/client.js';
import { nowUnix } from '../ecwid/dates.js';

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
 *   that are read the same way, newest first;
 * - reading stops at `maxRecords` or `maxRequests`, and what is returned is then the complete newest part of the
 *   window, never a patchwork that would depend on the server's row order;
 * - a busy window's slices are remembered between polls (a `SlicePlan`), so the next poll reads them straight away
 *   instead of probing the whole window and cutting it by a 100-record sample. The plan is only a hint: each slice is
 *   still shown complete by Ecwid's total, and one that has grown is cut as usual.
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

/** Time cuts (unix seconds, newest first) between which a window's records were about `PLAN_TARGET` to a slice. */
export interface SlicePlan {
  cuts: number[];
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

export const HOUR = 3600;
export const DAY = 24 * HOUR;

/** A live poll looks back three days: a weekend of failed polls or a held Zap still loses nothing. */
export const POLL_LOOKBACK_SECONDS = 3 * DAY;
/** At most this many records per live poll; Zapier takes 100 new items a poll and leaves the rest for the next. */
export const POLL_MAX_RECORDS = 1000;
/**
 * The most requests one live poll may make, whatever the store: 4% of Ecwid's 600 a minute, six rounds of four
 * (a few seconds). A store in a run of flash sales needs them: dense slices cost cuts, and with 16 the simulation saw
 * a poll's complete part shrink to ~400 records while Zapier still had 300 to take.
 */
export const POLL_MAX_REQUESTS = 24;
/** Slices are cut to hold about this many records, so most come back in one page of 100. */
const SLICE_TARGET = 80;
/** Slices read at once: fast enough for Zapier's 30 s, gentle with Ecwid's rate limit. */
const CONCURRENCY = 4;

export interface Slice {
  from: number;
  to: number;
  /** Records it is expected to hold, when something says (a plan, a sample); unknown slices count as large. */
  expected?: number;
}

/** A planned slice holds about this many records: room for the odd new one before it overflows a page of 100. */
const PLAN_TARGET = 90;
/** The newest planned slice holds fewer: records created (or updated) since the last poll land in it. */
const PLAN_NEWEST = 40;
/** A plan reaches at most this many records past `maxRecords` (a read can go past it, a plan need not). */
const PLAN_MARGIN = 60;
const PLAN_MAX_CUTS = 200;

/** Pages of one slice read by offset before cutting it by time instead (a slice of ≤ 500 records). */
const PAGING_MAX = 4;

const inSlice = (time: number, slice: Slice): boolean => !Number.isFinite(time) || (time >= slice.from && time <= slice.to);

/** `count` requests, at most CONCURRENCY in flight; fails as soon as one fails (never a partial answer). */
const inBatches = async <R>(count: number, request: (index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let start = 0; start < count; start += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, count - start) }, (_, i) => request(start + i));
    results.push(...(await Promise.all(batch)));
  }
  return results;
};

/** Records sorted newest first on the window's axis; ties broken by id so every run gives the same order. */
export const newestFirst = <T>(records: T[], spec: Pick<WindowSpec<T>, 'timeOf' | 'idOf'>): T[] => {
  const unique = new Map<string, T>();
  for (const record of records) {
    const id = spec.idOf(record);
    const seen = unique.get(id);
    // Neighbouring slices share their boundary second: keep one copy, in its newest state.
    if (!seen || (spec.timeOf(record) || 0) >= (spec.timeOf(seen) || 0)) unique.set(id, record);
  }
  return [...unique.values()].sort((a, b) => {
    const byTime = (spec.timeOf(b) || 0) - (spec.timeOf(a) || 0);
    if (byTime !== 0) return byTime;
    const idA = spec.idOf(a);
    const idB = spec.idOf(b);
    return idA < idB ? 1 : idA > idB ? -1 : 0;
  });
};

/**
 * Equal-time cuts are a guess (no sample says where the records are), so at most this many at once: a 90-day window
 * whose records all sit in its last days would otherwise cost a request per empty slice. A part that comes back too
 * large is cut again, at the quantiles of the page it returned.
 */
const EQUAL_TIME_MAX_PARTS = 8;

/**
 * Where to end a newest-first list that must stop before index `end`, without splitting a second: records sharing
 * the second of the first one left out are all left out too, so what is kept holds every record from its oldest
 * second on (the next poll cannot skip the rest). Only when that second starts the list is it split, rather than
 * keeping nothing.
 */
const wholeSecondsEnd = <T>(records: T[], timeOf: (record: T) => number, end: number): number => {
  const boundary = timeOf(records[end]);
  let kept = end;
  while (kept > 0 && timeOf(records[kept - 1]) === boundary) kept -= 1;
  return kept > 0 ? kept : end;
};

/** The first `max` of a newest-first list, without splitting a second (see `wholeSecondsEnd`). */
const newestPart = <T>(records: T[], spec: Pick<WindowSpec<T>, 'timeOf'>, max: number): T[] =>
  records.length <= max ? records : records.slice(0, wholeSecondsEnd(records, spec.timeOf, max));

/** Boundaries (descending) cutting (to … from] into `parts` of equal time. */
const equalTimeCuts = (from: number, to: number, expected: number): number[] => {
  const parts = Math.min(Math.max(1, Math.ceil(expected / SLICE_TARGET)), Math.max(1, to - from), EQUAL_TIME_MAX_PARTS);
  return Array.from({ length: parts - 1 }, (_, k) => Math.round(to - ((k + 1) * (to - from)) / parts));
};

/** Boundaries (descending) at the time quantiles of `times` (newest first), for `expected` records. */
const quantileCuts = (times: number[], expected: number): number[] => {
  const parts = Math.max(1, Math.ceil(expected / SLICE_TARGET));
  return Array.from({ length: parts - 1 }, (_, k) => times[Math.floor(((k + 1) * times.length) / parts)]);
};

/**
 * Cuts a slice that holds `total` records into parts expected to hold `SLICE_TARGET` each, newest first, using the
 * page that came back as evidence of where the records are:
 * - a page spread over the slice is a sample of it: cut at its time quantiles, which follows bursts (a sale, a
 *   newsletter) instead of assuming records spread evenly;
 * - a page bunched at one end is a block (the server listed rows oldest or newest first): its range holds about
 *   the page's records, cut at their quantiles, and the rest of the slice the remaining ones, cut by equal time.
 * Neighbours share their boundary second, since Ecwid does not say whether *From/*To are inclusive.
 */
export const cut = ({ from, to }: Slice, total: number, sampleTimes: number[]): Slice[] => {
  const times = sampleTimes.filter((time) => time >= from && time <= to).sort((a, b) => b - a);
  let inner: number[];
  if (times.length < 4) {
    inner = equalTimeCuts(from, to, total);
  } else {
    const newest = times[0];
    const oldest = times[times.length - 1];
    if (newest - oldest >= (to - from) / 2) {
      inner = quantileCuts(times, total);
    } else {
      const rest = Math.max(0, total - times.length);
      const after = to - newest;
      const before = oldest - from;
      const share = (length: number) => (after + before > 0 ? (rest * length) / (after + before) : 0);
      inner = [
        ...equalTimeCuts(newest, to, share(after)),
        ...(after > 0 ? [newest] : []),
        ...quantileCuts(times, times.length),
        ...(before > 0 ? [oldest] : []),
        ...equalTimeCuts(from, oldest, share(before)),
      ];
    }
  }
  const boundaries = [to];
  for (const boundary of inner) if (boundary < boundaries[boundaries.length - 1] && boundary > from) boundaries.push(boundary);
  boundaries.push(from);
  const expected = total / (boundaries.length - 1);
  return boundaries.slice(1).map((boundary, i) => ({ from: boundary, to: boundaries[i], expected }));
};

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

const isPlan = (value: any): boolean =>
  typeof value === 'object' &&
  Array.isArray(value.cuts) &&
  value.cuts.length <= PLAN_MAX_CUTS &&
  value.cuts.every((cut: unknown, i: number) => Number.isInteger(cut) && (i === 0 || (cut as number) < value.cuts[i - 1]));

/**
 * The records of a window, newest first: all of them when the limits allow, else its complete newest part.
 * Any failed request fails the whole read — a poll answers completely or not at all, so nothing is skipped.
 */
export const readWindow = async <T>(z: ZObject, bundle: Bundle, spec: WindowSpec<T>, limits: WindowLimits): Promise<WindowRead<T>> => {
  let requests = 0;
  const search = (slice: Slice, offset = 0): Promise<EcwidPage<T>> => {
    requests += 1;
    return ecwidSearch<T>(z, bundle, spec.path, {
      ...spec.params,
      [spec.from]: slice.from,
      [spec.to]: slice.to,
      offset,
      limit: MAX_PAGE_SIZE,
    });
  };

  const collected: T[] = [];
  /**
   * Whether the window had to be read in time slices (a plan, or a cut): only then is a plan worth leaving. A window
   * read whole, in one request or by offset pages, is read the same way next time.
   */
  let sliced = (limits.plan?.cuts.length ?? 0) > 0;
  /** Slices still to read, newest first. */
  let pending: Slice[] = limits.plan
    ? plannedSlices(limits.plan, limits.fromSeconds, limits.toSeconds)
    : [{ from: limits.fromSeconds, to: limits.toSeconds }];
  // Everything after the newest unread slice has been read in full; older reads may have gaps until it is.
  /** Slices given up as too dense to show complete (only when `skipUnreadable`): they bound the complete part too. */
  const unread: Slice[] = [];
  /** Records read from those slices: not provably all of them, but real (the seed can use them). */
  const partial: T[] = [];
  const completeFrom = (): number => {
    const open = [...pending, ...unread];
    return open.length > 0 ? Math.max(...open.map((slice) => slice.to)) + 1 : limits.fromSeconds;
  };
  const completeCount = (): number => {
    const from = completeFrom();
    return collected.filter((record) => !(spec.timeOf(record) < from)).length;
  };
  const budget = (): number => limits.maxRequests - requests;
  /** Slices to read next: as many as are expected to fill `maxRecords`, at most `concurrency`. */
  const nextBatch = (): Slice[] => {
    const most = Math.min(limits.concurrency ?? CONCURRENCY, budget());
    let wanted = limits.maxRecords - completeCount();
    let count = 0;
    while (count < most && count < pending.length && wanted > 0) {
      wanted -= pending[count].expected ?? Infinity;
      count += 1;
    }
    return pending.slice(0, Math.max(1, count));
  };

  /**
   * What one slice's first page leads to: its records (read in full), the smaller slices it must be cut into, or
   * neither (too dense to cut by time, and not shown complete within the budget).
   */
  const settle = async (slice: Slice, first: EcwidPage<T>): Promise<{ records: T[] } | { slices: Slice[] } | { unreadable: T[] }> => {
    const pagesLeft = Math.ceil(first.total / MAX_PAGE_SIZE) - 1;
    if (pagesLeft <= 0 || first.items.length >= first.total) return { records: first.items };
    // Offset paging is trusted only when it provably returned every record of the slice: as many distinct ids as
    // Ecwid's total, the same total on every page. Otherwise (rows listed in a different order per request, or
    // records changing meanwhile) the slice is cut by time and read again in smaller slices.
    const needed = Math.min(pagesLeft, budget());
    const affordable = needed === pagesLeft && (pagesLeft <= PAGING_MAX || slice.to - slice.from <= 1);
    const pages = affordable ? [first, ...(await inBatches(needed, (k) => search(slice, (k + 1) * MAX_PAGE_SIZE)))] : [first];
    const items = pages.flatMap((page) => page.items);
    const ids = new Set(items.filter((item) => inSlice(spec.timeOf(item), slice)).map(spec.idOf));
    if (affordable && pages.every((page) => page.total === first.total) && ids.size === first.total) return { records: items };
    if (slice.to - slice.from > 1) return { slices: cut(slice, first.total, items.map(spec.timeOf)) };
    // Too many records in a second or two to cut by time: read the pages again until every record has been seen
    // (distinct ids = total). If that cannot be shown within the budget, the slice stays unread, so nothing at or
    // before it is returned — the next poll tries again — rather than a patchwork.
    const seen = new Map(items.filter((item) => inSlice(spec.timeOf(item), slice)).map((item) => [spec.idOf(item), item]));
    for (let round = 0; seen.size < first.total && round < 2 && budget() > pagesLeft; round += 1) {
      const again = await inBatches(pagesLeft + 1, (k) => search(slice, k * MAX_PAGE_SIZE));
      for (const item of again.flatMap((page) => page.items)) if (inSlice(spec.timeOf(item), slice)) seen.set(spec.idOf(item), item);
    }
    return seen.size === first.total ? { records: [...seen.values()] } : { unreadable: [...seen.values()] };
  };

  // The newest slices are read a few at a time (a busy store's poll takes a fraction of the time, within the same
  // request budget); each is then settled newest first, so what is complete is always the newest part.
  reading: while (pending.length > 0 && budget() > 0 && completeCount() < limits.maxRecords) {
    const batch = nextBatch();
    const firsts = await Promise.all(batch.map((slice) => search(slice)));
    const settled: Slice[] = [];
    for (const [i, slice] of batch.entries()) {
      const outcome = await settle(slice, firsts[i]);
      if ('unreadable' in outcome) {
        if (!limits.skipUnreadable) {
          pending = [...settled, slice, ...pending.slice(i + 1)];
          break reading;
        }
        unread.push(slice);
        partial.push(...outcome.unreadable);
        continue;
      }
      if ('slices' in outcome) {
        settled.push(...outcome.slices);
        sliced = true;
      } else {
        collected.push(...outcome.records);
      }
    }
    pending = [...settled, ...pending.slice(batch.length)];
  }

  // Records at or before the newest unread slice's end may be incomplete: drop them, so the answer is exactly the
  // complete newest part and never depends on which rows the server happened to list.
  const readFrom = completeFrom();
  const inWindow = collected.filter((record) => {
    const time = spec.timeOf(record);
    return !Number.isFinite(time) || (time >= readFrom && time <= limits.toSeconds);
  });
  const ordered = newestFirst(inWindow, spec);
  const records = newestPart(ordered, spec, limits.maxRecords);
  // Cut to `maxRecords`: everything newer than the first record left out is in.
  const firstLeftOut = records.length < ordered.length ? spec.timeOf(ordered[records.length]) : NaN;
  return {
    records,
    seen: newestFirst(
      [...collected, ...partial].filter((record) => !(spec.timeOf(record) < limits.fromSeconds) && !(spec.timeOf(record) > limits.toSeconds)),
      spec,
    ),
    requests,
    complete: pending.length === 0 && unread.length === 0 && records.length === ordered.length,
    readFrom: Number.isFinite(firstLeftOut) ? Math.max(readFrom, firstLeftOut + 1) : readFrom,
    plan: { cuts: sliced ? planCuts(ordered.map(spec.timeOf), limits.fromSeconds, limits.maxRecords) : [] },
  };
};

/** "Test trigger" looks further back, step by step, so a quiet store still shows a real record. */
export const SAMPLE_LOOKBACKS_SECONDS = [POLL_LOOKBACK_SECONDS, 31 * DAY, 400 * DAY, 20 * 365 * DAY];
/** The Zap editor takes three records. */
export const SAMPLE_SIZE = 3;

/**
 * Seeding the dedupe table (Zap turned on) reads ids only, and only what a later live poll could return:
 * - on the creation axis (and the deletion axis of /orders/deleted), a record created before the live window's start
 *   never enters a later window, so the seed is the live window itself;
 * - on the update axis, any record can be updated again later (an order paid last month and shipped today), so the
 *   seed reaches back 90 days, newest update first, as far as the 30 s budget allows. An older record that is
 *   updated again would fire once: Ecwid keeps no status history to tell "paid before the Zap was on" apart.
 */
export const DEDUPE_LOOKBACK_SECONDS = 90 * DAY;
export const DEDUPE_MAX_RECORDS = 10_000;
/** Ids-only pages, four at a time: ~150 requests is ~10 s at Ecwid's usual latency, a quarter of a minute's 600. */
export const DEDUPE_MAX_REQUESTS = 150;
/** The seed's second look, at what was updated while it read, may go past that bound by this much. */
const SEED_CATCH_UP_REQUESTS = 4;

export const dedupeLookbackSeconds = (spec: Pick<WindowSpec<unknown>, 'from'>): number =>
  spec.from === 'updatedFrom' ? DEDUPE_LOOKBACK_SECONDS : POLL_LOOKBACK_SECONDS;

/** A plan older than this is dropped (it would only cost requests: slices where the records no longer are). */
const PLAN_TTL_SECONDS = 24 * HOUR;

/** One plan per store, resource, filters and time axis; the key names no filter value. */
const slicePlanKey = (z: ZObject, bundle: Bundle, spec: Pick<WindowSpec<unknown>, 'path' | 'from' | 'params'>): string => {
  const window = createHash('sha256').update(JSON.stringify([spec.path, spec.from, spec.params])).digest('base64url').slice(0, 22);
  return `ecwid-slices:${storeIdOf(z, bundle)}:${window}`;
};

export type PollMode = 'live' | 'sample' | 'dedupe';

export const pollModeOf = (bundle: Bundle): PollMode =>
  bundle.meta?.isLoadingSample ? 'sample' : bundle.meta?.isPopulatingDedupe ? 'dedupe' : 'live';

/** What a polling trigger returns for `bundle.meta`: newest first, unique ids, within Zapier's limits. */
export const pollWindow = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  options: { dedupeSpec?: WindowSpec<T>; keep?: (record: T) => boolean } = {},
): Promise<T[]> => {
  const keep = options.keep ?? (() => true);
  const mode = pollModeOf(bundle);
  const now = nowUnix();
  let records: T[];
  if (mode === 'sample') {
    records = [];
    for (const lookback of SAMPLE_LOOKBACKS_SECONDS) {
      const read = await readWindow(z, bundle, spec, {
        fromSeconds: now - lookback,
        toSeconds: now,
        maxRecords: SAMPLE_SIZE,
        maxRequests: POLL_MAX_REQUESTS,
        concurrency: 1,
      });
      // Filtered before the three are taken, so "Test trigger" shows three matching records when there are.
      records = read.records.filter(keep).slice(0, SAMPLE_SIZE);
      if (records.length > 0) break;
    }
  } else if (mode === 'dedupe') {
    const dedupeSpec = options.dedupeSpec ?? spec;
    const read = await readWindow(z, bundle, dedupeSpec, {
      fromSeconds: now - dedupeLookbackSeconds(dedupeSpec),
      toSeconds: now,
      maxRecords: DEDUPE_MAX_RECORDS,
      maxRequests: DEDUPE_MAX_REQUESTS,
      skipUnreadable: true,
    });
    // Not only the complete newest part: an id read anywhere was in the store when the Zap was turned on, and
    // seeding it can only keep an old record from firing (a dense second left unread stops the complete part there).
    records = read.seen.filter(keep);
    if (dedupeSpec.from === 'updatedFrom' && read.requests > 1) {
      // A record updated while the seed was being read moved from a slice not yet read into one already read (an
      // order paid days ago, shipped that minute): read what was updated since the seed began and seed it too.
      // Anything paid in those seconds was paid as the Zap was being turned on; seeding it is as right as not.
      const moved = await readWindow(z, bundle, dedupeSpec, {
        fromSeconds: now,
        toSeconds: nowUnix(),
        maxRecords: DEDUPE_MAX_RECORDS,
        maxRequests: Math.max(SEED_CATCH_UP_REQUESTS, DEDUPE_MAX_REQUESTS - read.requests),
        skipUnreadable: true,
      });
      records = newestFirst([...moved.seen.filter(keep), ...records], dedupeSpec);
    }
  } else {
    const planKey = slicePlanKey(z, bundle, spec);
    const plan = await sharedCacheGet<SlicePlan>(z, planKey, isPlan);
    const read = await readWindow(z, bundle, spec, {
      fromSeconds: now - POLL_LOOKBACK_SECONDS,
      toSeconds: now,
      maxRecords: POLL_MAX_RECORDS,
      maxRequests: POLL_MAX_REQUESTS,
      plan,
    });
    // A quiet window (one page) needs no plan; one that had a plan is told it has none now.
    if (read.plan.cuts.length > 0 || (plan && plan.cuts.length > 0)) await sharedCacheSet(z, planKey, read.plan, PLAN_TTL_SECONDS);
    records = read.records.filter(keep);
  }
  const limit = Number(bundle.meta?.limit);
  return limit > 0 ? records.slice(0, limit) : records;
};

/**
 * A polling trigger's answer: the window's records that `keep` accepts, shaped by `toOutput`. The dedupe-seeding
 * poll, which only needs ids, reads `{id}` objects with `dedupeFields` (Ecwid's responseFields) so turning a Zap on
 * stays small. `withCurrency`: the output needs the store's currency, read alongside the window from the cached
 * profile (no extra request on a warm process; none at all for the dedupe poll).
 */
export const pollRecords = async <T, O>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  options: {
    dedupeFields: string;
    keep?: (record: T) => boolean;
    toOutput: (record: T, currency: string) => O;
    withCurrency?: boolean;
  },
): Promise<Array<{ id: string }>> => {
  const dedupeSpec = { ...spec, params: { ...spec.params, responseFields: options.dedupeFields } };
  const read = pollWindow(z, bundle, spec, { dedupeSpec, keep: options.keep });
  if (pollModeOf(bundle) === 'dedupe') return (await read).map((record) => ({ id: spec.idOf(record) }));
  const [records, profile] = await Promise.all([read, options.withCurrency ? cachedProfile(z, bundle) : undefined]);
  const outputs = records.map((record) => options.toOutput(record, profile?.currency ?? ''));
  // Zapier's types want string ids; Ecwid's customer and product ids are numbers, which Zapier accepts as well.
  return withinOutputBytes(records, outputs, spec.timeOf) as unknown as Array<{ id: string }>;
};

/**
 * The most a poll's output may weigh, as JSON. Zapier stops a trigger's answer at 6 MB (6,291,456 bytes:
 * zapier-platform-core's RESPONSE_SIZE_LIMIT) and a busy store's 1,000 orders can pass it — ~6 KB each here, more
 * with long item lists — which would fail every poll. Kept under with room for Zapier's own envelope.
 */
export const POLL_MAX_OUTPUT_BYTES = 5_000_000;

/**
 * The newest outputs that fit `POLL_MAX_OUTPUT_BYTES`, without splitting a second (see `wholeSecondsEnd`): the
 * rest stays in the window for the next poll. Only a single second heavier than the bound is split.
 */
export const withinOutputBytes = <T, O>(records: T[], outputs: O[], timeOf: (record: T) => number, maxBytes = POLL_MAX_OUTPUT_BYTES): O[] => {
  // "[", then each output followed by "," or, for the last, "]": the JSON array's exact size
  let bytes = 1;
  for (let i = 0; i < outputs.length; i += 1) {
    bytes += Buffer.byteLength(JSON.stringify(outputs[i])) + 1;
    if (bytes > maxBytes) return outputs.slice(0, wholeSecondsEnd(records, timeOf, i));
  }
  return outputs;
};
