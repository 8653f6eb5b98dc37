/**
 * Time slices of a window and how a slice too large for one page is cut into smaller ones. Neighbouring slices share
 * their boundary second, since Ecwid does not say whether *From/*To are inclusive.
 */

export interface Slice {
  from: number;
  to: number;
  /** Records it is expected to hold, when something says (a plan, a sample); unknown slices count as large. */
  expected?: number;
}

/** Slices are cut to hold about this many records, so most come back in one page of 100. */
export const SLICE_TARGET = 80;

/**
 * Equal-time cuts are a guess (no sample says where the records are), so at most this many at once: a 90-day window
 * whose records all sit in its last days would otherwise cost a request per empty slice. A part that comes back too
 * large is cut again, at the quantiles of the page it returned.
 */
const EQUAL_TIME_MAX_PARTS = 8;
/** Fewer sample times than this say nothing about where the records are: cut by equal time instead. */
const MIN_SAMPLE_TIMES = 4;
/** A page whose times span at least this share of its slice is a sample of it; a narrower one is a block. */
const SAMPLE_SPREAD_SHARE = 0.5;
/** A slice this short (seconds, end minus start) cannot be cut by time any further. */
export const UNCUTTABLE_SPAN = 1;

/** Whether a record's time falls in the slice; a record with no time counts as in every slice. */
export const inSlice = (time: number, slice: Slice): boolean =>
  !Number.isFinite(time) || (time >= slice.from && time <= slice.to);

export const isCuttable = (slice: Slice): boolean => slice.to - slice.from > UNCUTTABLE_SPAN;

/** Boundaries (descending) cutting (to … from] into `parts` of equal time. */
const equalTimeCuts = (from: number, to: number, expected: number): number[] => {
  const parts = Math.min(Math.max(1, Math.ceil(expected / SLICE_TARGET)), Math.max(1, to - from), EQUAL_TIME_MAX_PARTS);
  return Array.from({ length: parts - 1 }, (_, k) => Math.round(to - ((k + 1) * (to - from)) / parts));
};

/** Boundaries (descending) at the time quantiles of `times` (newest first), for `expected` records. */
const quantileCuts = (times: number[], expected: number): number[] => {
  const parts = Math.max(1, Math.ceil(expected / SLICE_TARGET));
  return Array.from({ length: parts - 1 }, (_, k) => times[Math.floor(((k + 1) * times.length) / parts)]);
};

/**
 * A page bunched at one end of its slice is a block (the server listed rows oldest or newest first): its range holds
 * about the page's records, cut at their quantiles, and the rest of the slice the remaining ones, cut by equal time.
 */
const blockCuts = ({ from, to }: Slice, total: number, times: number[]): number[] => {
  const newest = times[0];
  const oldest = times[times.length - 1];
  const rest = Math.max(0, total - times.length);
  const after = to - newest;
  const before = oldest - from;
  const share = (length: number) => (after + before > 0 ? (rest * length) / (after + before) : 0);
  return [
    ...equalTimeCuts(newest, to, share(after)),
    ...(after > 0 ? [newest] : []),
    ...quantileCuts(times, times.length),
    ...(before > 0 ? [oldest] : []),
    ...equalTimeCuts(from, oldest, share(before)),
  ];
};

/** Where to cut, given the sample times inside the slice (newest first). */
const innerCuts = (slice: Slice, total: number, times: number[]): number[] => {
  if (times.length < MIN_SAMPLE_TIMES) return equalTimeCuts(slice.from, slice.to, total);
  const spread = times[0] - times[times.length - 1];
  if (spread >= (slice.to - slice.from) * SAMPLE_SPREAD_SHARE) return quantileCuts(times, total);
  return blockCuts(slice, total, times);
};

/**
 * Cuts a slice that holds `total` records into parts expected to hold `SLICE_TARGET` each, newest first, using the
 * page that came back as evidence of where the records are: a page spread over the slice is a sample of it, cut at
 * its time quantiles, which follows bursts (a sale, a newsletter) instead of assuming records spread evenly; a page
 * bunched at one end is a block (see `blockCuts`).
 */
export const cut = (slice: Slice, total: number, sampleTimes: number[]): Slice[] => {
  const { from, to } = slice;
  const times = sampleTimes.filter((time) => time >= from && time <= to).sort((a, b) => b - a);
  const boundaries = [to];
  for (const boundary of innerCuts(slice, total, times)) {
    // A quantile on the slice's own first or last second (most of the page there) moves a second inward: dropped, it
    // would leave the slice uncut, read again and again until the request budget is gone.
    const inner = Math.min(Math.max(boundary, from + 1), to - 1);
    if (inner < boundaries[boundaries.length - 1]) boundaries.push(inner);
  }
  boundaries.push(from);
  const expected = total / (boundaries.length - 1);
  return boundaries.slice(1).map((boundary, i) => ({ from: boundary, to: boundaries[i], expected }));
};
