import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedProfile, sharedCacheGet, sharedCacheSet } from '../ecwid/client.js';
import { nowUnix } from '../ecwid/dates.js';
import { newestFirst } from './newest-first.js';
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
import { isPlan, PLAN_TTL_SECONDS, slicePlanKey, type SlicePlan } from './slice-plan.js';
import { readWindow, type WindowSpec } from './window-reader.js';

/** Zapier polls a trigger in three ways: live, "Test trigger" (sample), and to seed its dedupe table (Zap turned on). */
export type PollMode = 'live' | 'sample' | 'dedupe';

export const pollModeOf = (bundle: Bundle): PollMode =>
  bundle.meta?.isLoadingSample ? 'sample' : bundle.meta?.isPopulatingDedupe ? 'dedupe' : 'live';

const dedupeLookbackSeconds = (spec: Pick<WindowSpec<unknown>, 'from'>): number =>
  spec.from === 'createdFrom' ? POLL_LOOKBACK_SECONDS : DEDUPE_LOOKBACK_SECONDS;

type Keep<T> = (record: T) => boolean;

/** "Test trigger": the newest few matching records, looking further back until there are some. */
const sampleRecords = async <T>(z: ZObject, bundle: Bundle, spec: WindowSpec<T>, keep: Keep<T>, now: number): Promise<T[]> => {
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
const seedRecords = async <T>(z: ZObject, bundle: Bundle, spec: WindowSpec<T>, keep: Keep<T>, now: number): Promise<T[]> => {
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

/** A live poll: the window's complete newest part, read along the slice plan the last poll left. */
const liveRecords = async <T>(z: ZObject, bundle: Bundle, spec: WindowSpec<T>, keep: Keep<T>, now: number): Promise<T[]> => {
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
  return read.records.filter(keep);
};

/** What a polling trigger returns for `bundle.meta`: newest first, unique ids, within Zapier's limits. */
export const pollWindow = async <T>(
  z: ZObject,
  bundle: Bundle,
  spec: WindowSpec<T>,
  options: { dedupeSpec?: WindowSpec<T>; keep?: Keep<T> } = {},
): Promise<T[]> => {
  const keep = options.keep ?? (() => true);
  const mode = pollModeOf(bundle);
  const now = nowUnix();
  const records =
    mode === 'sample'
      ? await sampleRecords(z, bundle, spec, keep, now)
      : mode === 'dedupe'
        ? await seedRecords(z, bundle, options.dedupeSpec ?? spec, keep, now)
        : await liveRecords(z, bundle, spec, keep, now);
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
    keep?: Keep<T>;
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
