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
});
