import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';
import nock from 'nock';
import App from '../index.js';
import { POLL_LOOKBACK_SECONDS } from '../lib/polling/poll-limits.js';
import { emptyCaches, type AppTester } from '../tools/local-platform.js';
import { checkLiveOutput, formatFailure, type FieldOrFunction } from '../tools/publishing/publishing-checks.js';

export const API = 'https://app.ecwid.com';
export const API_PATH = '/api/v3/1003';
export const STORE_ID = '1003';
export const TOKEN = 'secret_Tok3nThatMustNeverLeak9x';
export const CLIENT_SECRET = 'client-Secret-That-Must-Never-Leak';

export const appTester = zapier.createAppTester(App);

/** nock for the test store's API: pin a request by its path below API_PATH (`ecwidApi().get('/profile')`). */
export const ecwidApi = () => nock(`${API}${API_PATH}`);

/** Tests never reach the internet; loopback stays open for the sandbox. */
export const offline = (): void => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
};

export const resetEnv = (): void => {
  delete process.env.ECWID_API_BASE_URL;
  delete process.env.ECWID_OAUTH_BASE_URL;
  process.env.CLIENT_ID = 'client-id-123';
  process.env.CLIENT_SECRET = CLIENT_SECRET;
};

/** createAppTester does not default bundle.meta: give what Zapier gives on a live poll. */
export const bundleFor = (
  inputData: Record<string, unknown> = {},
  meta: Partial<Bundle['meta']> = {},
  authData: Record<string, string> = { access_token: TOKEN, store_id: STORE_ID },
): Bundle =>
  ({
    authData,
    inputData,
    meta: {
      isLoadingSample: false,
      isPopulatingDedupe: false,
      isFillingDynamicDropdown: false,
      limit: -1,
      page: 0,
      ...meta,
    },
  }) as unknown as Bundle;

/** Runs `fn` as the app would (middleware included). */
export const run = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T> | T, bundle: Bundle = bundleFor()): Promise<T> =>
  appTester(fn as any, bundle as any) as Promise<T>;

/** What the merchant reads: z.errors.Error carries {message, code, status} as JSON in its message. */
export const shownMessage = (error: unknown): string => {
  const raw = String((error as Error)?.message ?? error);
  try {
    const parsed = JSON.parse(raw);
    return typeof parsed?.message === 'string' ? parsed.message : raw;
  } catch {
    return raw;
  }
};

/** The error a promise rejects with (fails the test if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<any> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a result');
};

/** What the merchant reads when `promise` rejects (fails the test if it resolves). */
export const refusalOf = async (promise: Promise<unknown>): Promise<string> => shownMessage(await rejectionOf(promise));

/** `promise` rejects with the input error the merchant reads as `message` (the exact text, or a pattern it matches). */
export const expectInvalidInput = async (promise: Promise<unknown>, message: string | RegExp): Promise<any> => {
  const error = await rejectionOf(promise);
  expect(JSON.parse(error.message).code).toBe('InvalidInput');
  if (typeof message === 'string') expect(shownMessage(error)).toBe(message);
  else expect(shownMessage(error)).toMatch(message);
  return error;
};

/** The store profile the order triggers read for the currency (any query), answered for the whole test. */
export const stubProfile = (currency = 'USD', storeName = 'Test Shop'): { reads: () => number } => {
  let reads = 0;
  ecwidApi()
    .persist()
    .get('/profile')
    .query(true)
    .reply(() => {
      reads += 1;
      return [
        200,
        {
          generalInfo: { storeId: 1003, storeUrl: 'https://shop.example' },
          settings: { storeName },
          formatsAndUnits: { currency },
        },
      ];
    });
  return { reads: () => reads };
};

/** Forget the cached store profile: in this process and in the app tester's stand-in for Zapier's z.cache. */
export const freshCaches = (): void => emptyCaches(appTester as unknown as AppTester);

export interface OfflineEcwidOptions {
  /** The app's clock, in unix seconds: fixed, or read on every call (for tests that move time on). */
  now?: number | (() => number);
  /** Answer the store profile with this currency for the whole test (see stubProfile). */
  currency?: string;
  /** Forget cached store profiles before each test (see freshCaches). */
  freshCaches?: boolean;
  /** Fail a test that leaves a pinned request unmade (the whole-test profile stub aside). */
  everyMockUsed?: boolean;
}

/**
 * The setup of a test file that runs the app against Ecwid answered by nock: before each test the internet is
 * blocked and the environment reset (plus the options); after it, every interceptor and spy is removed.
 */
export const useOfflineEcwid = (options: OfflineEcwidOptions = {}): void => {
  const { now, currency, everyMockUsed = false } = options;
  beforeEach(() => {
    offline();
    resetEnv();
    if (options.freshCaches) freshCaches();
    if (currency !== undefined) stubProfile(currency);
    if (now !== undefined) {
      const seconds = typeof now === 'function' ? now : () => now;
      jest.spyOn(Date, 'now').mockImplementation(() => seconds() * 1000);
    }
  });
  afterEach(() => {
    jest.restoreAllMocks();
    const pending = nock.pendingMocks().filter((mock) => !mock.includes('/profile'));
    nock.cleanAll();
    if (everyMockUsed) expect(pending).toEqual([]);
  });
};

/** One poll of `trigger`, as Zapier runs it. */
export const poll = (trigger: any, inputData = {}, meta: Partial<Bundle['meta']> = {}) =>
  run(trigger.operation.perform, bundleFor(inputData, meta)) as Promise<Array<Record<string, any>>>;

/** Runs operation `key` of the app (triggers, creates or searches) as Zapier would, with Zapier's output checks. */
export const perform = <T = any>(kind: 'triggers' | 'creates' | 'searches', key: string, bundle: Bundle): Promise<T> =>
  appTester((App[kind] as Record<string, any>)[key].operation.perform, bundle as any) as Promise<T>;

/** Runs create `key` of the app on `inputData`, as Zapier would, with Zapier's output checks. */
export const performCreate = <T = any>(key: string, inputData: Record<string, unknown>): Promise<T> =>
  perform<T>('creates', key, bundleFor(inputData));

/**
 * The setup of a create's tests: Ecwid answered by nock, every pinned request made (see useOfflineEcwid). Returns the
 * create `key`, to run on an input as Zapier would.
 */
export const useOfflineCreate = <T = any>(key: string) => {
  useOfflineEcwid({ everyMockUsed: true });
  return (inputData: Record<string, unknown>): Promise<T> => performCreate<T>(key, inputData);
};

/** The query of a search's first page over [`from`, `to`] (unix seconds) on the `created` or `updated` dates, plus `extra`. */
export const windowQuery = (
  on: 'created' | 'updated',
  from: number,
  to: number,
  extra: Record<string, string> = {},
) => ({
  ...extra,
  [`${on}From`]: String(from),
  [`${on}To`]: String(to),
  offset: '0',
  limit: '100',
});

/** The query of a poll's first page: the live window ending `now`, on the `created` or `updated` dates, plus `extra`. */
export const liveWindowQuery = (now: number, on: 'created' | 'updated', extra: Record<string, string> = {}) =>
  windowQuery(on, now - POLL_LOOKBACK_SECONDS, now, extra);

/** The query of a read of 100 rows from `offset`, plus `extra` (how the dropdowns page). */
export const pageQuery = (offset: number, extra: Record<string, string>) => ({
  ...extra,
  limit: '100',
  offset: String(offset),
});

/** Ecwid's search envelope around `items`, the page at `offset` of a search that ends with it. */
export const page = (items: unknown[], offset = 0) => ({
  total: offset + items.length,
  count: items.length,
  offset,
  limit: 100,
  items,
});

/** How dropdown trigger `key` is declared: hidden from the trigger list, and whether Zapier asks it for more pages. */
export const dropdownDeclaration = (key: string) => {
  const trigger = (App.triggers as Record<string, any>)[key];
  return { hidden: trigger.display.hidden, pages: trigger.operation.canPaginate === true };
};

/**
 * The tests of dropdown trigger `key`, offline against nock with every pinned request made, after the check of its
 * declaration: hidden from the trigger list, and paging or not as `declared`.
 */
export const describeDropdown = (key: string, declared: { pages: boolean }, tests: () => void): void => {
  useOfflineEcwid({ everyMockUsed: true });
  describe(key, () => {
    test(`is a hidden trigger ${declared.pages ? 'that pages' : 'with one page'}`, () => {
      expect(dropdownDeclaration(key)).toEqual({ hidden: true, pages: declared.pages });
    });
    tests();
  });
};

/**
 * Pins a GET of the store's `path` with exactly `query` (true: any query; a function: the queries it accepts); answer
 * it with `.reply`.
 */
export const ecwidGet = (path: string, query: Parameters<nock.Interceptor['query']>[0]) =>
  ecwidApi().get(path).query(query);

/** Pins a POST to the store's `path` of exactly `body`, sent as JSON; answer it with `.reply`. */
export const ecwidPostJson = (path: string, body: nock.RequestBodyMatcher) =>
  ecwidApi().post(path, body).matchHeader('content-type', 'application/json');

/** The choices dropdown trigger `key` offers on `page`, as Zapier asks for them. */
export const choicesOf = (key: string, pageNumber = 0) =>
  perform<Array<{ id: string; name: string }>>(
    'triggers',
    key,
    bundleFor({}, { page: pageNumber, isFillingDynamicDropdown: true }),
  );

/** Ecwid's date text for unix seconds ("2027-01-15 08:00:00 +0000"). */
export const ecwidDate = (unix: number): string =>
  `${new Date(unix * 1000).toISOString().slice(0, 19).replace('T', ' ')} +0000`;

/**
 * Zapier's live-result checks (T002–T005) on records an operation returned, as readable failures. Output fields are
 * typed by core in lib/ and loosely in tools/: one cast here.
 */
export const liveProblems = (
  key: string,
  sample: unknown,
  items: unknown[],
  outputFields: readonly unknown[],
): string[] => checkLiveOutput(key, sample, items, outputFields as FieldOrFunction[]).map(formatFailure);
