import { describe, expect, test } from '@jest/globals';
import { isBacklogOf, nextBacklog } from '../../../lib/polling/backlog.js';
import { POLL_LOOKBACK_SECONDS } from '../../../lib/polling/poll-limits.js';

const NOW = 1_800_000_000;
const mine = isBacklogOf('window-A', NOW);

describe('a cached backlog is used only when it is one of this window', () => {
  test.each([
    ['another window', { window: 'window-B', deliveredTo: NOW - 60, ranges: [] }],
    ['delivered up to a time still to come', { window: 'window-A', deliveredTo: NOW + 60, ranges: [] }],
    [
      'ranges out of order',
      {
        window: 'window-A',
        deliveredTo: NOW,
        ranges: [
          { from: 1, to: 2 },
          { from: 5, to: 9 },
        ],
      },
    ],
    [
      'a range after what was delivered',
      { window: 'window-A', deliveredTo: NOW - 60, ranges: [{ from: NOW - 30, to: NOW - 10 }] },
    ],
    ['a range ending before it starts', { window: 'window-A', deliveredTo: NOW, ranges: [{ from: 9, to: 5 }] }],
    ['no ranges at all', { window: 'window-A', deliveredTo: NOW }],
    [
      'a split second outside its ranges',
      { window: 'window-A', deliveredTo: NOW, ranges: [{ from: 5, to: 9 }], split: { time: 10, lastId: '7' } },
    ],
    [
      'a split second without an id',
      { window: 'window-A', deliveredTo: NOW, ranges: [{ from: 5, to: 9 }], split: { time: 9 } },
    ],
    ['not an object', 'ranges'],
  ])('not %s', (_, value) => {
    expect(mine(value)).toBe(false);
  });

  test('but a well-formed one of this window, however old', () => {
    expect(
      mine({
        window: 'window-A',
        deliveredTo: NOW - 86_400,
        ranges: [
          { from: NOW - 90_000, to: NOW - 86_400 },
          { from: 7, to: 9 },
        ],
        split: { time: 8, lastId: 'B151' },
      }),
    ).toBe(true);
  });
});

describe('the next backlog', () => {
  test('without one, is the whole window but what the answer surely handed over', () => {
    const next = nextBacklog('w', undefined, NOW, [{ from: NOW - 600, to: NOW }], NOW - 100);
    expect(next).toEqual({
      window: 'w',
      deliveredTo: NOW,
      ranges: [{ from: NOW - POLL_LOOKBACK_SECONDS, to: NOW - 100 }],
    });
  });

  test('keeps what was not read, and drops what has left the window', () => {
    const before = {
      window: 'w',
      deliveredTo: NOW - 300,
      ranges: [
        { from: NOW - 2000, to: NOW - 1000 },
        { from: NOW - POLL_LOOKBACK_SECONDS - 50, to: NOW - POLL_LOOKBACK_SECONDS + 10 },
      ],
    };
    // the poll read [NOW - 200, NOW] and the newest part of the first range, [NOW - 1500, NOW - 1000], all handed over
    const next = nextBacklog(
      'w',
      before,
      NOW,
      [
        { from: NOW - 200, to: NOW },
        { from: NOW - 1500, to: NOW - 1000 },
      ],
      -Infinity,
    );
    expect(next.ranges).toEqual([
      { from: NOW - 300, to: NOW - 201 },
      { from: NOW - 2000, to: NOW - 1501 },
      { from: NOW - POLL_LOOKBACK_SECONDS, to: NOW - POLL_LOOKBACK_SECONDS + 10 },
    ]);
  });

  test('keeps the second handed over in part while it is open, and forgets it once delivered', () => {
    const before = { window: 'w', deliveredTo: NOW - 300, ranges: [{ from: NOW - 2000, to: NOW - 1000 }] };
    // the answer ended in second NOW - 1000, of which the ids down to 'D151' went out
    const split = nextBacklog('w', before, NOW, [{ from: NOW - 999, to: NOW }], -Infinity, {
      time: NOW - 1000,
      lastId: 'D151',
    });
    expect(split).toEqual({
      window: 'w',
      deliveredTo: NOW,
      ranges: [{ from: NOW - 2000, to: NOW - 1000 }],
      split: { time: NOW - 1000, lastId: 'D151' },
    });
    // a quiet poll that did not reach it keeps it
    expect(nextBacklog('w', split, NOW + 60, [{ from: NOW, to: NOW + 60 }], -Infinity).split).toEqual(split.split);
    // one that delivered the rest of that second drops it
    const done = nextBacklog('w', split, NOW + 60, [{ from: NOW - 1500, to: NOW + 60 }], -Infinity);
    expect(done).toEqual({ window: 'w', deliveredTo: NOW + 60, ranges: [{ from: NOW - 2000, to: NOW - 1501 }] });
  });
});
