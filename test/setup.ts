import { afterAll } from '@jest/globals';
import nock from 'nock';

// Each test file loads its own nock, but the http patch is process-wide: remove this file's patch when the
// file ends, so the next file in the same worker intercepts with its own nock.
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});

// Reads retry a passing fault once after Ecwid's pause; tests need the behaviour, not the wall-clock wait.
process.env.ECWID_RETRY_MAX_PAUSE_MS ??= '0';

// zapier-platform-core exits the process after 250 invocations once RSS passes 450 MB (how Zapier recycles its
// Lambda containers). A jest worker is no Lambda container: it runs thousands of invocations, and even its heap in
// use (garbage not yet collected included) passes 450 MB in a long property test. Show the guard no RSS at all; the
// app's memory is measured by the bench (npm run bench), not by this guard.
const realMemoryUsage = process.memoryUsage.bind(process);
process.memoryUsage = Object.assign(() => ({ ...realMemoryUsage(), rss: 0 }), { rss: () => 0 });
