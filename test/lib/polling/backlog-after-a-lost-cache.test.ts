import { describe, expect, jest, test } from '@jest/globals';
import nock from 'nock';
import { ZAPIER_TAKES } from '../../../lib/polling/backlog.js';
import { pollRecords } from '../../../lib/polling/poll.js';
import { emptyCaches, type AppTester } from '../../../tools/local-platform.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../../fake-ecwid.js';
import { appTester, bundleFor } from '../../helpers.js';
import { NOW, spec, useOfflineEcwid } from './window-model.js';

useOfflineEcwid();

const tester = appTester as unknown as AppTester;

/** Zapier's default throttle, as its docs describe it: dedupe on id, then the first 100 new items in list order. */
const zapier = () => {
  const seen = new Set<string>();
  const fired: string[] = [];
  return {
    seen,
    fired,
    seed: (answer: Array<{ id: string }>) => answer.forEach((item) => seen.add(item.id)),
    take: (answer: Array<{ id: string }>) => {
      for (const id of answer
        .map((item) => item.id)
        .filter((id) => !seen.has(id))
        .slice(0, ZAPIER_TAKES)) {
        seen.add(id);
        fired.push(id);
      }
    },
  };
};

describe('losing the cache while a burst drains', () => {
  test('loses nothing: the burst is handed over in full, once, by the following polls', async () => {
    // The counterexample the backlog property test found (issue 19): 59 orders in one second before the Zap is on,
    // then 300 in the 34 seconds before the next poll, listed oldest first. Zapier takes 100 of them; the cache is
    // lost before the next poll; then the store is quiet and lists its rows in a new order on every request.
    let clock = NOW + 1;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => clock * 1000);
    const store: FakeRecord[] = Array.from({ length: 59 }, (_, i) => ({ id: `O${i}`, createTimestamp: NOW }));
    const burst = Array.from({ length: 300 }, (_, i) => ({ id: `B${i + 1}`, createTimestamp: NOW + 60 - (i % 34) }));
    const zap = zapier();
    emptyCaches(tester);
    const poll = async (rowOrder: RowOrder, seeding = false) => {
      nock.cleanAll();
      fakeSearch('/orders', store, { rowOrder, seed: 1 + store.length });
      const answer = (await tester(
        (z: any, bundle: any) =>
          pollRecords(z, bundle, spec, {
            dedupeFields: 'items(id,createTimestamp)',
            toOutput: (r) => ({ id: String(r.id) }),
          }),
        bundleFor({}, { isPopulatingDedupe: seeding, zap: { id: 'zap-1' } } as any),
      )) as Array<{ id: string }>;
      (seeding ? zap.seed : zap.take)(answer);
    };
    try {
      await poll('shuffled', true);
      clock += 60;
      store.push(...burst);
      await poll('oldest');
      expect(zap.fired).toHaveLength(ZAPIER_TAKES);
      clock += 60;
      emptyCaches(tester);
      await poll('oldest');
      // Without a backlog the poll answers as before backlogs: the window's complete newest part, of which Zapier
      // takes the next 100. The last 100 then drain from the backlog this poll leaves: a few polls, not never.
      expect(zap.fired).toHaveLength(2 * ZAPIER_TAKES);
      for (let quiet = 0; quiet < 4; quiet += 1) {
        clock += 300;
        await poll('shuffled');
      }
      expect(burst.map((r) => r.id).filter((id) => !zap.seen.has(id))).toEqual([]);
      expect([...zap.fired].sort()).toEqual(burst.map((r) => r.id).sort());
    } finally {
      now.mockRestore();
    }
  });
});
