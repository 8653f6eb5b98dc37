/**
 * The app run as Zapier runs it against a sandbox store (tools/sandbox: an independent reading of Ecwid), for a
 * describe block: starts the store before its tests, points the app at it, makes the app's clock the store's
 * (virtual) clock, and runs a trigger, search or create with the store's token.
 */
import { afterAll, afterEach, beforeAll, beforeEach, jest } from '@jest/globals';
import type { Sandbox, SandboxOptions } from '../tools/sandbox/server.js';
import { bundleFor, freshCaches, perform, resetEnv } from './helpers.js';
import { startTestSandbox } from './sandbox/helpers.js';

export interface SandboxApp {
  sandbox: () => Sandbox;
  run: <T = any>(kind: 'triggers' | 'creates' | 'searches', key: string, inputData?: Record<string, unknown>, meta?: Record<string, unknown>) => Promise<T>;
}

export const useSandboxApp = (options: SandboxOptions): SandboxApp => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    resetEnv();
    freshCaches();
    process.env.ECWID_API_BASE_URL = sandbox.apiBaseUrl;
    jest.spyOn(Date, 'now').mockImplementation(() => sandbox.clock.now());
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return {
    sandbox: () => sandbox,
    run: (kind, key, inputData = {}, meta = {}) =>
      perform(kind, key, bundleFor(inputData, meta, { access_token: sandbox.token, store_id: String(sandbox.storeId) })),
  };
};
