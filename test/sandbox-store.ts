import { afterAll, afterEach, beforeAll, beforeEach, expect, jest } from '@jest/globals';
import type { Bundle } from 'zapier-platform-core';
import { POLL_MAX_REQUESTS } from '../lib/polling/poll-limits.js';
import type { Sandbox, SandboxOptions } from '../tools/sandbox/server.js';
import { bundleFor, freshCaches, perform, resetEnv } from './helpers.js';
import { startTestSandbox } from './tools/sandbox/helpers.js';

type Kind = 'triggers' | 'creates' | 'searches';
type Meta = Partial<Bundle['meta']>;

/** The app against a sandbox store on loopback (tools/sandbox: an independent reading of Ecwid's behaviour). */
export interface SandboxStore {
  /** The running sandbox, from beforeAll on. */
  readonly sandbox: Sandbox;
  /** A bundle authorised for the sandbox's store. */
  bundle(inputData?: Record<string, unknown>, meta?: Meta): Bundle;
  /** Runs operation `key` of the app against the sandbox, as Zapier would. */
  perform<T = any>(kind: Kind, key: string, inputData?: Record<string, unknown>, meta?: Meta): Promise<T>;
  /** Moves the sandbox's virtual clock (the app's, when it follows it) on by `seconds`. */
  advance(seconds: number): void;
}

/** A store of 400 orders whose rows come in a different order on every request (the app must not rely on order). */
export const SHUFFLED_ORDERS_STORE: SandboxOptions = { orders: 400, knobs: { orderRowOrder: 'shuffled' } };

export interface SandboxStoreOptions {
  /** The app's "now" is the sandbox's frozen, virtual clock (default); false leaves the real clock. */
  followClock?: boolean;
  /** Forget cached store profiles before each test. */
  freshCaches?: boolean;
}

/**
 * The setup of a test file that runs the app end to end against one sandbox store, shared by its tests: started
 * before the first test, the app pointed at it before each, closed after the last.
 */
export const useSandboxStore = (
  options: SandboxOptions = {},
  { followClock = true, freshCaches: fresh = false }: SandboxStoreOptions = {},
): SandboxStore => {
  let running: Sandbox | undefined;
  const store: SandboxStore = {
    get sandbox() {
      if (!running) throw new Error('the sandbox starts in beforeAll');
      return running;
    },
    bundle: (inputData = {}, meta = {}) =>
      bundleFor(inputData, meta, { access_token: store.sandbox.token, store_id: String(store.sandbox.storeId) }),
    perform: (kind, key, inputData = {}, meta = {}) => perform(kind, key, store.bundle(inputData, meta)),
    advance: (seconds) => store.sandbox.clock.advance(seconds * 1000),
  };
  beforeAll(async () => {
    running = await startTestSandbox(options);
  });
  afterAll(async () => {
    delete process.env.ECWID_API_BASE_URL;
    await running?.close();
  });
  beforeEach(() => {
    resetEnv();
    if (fresh) freshCaches();
    process.env.ECWID_API_BASE_URL = store.sandbox.apiBaseUrl;
    if (followClock) jest.spyOn(Date, 'now').mockImplementation(() => store.sandbox.clock.now());
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return store;
};

/** Runs `step` as Zapier does: replayed after a ThrottledError (a lost answer, a 5xx, a 429); anything else ends it. */
export const withReplays = async <T>(
  step: () => Promise<T>,
): Promise<{ result?: T; error?: any; attempts: number }> => {
  for (let attempts = 1; attempts <= 40; attempts++) {
    try {
      return { result: await step(), attempts };
    } catch (error) {
      if ((error as Error).name !== 'ThrottledError') return { error, attempts };
    }
  }
  throw new Error('still failing after 40 replays');
};

/**
 * Turns a Zap on trigger `key` on, as Zapier does (the dedupe-seeding poll), and returns its next poll: what that
 * poll fires (ids Zapier has not seen), each poll held to the request bound.
 */
export const zapOn = async (shop: SandboxStore, key: string, inputData: Record<string, unknown> = {}) => {
  const seen = new Set(
    (await shop.perform<Array<{ id: string }>>('triggers', key, inputData, { isPopulatingDedupe: true })).map(
      (r) => r.id,
    ),
  );
  return async (): Promise<Array<Record<string, any>>> => {
    const before = shop.sandbox.requests.length;
    const result = await shop.perform<Array<Record<string, any>>>('triggers', key, inputData);
    expect(shop.sandbox.requests.length - before).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
    const fresh = result.filter((r) => !seen.has(r.id));
    fresh.forEach((r) => seen.add(r.id));
    return fresh;
  };
};
