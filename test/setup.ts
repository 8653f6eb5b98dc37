import { afterAll } from '@jest/globals';
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
