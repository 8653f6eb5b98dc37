import { expect } from '@jest/globals';
import fc from 'fast-check';
import zapier, { type ZObject } from 'zapier-platform-core';
import nock from 'nock';
import App from '../../index.js';
import { handleEcwidErrors } from '../../lib/ecwid/errors.js';
import { API, API_PATH, bundleFor, perform, shownMessage } from '../helpers.js';

/** What one intercepted request carried. */
export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/**
 * Records every request to Ecwid (method, path, every query parameter, JSON body) and answers with `reply`.
 * For property tests, where the exact request is computed per run; fixed tests pin requests with plain nock.
 */
export const recordEcwid = (reply: (seen: Seen) => [number, unknown]): Seen[] => {
  const seen: Seen[] = [];
  // nock 15 hands the reply function the fetch Request (and a callback, since reading the body is async).
  const answer = (request: Request, done: (error: Error | null, reply?: [number, any]) => void): void => {
    request
      .text()
      .then((text) => {
        const url = new URL(request.url);
        const entry: Seen = {
          method: request.method,
          path: url.pathname.slice(API_PATH.length),
          query: Object.fromEntries(url.searchParams),
          body: text === '' ? undefined : JSON.parse(text),
        };
        seen.push(entry);
        done(null, reply(entry) as [number, any]);
      })
      .catch((error: Error) => done(error));
  };
  // Optional: an unused verb is not a pending mock.
  for (const verb of ['get', 'post', 'put', 'delete'] as const) {
    nock(API)
      [verb](new RegExp(`^${API_PATH}/`))
      .query(true)
      .optionally()
      .reply(answer as any)
      .persist();
  }
  return seen;
};

/**
 * The field an input error names: messages start with the field's label ("Discount must be…", "Email is
 * required…", "Shipping Methods apply only…"). The longest label wins, so "Discount Type" is not read as "Discount".
 */
export const namedField = (message: string, labels: readonly string[]): string | undefined =>
  [...labels]
    .sort((a, b) => b.length - a.length)
    .find((label) =>
      new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (must|is required|apply only)\\b`).test(message),
    );

/**
 * A `z` whose `request` records what the app asks of Ecwid and answers with `reply`, without HTTP: for property
 * tests with thousands of runs (a run through createAppTester costs ~50 ms). The app's error mapper still turns
 * answers ≥ 400 into its errors. Tests through the real middleware and nock check the wire format separately.
 */
export const recordingZ = (reply: (seen: Seen) => [number, unknown]) => {
  const seen: Seen[] = [];
  const z = {
    errors: zapier.errors,
    console,
    request: async (options: { url: string; method?: string; params?: Record<string, string>; body?: unknown }) => {
      const url = new URL(options.url);
      const entry: Seen = {
        method: options.method ?? 'GET',
        path: url.pathname.slice(API_PATH.length),
        query: { ...(options.params ?? {}) },
        body: options.body === undefined ? undefined : JSON.parse(JSON.stringify(options.body)),
      };
      seen.push(entry);
      const [status, data] = reply(entry);
      const response = {
        status,
        data,
        content: JSON.stringify(data),
        headers: new Map(),
        request: { ...options, url: options.url },
      };
      return handleEcwidErrors(response as any, z as any, {} as any);
    },
  } as unknown as ZObject;
  return { z, seen };
};

/** What one run of a create did: the requests it made, and its result or its error. */
export type Outcome = { seen: Seen[]; result?: any; error?: Error };

const outcomeOf = async (seen: Seen[], run: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { seen, result: await run() };
  } catch (error) {
    return { seen, error: error as Error };
  }
};

/**
 * Two ways to run create `key` on an input, against a fresh store answered by `store()`: `direct`, its perform with a
 * recording `z` (the same code path above z.request, thousands of runs a second); `throughHttp`, through the app's
 * middleware and HTTP (nock): slower, so fewer runs.
 */
export const createRunners = (key: string, store: () => (seen: Seen) => [number, unknown]) => ({
  direct: (input: Record<string, unknown>): Promise<Outcome> => {
    const { z, seen } = recordingZ(store());
    return outcomeOf(seen, () => (App.creates as Record<string, any>)[key].operation.perform(z, bundleFor(input)));
  },
  throughHttp: (input: Record<string, unknown>): Promise<Outcome> => {
    nock.cleanAll();
    const seen = recordEcwid(store());
    return outcomeOf(seen, () => perform('creates', key, bundleFor(input)));
  },
});

export type Tally = { sent: number; refused: number };

/**
 * The first check of a generated input's outcome: with fields the oracle found wrong, it must be refused (and counts
 * as refused); without, it must have gone through without an error (and counts as sent). True when it was sent, for
 * the caller to check what was sent.
 */
export const expectRefusedOrSent = (
  outcome: Outcome,
  invalid: Set<string>,
  labels: readonly string[],
  tally: Tally,
): boolean => {
  if (invalid.size > 0) {
    tally.refused += 1;
    expectRefused(outcome, invalid, labels);
    return false;
  }
  tally.sent += 1;
  expect(outcome.error).toBeUndefined();
  return true;
};

/** Checks `property` (made with a tally) on `numRuns` generated inputs; returns how many were sent and how many refused. */
export const tallyRuns = async (property: (tally: Tally) => fc.IAsyncPropertyWithHooks<any>, numRuns: number) => {
  const tally: Tally = { sent: 0, refused: 0 };
  await fc.assert(property(tally), { numRuns });
  return tally;
};

/** An input refused as it should be: an InvalidInput error naming (by its label) one of the `invalid` fields, nothing sent. */
export const expectRefused = ({ seen, error }: Outcome, invalid: Set<string>, labels: readonly string[]): void => {
  expect(error?.name).toBe('AppError');
  expect(JSON.parse(String(error?.message)).code).toBe('InvalidInput');
  expect([...invalid]).toContain(namedField(shownMessage(error), labels));
  expect(seen).toEqual([]);
};
