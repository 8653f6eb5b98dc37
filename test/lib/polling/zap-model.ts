import { expect } from '@jest/globals';
import nock from 'nock';
import { ZAPIER_TAKES } from '../../../lib/polling/backlog.js';
import { pollRecords } from '../../../lib/polling/poll.js';
import type { AppTester } from '../../../tools/local-platform.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../../fake-ecwid.js';
import { appTester, bundleFor } from '../../helpers.js';
import { spec } from './window-model.js';

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
