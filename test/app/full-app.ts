import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import zapier, { type Bundle } from 'zapier-platform-core';
import App from '../../index.js';
import { clearProfileCache } from '../../lib/ecwid/client.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../tools/sandbox/server.js';
import { offline, resetEnv } from '../helpers.js';

/**
 * Every trigger, create and search in the repository — those index.ts registers and those it does not register
 * yet — so the reliability tests cover each operation as soon as its file exists.
 */
type Kind = 'triggers' | 'creates' | 'searches';
export type Operation = { key: string; operation: { perform: (...args: any[]) => any; inputFields?: any[] } };

const loadDirectory = async (kind: Kind): Promise<Record<string, Operation>> => {
  const operations: Record<string, Operation> = { ...((App as any)[kind] ?? {}) };
  for (const file of readdirSync(join(process.cwd(), kind))
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    const module = await import(`../../${kind}/${file.replace(/\.ts$/, '.js')}`);
    const operation = module.default as Operation | undefined;
    if (typeof operation?.key === 'string' && typeof operation.operation?.perform === 'function')
      operations[operation.key] = operation;
  }
  return operations;
};

export const loadFullApp = async () => {
  const app = {
    ...App,
    triggers: await loadDirectory('triggers'),
    creates: await loadDirectory('creates'),
    searches: await loadDirectory('searches'),
  };
  const tester = zapier.createAppTester(app as any);
  /** Runs `app[kind][key]`'s perform through the app's middleware and Zapier's output checks. */
  const perform = <T = any>(kind: Kind, key: string, bundle: Bundle): Promise<T> =>
    tester((app[kind] as Record<string, Operation>)[key].operation.perform as any, bundle as any) as Promise<T>;
  return { app, tester, perform };
};

export type FullApp = Awaited<ReturnType<typeof loadFullApp>>;

/** What a test file of the full app against one sandbox store reads once the store is up. */
export interface FullAppOnSandbox {
  sandbox: Sandbox;
  full: FullApp;
  /** An order of the store that is not an abandoned checkout. */
  orderId: string;
  /** The store's first product. */
  productId: number;
}

/**
 * The setup shared by the files that run every operation against one sandbox store: the store started (internet
 * blocked) and the full app loaded before the first test, `ready` told; before each test the environment reset and
 * cached profiles forgotten (and, with `pointAppAtSandbox`, the app sent to the sandbox); the store closed after.
 */
export const useFullAppOnSandbox = (
  options: SandboxOptions,
  ready: (setup: FullAppOnSandbox) => void,
  { pointAppAtSandbox = false } = {},
): void => {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    offline();
    sandbox = await startSandbox(options);
    const full = await loadFullApp();
    const orderId = sandbox.store.orders.find((order) => order.paymentStatus !== 'INCOMPLETE')!.id;
    ready({ sandbox, full, orderId, productId: sandbox.store.products[0].id });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    offline();
    resetEnv();
    clearProfileCache();
    if (pointAppAtSandbox) process.env.ECWID_API_BASE_URL = sandbox!.apiBaseUrl;
  });
};
