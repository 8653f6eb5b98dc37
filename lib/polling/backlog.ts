import type { Bundle, ZObject } from 'zapier-platform-core';
import { storeIdOf } from '../ecwid/client.js';
import { POLL_LOOKBACK_SECONDS } from './poll-limits.js';
import { windowHash } from './slice-plan.js';

/**
 * A backlog: what a Zap's polls have not yet handed to Zapier in a way Zapier surely took, so that a burst larger than
 * one answer drains over the next polls instead of being lost.
 *
 * What Zapier's docs promise: each poll's items are compared by id with every id seen before; new ones trigger and
 * are then seen. "Default: 100 new items recognized per poll after deduplication" (its polling throttle).
 * What is assumed beyond that, and what this design rests on:
 * - an unseen id triggers wherever it stands in the list (the answer is newest first, but a backlog part is older
 *   than ids Zapier has already seen);
 * - of more new items than it takes, Zapier takes (at least) the first `ZAPIER_TAKES` in list order, and does not
 *   mark the others as seen. So only an answer's first `ZAPIER_TAKES` items are counted as delivered; the rest stays in
 *   the backlog and is offered again (ids Zapier did take are dropped by its dedupe, never fired twice);
 * - Zapier uses every answer `perform` returns (the backlog is saved as the poll's last step, after its answer is
 *   final).
 *
 * The backlog is a hint, kept in Zapier's cache per Zap and window. Without it (evicted, cold, another Zap's, or no
 * Zap id in `bundle.meta`) a poll reads the whole window's complete newest part, exactly as before backlogs existed,
 * so losing it never loses more than that did; with a Zap id, the window's older rest then becomes the backlog.
 */

/** Zapier's default polling throttle: the new items per poll it surely takes, in list order (see above). */
export const ZAPIER_TAKES = 100;
/** A backlog older than the window is of no use: what it names can no longer be read. */
export const BACKLOG_TTL_SECONDS = POLL_LOOKBACK_SECONDS;
/** Ranges kept at most; past that the oldest two are merged (re-offering seen ids costs requests, never a firing). */
const MAX_RANGES = 50;

/** Seconds from … to, both included. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * A second of the backlog handed over in part: more records than one answer holds (a page of an import, a ticket
 * drop), so its records go out in newest-first order — ids descending within a second — and those up to `lastId` were.
 */
export interface SplitSecond {
  time: number;
  lastId: string;
}

export interface Backlog {
  /** The window it belongs to (checked against the key's). */
  window: string;
  /** Every record at or before this second (on the window's axis) was delivered, but for `ranges`. */
  deliveredTo: number;
  /** Not yet delivered, newest first, all before `deliveredTo`. */
  ranges: TimeRange[];
  /** A second in `ranges` of which part was delivered. */
  split?: SplitSecond;
}

/** Whether a second lies in one of these ranges (both ends included). */
export const inRanges = (ranges: TimeRange[], time: number): boolean =>
  ranges.some((range) => time >= range.from && time <= range.to);

/**
 * Whether Zapier may not have seen a record yet: newer than what was delivered, or in the backlog and not among a
 * split second's delivered ids. Without a backlog, any record may be new.
 */
export const mayBeNew = (backlog: Backlog | undefined, time: number, id?: string): boolean =>
  !backlog ||
  (!(backlog.split?.time === time && id !== undefined && id >= backlog.split.lastId) &&
    (!(time < backlog.deliveredTo) || inRanges(backlog.ranges, time)));

const isRange = (value: any): value is TimeRange =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger(value.from) &&
  Number.isInteger(value.to) &&
  value.from <= value.to;

/** A backlog that can be trusted as far as its shape goes: its window, ranges in order and before `deliveredTo`. */
export const isBacklogOf =
  (window: string, now: number) =>
  (value: any): boolean =>
    typeof value === 'object' &&
    value !== null &&
    value.window === window &&
    Number.isInteger(value.deliveredTo) &&
    value.deliveredTo <= now &&
    Array.isArray(value.ranges) &&
    value.ranges.length <= MAX_RANGES &&
    value.ranges.every(
      (range: unknown, i: number) =>
        isRange(range) && range.to <= value.deliveredTo && (i === 0 || range.to < value.ranges[i - 1].from),
    ) &&
    (value.split === undefined ||
      (typeof value.split === 'object' &&
        value.split !== null &&
        Number.isInteger(value.split.time) &&
        typeof value.split.lastId === 'string' &&
        inRanges(value.ranges, value.split.time)));

/**
 * One backlog per store, Zap and window. Zapier's cache is shared by every Zap of a connection, and what one Zap was
 * handed says nothing about another: without a Zap id there is no backlog.
 */
export const backlogKey = (
  z: ZObject,
  bundle: Bundle,
  spec: { path: string; from: string; params: unknown },
): string | undefined => {
  const zapId = bundle.meta?.zap?.id;
  return zapId === undefined || zapId === null || String(zapId) === ''
    ? undefined
    : `ecwid-backlog:${storeIdOf(z, bundle)}:${String(zapId)}:${windowHash(spec)}`;
};

/** `ranges` (newest first, disjoint) without the seconds in `cut`. */
const subtract = (ranges: TimeRange[], cut: TimeRange): TimeRange[] =>
  ranges.flatMap((range) => {
    if (cut.to < range.from || cut.from > range.to) return [range];
    return [
      ...(cut.to < range.to ? [{ from: cut.to + 1, to: range.to }] : []),
      ...(cut.from > range.from ? [{ from: range.from, to: cut.from - 1 }] : []),
    ];
  });

/** Adds a range newer than all of `ranges` (or touching the newest), newest first. */
const addNewest = (ranges: TimeRange[], range: TimeRange): TimeRange[] => {
  const [newest, ...rest] = ranges;
  if (newest && range.from <= newest.to + 1)
    return [{ from: Math.min(newest.from, range.from), to: Math.max(newest.to, range.to) }, ...rest];
  return [range, ...ranges];
};

/** At most MAX_RANGES: the oldest ones merged (their gap is re-offered, which costs requests but loses nothing). */
const capped = (ranges: TimeRange[]): TimeRange[] => {
  if (ranges.length <= MAX_RANGES) return ranges;
  const kept = ranges.slice(0, MAX_RANGES - 1);
  return [...kept, { from: ranges[ranges.length - 1].from, to: ranges[MAX_RANGES - 1].to }];
};

/**
 * The backlog after a poll at `now` that started from `before` (undefined: none) and answered with records covering
 * `covered`, of which everything strictly newer than `undeliveredFrom` counts as delivered (see `ZAPIER_TAKES`;
 * -Infinity when the whole answer does), and, of the second `handedOver` names, its records up to `lastId`.
 * Anything older than the window is dropped.
 */
export const nextBacklog = (
  window: string,
  before: Backlog | undefined,
  now: number,
  covered: TimeRange[],
  undeliveredFrom: number,
  handedOver?: SplitSecond,
): Backlog => {
  const windowFrom = now - POLL_LOOKBACK_SECONDS;
  // Not delivered before this poll: the old ranges, and everything since the last delivered second — or, with no
  // backlog (lost), the whole window: this poll answered as before backlogs, and the older rest is offered later
  // (ids Zapier has seen cost a place in an answer, never a firing).
  let open = before ? addNewest(before.ranges, { from: before.deliveredTo, to: now }) : [{ from: windowFrom, to: now }];
  for (const range of covered) {
    const delivered = { from: Math.max(range.from, Math.floor(undeliveredFrom) + 1), to: range.to };
    if (delivered.from <= delivered.to) open = subtract(open, delivered);
  }
  const inWindow = open
    .filter((range) => range.to >= windowFrom)
    .map((range) => ({ from: Math.max(range.from, windowFrom), to: range.to }));
  const ranges = capped(inWindow);
  // One split second is kept: this poll's, else the last one while it is still open. A split second forgotten is
  // offered again from its first id (seen ids cost a place in an answer, never a firing).
  const split = [handedOver, before?.split].find((second) => second && inRanges(ranges, second.time));
  return split ? { window, deliveredTo: now, ranges, split } : { window, deliveredTo: now, ranges };
};
