import { expect, jest } from '@jest/globals';
import nock from 'nock';
import { ZAPIER_TAKES } from '../../../lib/polling/backlog.js';
import { pollRecords } from '../../../lib/polling/poll.js';
import { emptyCaches, type AppTester } from '../../../tools/local-platform.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../../fake-ecwid.js';
import { appTester, bundleFor } from '../../helpers.js';
import { NOW, spec } from './window-model.js';

/** What the backlog's tests share: Zapier's side of a polling Zap, and one poll of a fake store by that Zap. */

/**
 * Zapier as its docs describe polling (and the simulation plays it): dedupe on id; of the new items it takes all, or
 * (its default throttle) the first 100 in list order. The Zap-on poll seeds the dedupe table and fires nothing.
 */
export class Zapier {
  readonly seen = new Set<string>();
  readonly fired: string[] = [];
  constructor(readonly takesAll = false) {}
  seed(answer: Array<{ id: string }>): void {
    for (const item of answer) this.seen.add(item.id);
  }
  take(answer: Array<{ id: string }>): void {
    const fresh = answer.map((item) => item.id).filter((id) => !this.seen.has(id));
    for (const id of this.takesAll ? fresh : fresh.slice(0, ZAPIER_TAKES)) {
      this.seen.add(id);
      this.fired.push(id);
    }
  }
}

/** The app tester, whose `zcacheTestObj` stands for Zapier's cache (emptied or swapped to lose it). */
export const tester = appTester as unknown as AppTester;

/**
 * One poll of the store's created-time order window by Zap 'zap-1' (the Zap-on seed when `seeding`), against a fake
 * Ecwid listing rows in `rowOrder`. Every answer has unique ids; a live one is newest first.
 */
export const pollStore = async (
  store: FakeRecord[],
  { rowOrder, seed, seeding = false }: { rowOrder: RowOrder; seed: number; seeding?: boolean },
): Promise<Array<{ id: string; time: number }>> => {
  nock.cleanAll();
  fakeSearch('/orders', store, { rowOrder, seed });
  const answer = (await tester(
    (z: any, bundle: any) =>
      pollRecords(z, bundle, spec, {
        dedupeFields: 'items(id,createTimestamp)',
        toOutput: (r) => ({ id: String(r.id), time: Number(r.createTimestamp) }),
      }),
    bundleFor({}, { isPopulatingDedupe: seeding, zap: { id: 'zap-1' } } as any),
  )) as Array<{ id: string; time: number }>;
  const ids = answer.map((item) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
  if (!seeding) expect(answer.map((item) => item.time)).toEqual(answer.map((item) => item.time).sort((a, b) => b - a));
  return answer;
};

/**
 * A Zap turned on a second after NOW over a quiet store (five older orders), handed to `run`: the store, Zapier's side
 * of the Zap, and a virtual clock in unix seconds that Date.now follows until `run` ends.
 */
export const onQuietStore = async (
  rowOrder: RowOrder,
  run: (zap: { store: FakeRecord[]; zapier: Zapier; clock: { seconds: number } }) => Promise<void>,
): Promise<void> => {
  const clock = { seconds: NOW + 1 };
  const now = jest.spyOn(Date, 'now').mockImplementation(() => clock.seconds * 1000);
  const store: FakeRecord[] = Array.from({ length: 5 }, (_, i) => ({ id: `O${i}`, createTimestamp: NOW - 100 }));
  const zapier = new Zapier();
  emptyCaches(tester);
  try {
    zapier.seed(await pollStore(store, { rowOrder, seed: 1, seeding: true }));
    await run({ store, zapier, clock });
  } finally {
    now.mockRestore();
  }
};

/**
 * What every live answer must be, from Zapier's side: nothing skipped between its newest and its oldest record — every
 * record of the store from the oldest returned second on (up to `now`) is in it, unless Zapier has it already. (A
 * consumer that goes on from the oldest second it was shown would never see the rest of that second.) The one
 * exception, by design: an oldest second with more records Zapier has not seen than it takes from a poll goes out in
 * parts, first ids first.
 */
export const expectNoSkip = (
  answer: Array<{ id: string; time: number }>,
  store: FakeRecord[],
  zapier: Zapier,
  now: number,
): void => {
  if (answer.length === 0) return;
  const oldest = Math.min(...answer.map((item) => item.time));
  const unseenInOldest = store.filter((r) => Number(r.createTimestamp) === oldest && !zapier.seen.has(String(r.id)));
  const from = unseenInOldest.length > ZAPIER_TAKES ? oldest + 1 : oldest;
  const returned = new Set(answer.map((item) => item.id));
  const skipped = store
    .filter((r) => Number(r.createTimestamp) >= from && Number(r.createTimestamp) <= now)
    .map((r) => String(r.id))
    .filter((id) => !returned.has(id) && !zapier.seen.has(id));
  expect(skipped).toEqual([]);
};
