import zapier, { type Bundle } from 'zapier-platform-core';
import { checkLiveOutput, type FieldOrFunction } from '../../scripts/publishing-checks.js';
import App from '../../index.js';

/** The app as Zapier runs it, through createAppTester and Zapier's own output checks. */
export const BEYOND_APP = App;

const tester = zapier.createAppTester(BEYOND_APP);

type Kind = 'triggers' | 'creates' | 'searches';

export const perform = <T = any>(kind: Kind, key: string, bundle: Bundle): Promise<T> =>
  tester((BEYOND_APP[kind] as Record<string, any>)[key].operation.perform, bundle as any) as Promise<T>;

/** Ecwid's date text for unix seconds ("2027-01-15 08:00:00 +0000"). */
export const ecwidDate = (unix: number): string => `${new Date(unix * 1000).toISOString().slice(0, 19).replace('T', ' ')} +0000`;

export const page = (items: unknown[]) => ({ total: items.length, count: items.length, offset: 0, limit: 100, items });

/**
 * Zapier's live-result checks (T002–T005) for records a trigger returned. Output fields are typed by core
 * (PlainOutputField) in lib/ and loosely in scripts/: one cast here.
 */
export const liveProblems = (key: string, sample: unknown, items: unknown[], outputFields: unknown[]) =>
  checkLiveOutput(key, sample, items, outputFields as FieldOrFunction[]);
