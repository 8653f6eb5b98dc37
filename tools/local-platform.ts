/**
 * Running the app through zapier-platform-core's app tester outside Zapier's Lambda, as the tests and the simulation
 * both do: what core's local stand-ins need from such a run.
 */
import { clearProfileCache } from '../lib/ecwid/client.js';

/** zapier-platform-core's app tester; `zcacheTestObj` is its stand-in for Zapier's z.cache. */
export type AppTester = ((method: any, bundle: any) => Promise<any>) & { zcacheTestObj: Record<string, unknown> };

/** Empties every cache a poll may find — Zapier's z.cache (the tester's stand-in) and this process's store profiles. */
export const emptyCaches = (tester: AppTester): void => {
  clearProfileCache();
  tester.zcacheTestObj = {};
};

/**
 * zapier-platform-core exits the process after 250 invocations once RSS passes 450 MB (how Zapier recycles its
 * Lambda containers). A jest worker or a simulation is no Lambda container: it runs thousands of invocations, and
 * even its heap in use (garbage not yet collected included) passes 450 MB. The guard is shown no RSS at all; the
 * app's memory is measured by the bench (npm run bench). Returns the function that puts the real figures back.
 */
export const hideRssFromMemoryGuard = (): (() => void) => {
  const realMemoryUsage = process.memoryUsage;
  const real = realMemoryUsage.bind(process);
  process.memoryUsage = Object.assign(() => ({ ...real(), rss: 0 }), { rss: () => 0 });
  return () => {
    process.memoryUsage = realMemoryUsage;
  };
};
