import { API, ecwidApi } from './helpers.js';

/**
 * A minimal stand-in for Ecwid's search endpoints in unit tests: applies the time and status filters, `offset` and
 * `limit`, reports `total`, and returns rows in the order asked for — Ecwid promises none for /orders.
 * (End-to-end tests use the sandbox in sandbox/; this keeps unit tests exact about each query.)
 */
export type RowOrder = 'oldest' | 'newest' | 'shuffled';

export interface FakeRecord {
  id: string | number;
  createTimestamp?: number;
  updateTimestamp?: number;
  paymentStatus?: string;
  fulfillmentStatus?: string;
  [key: string]: unknown;
}

export interface FakeEndpoint {
  /** every query received, in order */
  queries: Array<Record<string, string>>;
}

const seededShuffle = <T>(rows: T[], seed: number): T[] => {
  const out = [...rows];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

export const fakeSearch = (
  path: string,
  records: FakeRecord[],
  { rowOrder = 'oldest', seed = 7 }: { rowOrder?: RowOrder; seed?: number } = {},
): FakeEndpoint => {
  const endpoint: FakeEndpoint = { queries: [] };
  ecwidApi()
    .persist()
    .get(path)
    .query(true)
    .reply((uri: unknown) => {
      // nock 15 hands over the request (older versions: the path)
      const url = typeof uri === 'string' ? uri : String((uri as unknown as { url: string }).url);
      const query = Object.fromEntries(new URL(url, API).searchParams);
      endpoint.queries.push(query);
      const between = (value: number | undefined, from?: string, to?: string) =>
        (from === undefined || (value ?? 0) >= Number(from)) && (to === undefined || (value ?? 0) <= Number(to));
      const within = (list: string | undefined, value: string | undefined) =>
        !list || list.split(',').includes(String(value));
      const matching = records.filter(
        (r) =>
          between(r.createTimestamp, query.createdFrom, query.createdTo) &&
          between(r.updateTimestamp, query.updatedFrom, query.updatedTo) &&
          within(query.paymentStatus, r.paymentStatus) &&
          within(query.fulfillmentStatus, r.fulfillmentStatus) &&
          (query.paymentStatus?.includes('INCOMPLETE') || r.paymentStatus !== 'INCOMPLETE'),
      );
      const byCreation = [...matching].sort((a, b) => (a.createTimestamp ?? 0) - (b.createTimestamp ?? 0));
      const ordered =
        rowOrder === 'oldest'
          ? byCreation
          : rowOrder === 'newest'
            ? byCreation.reverse()
            : seededShuffle(byCreation, seed + endpoint.queries.length);
      const offset = Number(query.offset ?? 0);
      const limit = Math.min(Number(query.limit ?? 10), 100);
      const items = ordered.slice(offset, offset + limit);
      return [200, { total: matching.length, count: items.length, offset, limit, items }];
    });
  return endpoint;
};
