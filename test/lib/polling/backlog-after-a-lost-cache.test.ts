import { describe, expect, jest, test } from '@jest/globals';
import { ZAPIER_TAKES } from '../../../lib/polling/backlog.js';
import { emptyCaches } from '../../../tools/local-platform.js';
import type { FakeRecord, RowOrder } from '../../fake-ecwid.js';
import { NOW, useOfflineEcwid } from './window-model.js';
import { pollStore, tester, Zapier } from './zap-model.js';

useOfflineEcwid();

describe('losing the cache while a burst drains', () => {
  test('loses nothing: the burst is handed over in full, once, by the following polls', async () => {
    // The counterexample the backlog property test found (issue 19): 59 orders in one second before the Zap is on,
    // then 300 in the 34 seconds before the next poll, listed oldest first. Zapier takes 100 of them; the cache is
    // lost before the next poll; then the store is quiet and lists its rows in a new order on every request.
    let clock = NOW + 1;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => clock * 1000);
    const store: FakeRecord[] = Array.from({ length: 59 }, (_, i) => ({ id: `O${i}`, createTimestamp: NOW }));
    const burst = Array.from({ length: 300 }, (_, i) => ({ id: `B${i + 1}`, createTimestamp: NOW + 60 - (i % 34) }));
    const zapier = new Zapier();
    emptyCaches(tester);
    const poll = async (rowOrder: RowOrder) => zapier.take(await pollStore(store, { rowOrder, seed: 360 }));
    try {
      zapier.seed(await pollStore(store, { rowOrder: 'shuffled', seed: 60, seeding: true }));
      clock += 60;
      store.push(...burst);
      await poll('oldest');
      expect(zapier.fired).toHaveLength(ZAPIER_TAKES);
      clock += 60;
      emptyCaches(tester);
      await poll('oldest');
      // Without a backlog the poll answers as before backlogs: the window's complete newest part, of which Zapier
      // takes the next 100. The last 100 then drain from the backlog this poll leaves: a few polls, not never.
      expect(zapier.fired).toHaveLength(2 * ZAPIER_TAKES);
      for (let quiet = 0; quiet < 4; quiet += 1) {
        clock += 300;
        await poll('shuffled');
      }
      expect(burst.map((r) => r.id).filter((id) => !zapier.seen.has(id))).toEqual([]);
      expect([...zapier.fired].sort()).toEqual(burst.map((r) => r.id).sort());
    } finally {
      now.mockRestore();
    }
  });
});
