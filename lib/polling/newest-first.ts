/** Newest-first lists of records on a window's time axis, and where such a list may end without splitting a second. */

interface TimeAxis<T> {
  /** The record's time on the window's axis, in unix seconds (NaN when unknown). */
  timeOf: (record: T) => number;
}

/** Records sorted newest first on the window's axis; ties broken by id so every run gives the same order. */
export const newestFirst = <T>(records: T[], spec: TimeAxis<T> & { idOf: (record: T) => string }): T[] => {
  const unique = new Map<string, T>();
  for (const record of records) {
    const id = spec.idOf(record);
    const seen = unique.get(id);
    // Neighbouring slices share their boundary second: keep one copy, in its newest state.
    if (!seen || (spec.timeOf(record) || 0) >= (spec.timeOf(seen) || 0)) unique.set(id, record);
  }
  return [...unique.values()].sort((a, b) => {
    const byTime = (spec.timeOf(b) || 0) - (spec.timeOf(a) || 0);
    if (byTime !== 0) return byTime;
    const idA = spec.idOf(a);
    const idB = spec.idOf(b);
    return idA < idB ? 1 : idA > idB ? -1 : 0;
  });
};

/**
 * Where to end a newest-first list that must stop before index `end`, without splitting a second: records sharing
 * the second of the first one left out are all left out too, so what is kept holds every record from its oldest
 * second on (the next poll cannot skip the rest). Only when that second starts the list is it split, rather than
 * keeping nothing.
 */
export const wholeSecondsEnd = <T>(records: T[], timeOf: (record: T) => number, end: number): number => {
  const boundary = timeOf(records[end]);
  let kept = end;
  while (kept > 0 && timeOf(records[kept - 1]) === boundary) kept -= 1;
  return kept > 0 ? kept : end;
};

/** The first `max` of a newest-first list, without splitting a second (see `wholeSecondsEnd`). */
export const newestPart = <T>(records: T[], spec: TimeAxis<T>, max: number): T[] =>
  records.length <= max ? records : records.slice(0, wholeSecondsEnd(records, spec.timeOf, max));
