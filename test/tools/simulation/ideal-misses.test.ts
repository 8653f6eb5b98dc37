import { describe, expect, test } from '@jest/globals';
import { idealMisses } from '../../../tools/simulation/simulation-core.js';

/**
 * The simulation's yardstick for missed items (tools/simulation/simulation-core.ts): what an ideal connector handing
 * over at most `perPoll` items a poll would miss, by the order it hands them over in. Polls are [start, end) in ms;
 * an item can be handed over by a poll it shows throughout.
 */
const polls: Array<[number, number]> = [
  [0, 1],
  [10, 11],
  [20, 21],
];

describe('idealMisses', () => {
  // "a" shows from 0 through the first poll only; "b" through all three; "c" appears before the second poll and stays.
  const showings: Record<string, Array<[number, number]>> = {
    a: [[0, 5]],
    b: [[0, Number.POSITIVE_INFINITY]],
    c: [[5, Number.POSITIVE_INFINITY]],
  };
  const misses = (perPoll: number, order: 'deadline' | 'oldest' | 'newest', items = ['a', 'b', 'c']) =>
    idealMisses(items, (id) => showings[id] ?? [], polls, perPoll, order);

  test('knowing when items stop showing, one a poll hands over all three: "a" first, it goes soonest', () => {
    expect(misses(1, 'deadline')).toBe(0);
  });

  test('not knowing the future, the order decides: oldest first spends the only chance of a short-lived item', () => {
    // "a" shows shortly after "b" and is gone before the second poll; one item a poll.
    const showingsOf = (id: string): Array<[number, number]> => (id === 'a' ? [[0.5, 5]] : [[0, 30]]);
    const twoPolls: Array<[number, number]> = [
      [1, 2],
      [10, 11],
    ];
    expect(idealMisses(['a', 'b'], showingsOf, twoPolls, 1, 'newest')).toBe(0);
    expect(idealMisses(['a', 'b'], showingsOf, twoPolls, 1, 'oldest')).toBe(1);
    expect(idealMisses(['a', 'b'], showingsOf, twoPolls, 1, 'deadline')).toBe(0);
  });

  test('more items than polls × take are missed whatever the order; an item never shown throughout a poll always is', () => {
    expect(misses(1, 'deadline', ['a', 'b', 'c', 'd'])).toBe(1);
    expect(idealMisses(['x'], () => [[2, 9]], polls, 5, 'deadline')).toBe(1);
  });

  test('an item handed over once is not handed over again when it shows again', () => {
    const twice: Array<[number, number]> = [
      [0, 5],
      [15, 25],
    ];
    expect(idealMisses(['x', 'y'], (id) => (id === 'x' ? twice : [[0, 30]]), polls, 1, 'deadline')).toBe(0);
  });
});
