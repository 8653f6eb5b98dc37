import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import zapier, { type Bundle } from 'zapier-platform-core';
import App from '../../index.js';

/**
 * Every trigger, create and search in the repository — those index.ts registers and those it does not register
 * yet — so the reliability tests cover each operation as soon as its file exists.
 */
type Kind = 'triggers' | 'creates' | 'searches';
export type Operation = { key: string; operation: { perform: (...args: any[]) => any; inputFields?: any[] } };

const loadDirectory = async (kind: Kind): Promise<Record<string, Operation>> => {
  const operations: Record<string, Operation> = { ...((App as any)[kind] ?? {}) };
  for (const file of readdirSync(join(process.cwd(), kind)).filter((name) => name.endsWith('.ts')).sort()) {
    const module = await import(`../../${kind}/${file.replace(/\.ts$/, '.js')}`);
    const operation = module.default as Operation | undefined;
    if (typeof operation?.key === 'string' && typeof operation.operation?.perform === 'function') operations[operation.key] = operation;
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
