import { afterAll } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { hideRssFromMemoryGuard } from '../tools/local-platform.js';

// Each test file loads its own nock, but the http patch is process-wide: remove this file's patch when the
// file ends, so the next file in the same worker intercepts with its own nock. (Jest runs no afterAll in a file
// without a test to run: such a file restores nock itself, as test/tools/start/invoke.test.ts does.)
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});

// Reads retry a passing fault once after Ecwid's pause; tests need the behaviour, not the wall-clock wait.
process.env.ECWID_RETRY_MAX_PAUSE_MS ??= '0';

// A jest worker runs thousands of invocations: core's Lambda memory guard would cut a long property test off.
hideRssFromMemoryGuard();

// Property tests explore new random inputs on every developer's run (a failure prints the seed that replays it); CI
// replays one fixed seed, so that a landing is judged on the code, not on the draw.
if (process.env.CI) fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261203) });
