import { describe, expect, test } from '@jest/globals';
import { ZAPIER_TAKES } from '../../../lib/polling/backlog.js';
import type { FakeRecord, RowOrder } from '../../fake-ecwid.js';
import { NOW, useOfflineEcwid } from './window-model.js';
import { expectNoSkip, onQuietStore, pollStore } from './zap-model.js';

useOfflineEcwid();

describe('a burst with more orders in one second than Zapier takes in a poll', () => {
  // 100 orders over 20 seconds, then 150 in one second (an import, a ticket drop), then 100 more over 20 seconds,
  // newest first. Ecwid lists rows in a stable order here, so the dense second can be read whole (with rows in a new
  // order on every request it cannot, before backlogs as now: the reader's documented limit).
  const burst: FakeRecord[] = [
    ...Array.from({ length: 100 }, (_, i) => ({ id: `N${100 + i}`, createTimestamp: NOW + 40 + (i % 20) })),
    ...Array.from({ length: 150 }, (_, i) => ({ id: `D${100 + i}`, createTimestamp: NOW + 30 })),
    ...Array.from({ length: 100 }, (_, i) => ({ id: `E${100 + i}`, createTimestamp: NOW + 10 + (i % 20) })),
  ];

  test.each<[RowOrder, number]>([
    ['oldest', 0],
    ['newest', 0],
    ['oldest', 3],
    ['newest', 3],
  ])('drains in parts, the dense second by its ids, rows listed %s first, %i new orders a poll', (rowOrder, trickle) =>
    onQuietStore(rowOrder, async ({ store, zapier, clock }) => {
      clock.seconds += 60;
      store.push(...burst);
      // 350 orders and the trickle: Zapier takes 100 a poll, so four polls and a spare one
      for (let poll = 0; poll < 5; poll += 1) {
        const answer = await pollStore(store, { rowOrder, seed: 1 });
        expectNoSkip(answer, store, zapier, clock.seconds);
        zapier.take(answer);
        expect(zapier.fired.length).toBeLessThanOrEqual((poll + 1) * ZAPIER_TAKES);
        clock.seconds += 300;
        for (let i = 0; i < trickle; i += 1)
          store.push({ id: `T${poll}-${i}`, createTimestamp: clock.seconds - 1 - i });
      }
      const created = store.filter((r) => Number(r.createTimestamp) > NOW).map((r) => String(r.id));
      zapier.take(await pollStore(store, { rowOrder, seed: 1 }));
      expect(created.filter((id) => !zapier.seen.has(id))).toEqual([]);
      expect([...zapier.fired].sort()).toEqual([...created].sort());
    }),
  );
});
