import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedProfile, sharedCacheGet, sharedCacheSet } from '../ecwid/client.js';
import { nowUnix } from '../ecwid/dates.js';
import { newestFirst, newestPart } from './newest-first.js';
import { withinOutputBytes } from './output-bound.js';
import {
  DEDUPE_LOOKBACK_SECONDS,
  DEDUPE_MAX_RECORDS,
  DEDUPE_MAX_REQUESTS,
  POLL_LOOKBACK_SECONDS,
  POLL_MAX_RECORDS,
  POLL_MAX_REQUESTS,
  SAMPLE_LOOKBACKS_SECONDS,
  SAMPLE_SIZE,
  SEED_CATCH_UP_REQUESTS,
} from './poll-limits.js';
import {
  BACKLOG_TTL_SECONDS,
  backlogKey,
  inRanges,
  isBacklogOf,
  mayBeNew,
  nextBacklog,
  ZAPIER_TAKES,
  type Backlog,
  type SplitSecond,
  type TimeRange,
} from './backlog.js';
import { isPlan, PLAN_TTL_SECONDS, slicePlanKey, windowHash, type SlicePlan } from './slice-plan.js';
import { readWindow, type WindowSpec } from './window-reader.js';

/** Zapier polls a trigger in three ways: live, "Test trigger" (sample), and to seed its dedupe table (Zap turned on). */
export type PollMode = 'live' | 'sample' | 'dedupe';

export const pollModeOf = (bundle: Bundle): PollMode =>
  bundle.meta?.isLoadingSample ? 'sample' : bundle.meta?.isPopulatingDedupe ? 'dedupe' : 'live';

const dedupeLookbackSeconds = (spec: Pick<WindowSpec<unknown>, 'from'>): number =>
  spec.from === 'updatedFrom' ? DEDUPE_LOOKBACK_SECONDS : POLL_LOOKBACK_SECONDS;

type Keep<T> = (record: T) => boolean;

/** "Test trigger": the newest few matching records, looking further back until there are some. */
const sampleRecords = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  keep: Keep<T>,
  now: number,
): Promise<T[]> => {
  for (const lookback of SAMPLE_LOOKBACKS_SECONDS) {
    const read = await readWindow(z, bundle, spec, {
      fromSeconds: now - lookback,
      toSeconds: now,
      maxRecords: SAMPLE_SIZE,
      maxRequests: POLL_MAX_REQUESTS,
      concurrency: 1,
    });
    // Filtered before the three are taken, so "Test trigger" shows three matching records when there are.
    const records = read.records.filter(keep).slice(0, SAMPLE_SIZE);
    if (records.length > 0) return records;
  }
  return [];
};

/** Zap turned on: every id a later live poll could return, so that none of them fires. */
const seedRecords = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  keep: Keep<T>,
  now: number,
): Promise<T[]> => {
  const read = await readWindow(z, bundle, spec, {
    fromSeconds: now - dedupeLookbackSeconds(spec),
    toSeconds: now,
    maxRecords: DEDUPE_MAX_RECORDS,
    maxRequests: DEDUPE_MAX_REQUESTS,
    skipUnreadable: true,
  });
  // Not only the complete newest part: an id read anywhere was in the store when the Zap was turned on, and
  // seeding it can only keep an old record from firing (a dense second left unread stops the complete part there).
  const records = read.seen.filter(keep);
  if (spec.from !== 'updatedFrom' || read.requests <= 1) return records;
  // A record updated while the seed was being read moved from a slice not yet read into one already read (an
  // order paid days ago, shipped that minute): read what was updated since the seed began and seed it too.
  // Anything paid in those seconds was paid as the Zap was being turned on; seeding it is as right as not.
  const moved = await readWindow(z, bundle, spec, {
    fromSeconds: now,
    toSeconds: nowUnix(),
    maxRecords: DEDUPE_MAX_RECORDS,
    maxRequests: Math.max(SEED_CATCH_UP_REQUESTS, DEDUPE_MAX_REQUESTS - read.requests),
    skipUnreadable: true,
  });
  return newestFirst([...moved.seen.filter(keep), ...records], spec);
};

/**
 * What a poll answers, and what to do once its answer is final: `settle` is told the time (on the window's axis) of
 * every output it would have returned, in order, how many it did return (the rest cut by a bound), and the id of the
 * record each output comes from (without them, a second too large for one answer cannot be handed over in parts). A
 * live poll then saves its backlog; the Zap-on seed saves an empty one (what it read is seeded, what it could not read
 * is older than the Zap and must not fire).
 */
export interface PollAnswer<T> {
  records: T[];
  settle: (outputTimes: number[], answered: number, outputIds?: string[]) => Promise<void>;
}

const settled = async (): Promise<void> => undefined;

/**
 * The live window's newest part: all of it as before backlogs existed — or, while a backlog drains, only what is newer
 * than the last second delivered (the rest of the window is delivered or in the backlog), leaving the request bound to
 * the backlog's next part.
 */
const readNewest = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  now: number,
  draining: Backlog | undefined,
) => {
  const planKey = slicePlanKey(z, bundle, spec);
  const plan = await sharedCacheGet<SlicePlan>(z, planKey, isPlan);
  const read = await readWindow(z, bundle, spec, {
    fromSeconds: draining ? Math.max(draining.deliveredTo, now - POLL_LOOKBACK_SECONDS) : now - POLL_LOOKBACK_SECONDS,
    toSeconds: now,
    maxRecords: POLL_MAX_RECORDS,
    maxRequests: POLL_MAX_REQUESTS,
    plan,
  });
  // A quiet window (one page) needs no plan; one that had a plan is told it has none now. A plan stands for the whole
  // window, so a read of its newest part alone leaves it as it is.
  if (!draining && (read.plan.cuts.length > 0 || (plan && plan.cuts.length > 0)))
    await sharedCacheSet(z, planKey, read.plan, PLAN_TTL_SECONDS);
  return read;
};

/**
 * The next part of the backlog, older than the newest part (which ends at `newestFrom`): complete newest parts of
 * its ranges, newest range first, as many records as Zapier still takes this poll, within the request bound, in
 * whole seconds. A second is never cut for want of room (the answer would skip the rest of it, a patchwork): the
 * part's first second goes whole even past that room, unless it holds more than Zapier takes from one poll — then it
 * goes out in parts, its first ids first (see `SplitSecond`).
 */
const readBacklogPart = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  backlog: Backlog,
  newestFrom: number,
  room: { records: number; requests: number },
): Promise<{ records: T[]; covered: TimeRange[] }> => {
  const records: T[] = [];
  const covered: TimeRange[] = [];
  const { split } = backlog;
  /**
   * One second's records that Zapier may not have (a split second's ids not yet delivered), ids descending: all of
   * them when they fit `wanted`, or when they open the backlog part and Zapier takes them in one poll; else, opening
   * it, its first `wanted` ids. `complete`: all of them went.
   */
  const readSecond = async (time: number, wanted: number): Promise<{ records: T[]; complete: boolean }> => {
    const read = await readWindow(z, bundle, spec, {
      fromSeconds: time,
      toSeconds: time,
      maxRecords: POLL_MAX_RECORDS,
      maxRequests: room.requests,
      concurrency: 1,
    });
    room.requests -= read.requests;
    const undelivered = read.records.filter((record) => mayBeNew(backlog, time, spec.idOf(record)));
    const opens = records.length === 0;
    if (read.complete && (undelivered.length <= wanted || (opens && undelivered.length <= ZAPIER_TAKES)))
      return { records: undelivered, complete: true };
    return { records: opens ? undelivered.slice(0, wanted) : [], complete: false };
  };
  // Newest first: what is newer than the last delivered second (when the newest part did not reach it), then the
  // ranges; a second handed over in part is read on its own, for the ids not yet delivered.
  const parts = [{ from: backlog.deliveredTo, to: newestFrom - 1 }, ...backlog.ranges]
    .map((range) => ({ from: range.from, to: Math.min(range.to, newestFrom - 1) }))
    .flatMap((range) =>
      split && inRanges([range], split.time)
        ? [
            { from: split.time + 1, to: range.to },
            { from: split.time, to: split.time },
            { from: range.from, to: split.time - 1 },
          ]
        : [range],
    )
    .filter((range) => range.from <= range.to);
  for (const range of parts) {
    const wanted = room.records - records.length;
    if (wanted <= 0 || room.requests <= 0) break;
    if (range.from === split?.time && range.to === split.time) {
      const second = await readSecond(range.from, wanted);
      records.push(...second.records);
      if (!second.complete) break;
      covered.push(range);
      continue;
    }
    const read = await readWindow(z, bundle, spec, {
      fromSeconds: range.from,
      toSeconds: range.to,
      maxRecords: wanted,
      maxRequests: room.requests,
      concurrency: 1,
    });
    room.requests -= read.requests;
    const whole = read.records.filter((record) => !(spec.timeOf(record) < read.readFrom));
    records.push(...whole);
    if (read.readFrom <= range.to) covered.push({ from: read.readFrom, to: range.to });
    if (whole.length === 0 && records.length === 0 && read.records.length > 0) {
      // Not even the newest second fits `wanted` (the reader cut it): read it alone, to hand it over whole.
      const time = spec.timeOf(read.records[0]);
      const second = await readSecond(time, wanted);
      records.push(...second.records);
      if (second.complete) covered.push({ from: time, to: time });
      break;
    }
    if (!read.complete) break;
  }
  return { records, covered };
};

/**
 * What of an answer counts as delivered. Zapier surely takes the first ZAPIER_TAKES outputs that may be new to it
 * (see lib/polling/backlog.ts); everything at or before the time of the next one — or of the first output cut from
 * the answer — counts as not delivered (`undeliveredFrom`; -Infinity when all of it does), but for the last record
 * whose outputs all went before it (`handedOver`): that record's second was handed over up to its id, which the
 * backlog keeps when the second is left open (split by this cut, or answered in part).
 */
const deliveredPart = (
  backlog: Backlog | undefined,
  outputTimes: number[],
  outputIds: string[] | undefined,
  answered: number,
): { undeliveredFrom: number; handedOver?: SplitSecond } => {
  let taken = 0;
  let end = outputTimes.length;
  for (const [i, time] of outputTimes.entries()) {
    if (i >= answered) {
      end = i;
      break;
    }
    if (!mayBeNew(backlog, time, outputIds?.[i])) continue;
    if (!Number.isFinite(time) || taken === ZAPIER_TAKES) {
      end = i;
      break;
    }
    taken += 1;
  }
  const cutAt = outputTimes[end];
  const undeliveredFrom =
    end === outputTimes.length ? -Infinity : end >= answered || Number.isFinite(cutAt) ? cutAt : Infinity;
  if (!outputIds) return { undeliveredFrom };
  let last = end - 1;
  while (last >= 0 && end < outputIds.length && outputIds[last] === outputIds[end]) last -= 1;
  const time = outputTimes[last];
  return last >= 0 && Number.isFinite(time) && mayBeNew(backlog, time, outputIds[last])
    ? { undeliveredFrom, handedOver: { time, lastId: outputIds[last] } }
    : { undeliveredFrom };
};

/**
 * A live poll: the window's complete newest part, read along the slice plan the last poll left, then the next part
 * of this Zap's backlog (what earlier polls could not hand over), oldest parts last. Newest first, unique ids.
 */
const liveAnswer = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  keep: Keep<T>,
  now: number,
): Promise<PollAnswer<T>> => {
  const key = backlogKey(z, bundle, spec);
  const window = windowHash(spec);
  const backlog = key ? await sharedCacheGet<Backlog>(z, key, isBacklogOf(window, now)) : undefined;
  const draining = backlog !== undefined && backlog.ranges.length > 0;
  const newest = await readNewest(z, bundle, spec, now, draining ? backlog : undefined);
  // While a backlog drains, an answer holds only what Zapier may not have seen, and no more of it than Zapier surely
  // takes: what it has seen would only take the place (and the 5 MB) of the backlog's next part, and what it would
  // not take would be offered again anyway. Otherwise the answer is the whole newest part, as before backlogs.
  const unseen = newest.records.filter(
    (record) => keep(record) && (!draining || mayBeNew(backlog, spec.timeOf(record), spec.idOf(record))),
  );
  const newestRecords = draining ? newestPart(unseen, spec, ZAPIER_TAKES) : unseen;
  const firstLeftOut = newestRecords.length < unseen.length ? spec.timeOf(unseen[newestRecords.length]) : NaN;
  const covered: TimeRange[] = [
    { from: Number.isFinite(firstLeftOut) ? Math.max(newest.readFrom, firstLeftOut + 1) : newest.readFrom, to: now },
  ];
  let older: T[] = [];
  if (draining) {
    const room = { records: ZAPIER_TAKES - newestRecords.length, requests: POLL_MAX_REQUESTS - newest.requests };
    const part = await readBacklogPart(z, bundle, spec, backlog, covered[0].from, room);
    older = part.records.filter(keep);
    covered.push(...part.covered);
  }
  const records = newestFirst([...newestRecords, ...older], spec);
  const settle = async (outputTimes: number[], answered: number, outputIds?: string[]) => {
    if (!key) return;
    const delivered = deliveredPart(backlog, outputTimes, outputIds, answered);
    const next = nextBacklog(window, backlog, now, covered, delivered.undeliveredFrom, delivered.handedOver);
    await sharedCacheSet(z, key, next, BACKLOG_TTL_SECONDS);
  };
  return { records, settle };
};

/** The Zap-on seed's answer: what it read is seeded, so the Zap's backlog starts empty at the seed's start. */
const seedAnswer = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  records: T[],
  now: number,
): Promise<PollAnswer<T>> => {
  const key = backlogKey(z, bundle, spec);
  const settle = async () => {
    if (key)
      await sharedCacheSet(
        z,
        key,
        { window: windowHash(spec), deliveredTo: now, ranges: [] } satisfies Backlog,
        BACKLOG_TTL_SECONDS,
      );
  };
  return { records, settle };
};

/** What a polling trigger returns for `bundle.meta`: newest first, unique ids, within Zapier's limits. */
export const pollWindow = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  options: { dedupeSpec?: WindowSpec<T>; keep?: Keep<T> } = {},
): Promise<PollAnswer<T>> => {
  const keep = options.keep ?? (() => true);
  const mode = pollModeOf(bundle);
  const now = nowUnix();
  const answer =
    mode === 'sample'
      ? { records: await sampleRecords(z, bundle, spec, keep, now), settle: settled }
      : mode === 'dedupe'
        ? await seedAnswer(z, bundle, spec, await seedRecords(z, bundle, options.dedupeSpec ?? spec, keep, now), now)
        : await liveAnswer(z, bundle, spec, keep, now);
  const limit = Number(bundle.meta?.limit);
  if (!(limit > 0 && answer.records.length > limit)) return answer;
  // What `limit` leaves out was not handed over: the first record cut ends what may count as delivered.
  const firstCut = answer.records[limit];
  return {
    records: answer.records.slice(0, limit),
    settle: (times, answered, ids) =>
      answer.settle([...times, spec.timeOf(firstCut)], answered, ids && [...ids, spec.idOf(firstCut)]),
  };
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
    keep?: Keep<T>;
    toOutput: (record: T, currency: string) => O;
    withCurrency?: boolean;
  },
): Promise<Array<{ id: string }>> => {
  const dedupeSpec = { ...spec, params: { ...spec.params, responseFields: options.dedupeFields } };
  const read = pollWindow(z, bundle, spec, { dedupeSpec, keep: options.keep });
  if (pollModeOf(bundle) === 'dedupe') {
    const { records, settle } = await read;
    await settle([], records.length);
    return records.map((record) => ({ id: spec.idOf(record) }));
  }
  const [{ records, settle }, profile] = await Promise.all([
    read,
    options.withCurrency ? cachedProfile(z, bundle) : undefined,
  ]);
  const outputs = records.map((record) => options.toOutput(record, profile?.currency ?? ''));
  const answer = withinOutputBytes(records, outputs, spec.timeOf);
  await settle(records.map(spec.timeOf), answer.length, records.map(spec.idOf));
  // Zapier's types want string ids; Ecwid's customer and product ids are numbers, which Zapier accepts as well.
  return answer as unknown as Array<{ id: string }>;
};
