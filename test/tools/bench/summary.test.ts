/**
 * The bench's verdicts: `npm test` runs the smoke bench, which fails only on errors and on steady-state polls that
 * are not exactly one request. These tests pin which poll results count as which.
 */
import { describe, expect, test } from '@jest/globals';
import type { BuildSizeResult } from '../../../tools/bench/build-size.js';
import type { ColdStartResult, MemoryResult, OverheadResult } from '../../../tools/bench/measure.js';
import type { PollSample } from '../../../tools/bench/polls.js';
import type { HostedStore } from '../../../tools/bench/sandbox-host.js';
import { median, table } from '../../../tools/bench/stats.js';
import { evaluate, scaleRows, summarizePolls, type PollSummary } from '../../../tools/bench/summary.js';
import { zipContents } from '../../../tools/bench/build-size.js';
import type { RequestLogEntry } from '../../../tools/sandbox/server.js';

const storeLabelled = (label: string): HostedStore => ({
  spec: { label, storeId: 1003, orders: 1000, spanDays: 100 },
  apiBaseUrl: 'http://127.0.0.1:1/api/v3',
  storeId: 1003,
  token: 'unused',
  generationMs: 1,
  orders: 1000,
  customers: 333,
  products: 40,
  window: {
    cartsUpdated3d: 25,
    ordersCreated3d: 30,
    ordersUpdated3d: 75,
    paidOrdersUpdated3d: 63,
    customersRegistered3d: 3,
    productsCreated3d: 0,
    ordersCreated90d: 900,
  },
});

const entry = (path: string, status = 200, query: Record<string, string> = {}): RequestLogEntry => ({
  method: 'GET',
  path: `/api/v3/1003${path}`,
  query,
  status,
  at: 0,
});

const sample = (entries: RequestLogEntry[], extra: Partial<PollSample> = {}): PollSample => ({
  requests: entries.length,
  bytes: 1000,
  wallMs: 10,
  serverMs: 2,
  cpuMs: 5,
  records: 3,
  outputBytes: 900,
  entries,
  ...extra,
});

const OVERHEAD: OverheadResult = {
  page: 'steady state',
  store: '100k',
  trigger: 'new_order',
  latencyMs: 100,
  runs: 20,
  records: 30,
  requestsPerPoll: 1,
  url: '/api/v3/1003/orders',
  appMs: 120,
  rawMs: 105,
  ratio: 120 / 105,
  appCpuMs: 10,
  rawCpuMs: 1,
  noLatency: { appWallMs: 15, appCpuMs: 10, rawWallMs: 3, rawCpuMs: 1 },
};
const COLD: ColdStartResult = {
  runs: 10,
  appMs: 400,
  coreMs: 380,
  ratio: 400 / 380,
  appCpuMs: 300,
  coreCpuMs: 290,
  cpuRatio: 300 / 290,
  appImportMs: 300,
  coreImportMs: 280,
  importRatio: 300 / 280,
};
const MEMORY: MemoryResult = {
  runs: 3,
  trigger: 'new_order',
  records: 100,
  loadedRssBytes: 9e7,
  peakRssBytes: 1.1e8,
  pollRssBytes: 2e7,
  pollHeapBytes: 9e6,
};
const BUILD: BuildSizeResult = {
  method: 'zapier-platform build',
  zipBytes: 1.8e6,
  files: 1828,
  unpackedBytes: 4.5e6,
  seconds: 30,
};

const steadyRow = (store: string, requests: number[]): PollSummary =>
  summarizePolls(
    storeLabelled(store),
    'new_order',
    'steady',
    sample([entry('/orders')]),
    requests.map((count) => sample(Array.from({ length: count }, () => entry('/orders')))),
  );

describe('summarizePolls', () => {
  test('a poll failing on an endpoint the sandbox does not serve is skipped, not an error', () => {
    // A path no sandbox route matches (the sandbox grows: once it serves an endpoint, its triggers are measured).
    const failed = sample([entry('/no-such-endpoint', 404)], { error: 'The requested resource was not found' });
    const row = summarizePolls(storeLabelled('1k'), 'new_thing', 'steady', failed, [failed, failed]);
    expect(row.skipped).toBe('the sandbox does not serve /no-such-endpoint');
    expect(row.errors).toEqual([]);
  });

  test('a poll failing on a served endpoint is an error, and so is any 4xx/5xx answer in a poll that succeeded', () => {
    const failed = sample([entry('/orders', 500)], { error: 'Ecwid had a problem' });
    const retried = sample([entry('/orders', 503), entry('/orders')]);
    const row = summarizePolls(storeLabelled('1k'), 'new_order', 'steady', failed, [retried]);
    expect(row.skipped).toBeUndefined();
    expect(row.errors).toEqual(['Ecwid had a problem', '503 on /orders']);
  });

  test('what only the warm-up poll asked for is reported, steady-state paths and request counts are kept', () => {
    const row = summarizePolls(
      storeLabelled('1k'),
      'new_order',
      'steady',
      sample([entry('/orders'), entry('/profile')]),
      [
        sample([entry('/orders', 200, { responseFields: 'items(id)' })]),
        sample([entry('/orders', 200, { responseFields: 'items(id)' })]),
      ],
    );
    expect(row.warmUpRequests).toBe(2);
    expect(row.warmUpOnlyPaths).toEqual(['/profile']);
    expect(row.paths).toEqual(['/orders']);
    expect(row.requests).toEqual({ min: 1, median: 1, max: 1 });
    expect(row.trimmed).toBe(true);
  });
});

describe('evaluate', () => {
  test('more than one request per steady-state poll fails the run at a store size, not at the busy store', () => {
    const polls = [steadyRow('1k', [1, 1, 1]), steadyRow('100k', [1, 2, 1]), steadyRow('busy', [3, 3, 3])];
    const findings = evaluate(
      polls,
      ['1k', '100k'],
      scaleRows(polls, '1k', '100k'),
      [OVERHEAD, OVERHEAD],
      COLD,
      MEMORY,
      BUILD,
    );
    expect(findings.failures).toEqual([
      'new_order on the 100k store made 1–2 requests per steady-state poll (must be 1)',
    ]);
    expect(findings.goals[0]).toMatchObject({ met: false, enforced: true });
  });

  test('slow figures are reported as missed goals but never fail the run', () => {
    const polls = [steadyRow('1k', [1, 1]), steadyRow('100k', [1, 1])];
    const findings = evaluate(
      polls,
      ['1k', '100k'],
      scaleRows(polls, '1k', '100k'),
      [{ ...OVERHEAD, ratio: 3 }, OVERHEAD],
      { ...COLD, ratio: 2 },
      MEMORY,
      BUILD,
    );
    expect(findings.failures).toEqual([]);
    expect(findings.goals.map((goal) => goal.met)).toEqual([true, true, false, false]);
  });
});

describe('helpers', () => {
  test('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  test('table right-aligns numeric columns', () => {
    expect(
      table(
        ['name', 'time'],
        [
          ['a', '1.5 ms'],
          ['bb', '12.0 ms'],
        ],
      ).split('\n'),
    ).toEqual(['name     time', '────  ───────', 'a      1.5 ms', 'bb    12.0 ms']);
  });

  test('zipContents counts files and unpacked bytes from the central directory', () => {
    // A zip with one stored file "a.txt" holding "hello" and a directory entry "d/".
    const central = (name: string, size: number, localOffset: number) => {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt32LE(size, 20);
      header.writeUInt32LE(size, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE(localOffset, 42);
      return Buffer.concat([header, Buffer.from(name)]);
    };
    const local = Buffer.concat([Buffer.alloc(30), Buffer.from('a.txt'), Buffer.from('hello')]);
    const directory = Buffer.concat([central('a.txt', 5, 0), central('d/', 0, 0)]);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(local.length, 16);
    expect(zipContents(Buffer.concat([local, directory, end]))).toEqual({ files: 1, unpackedBytes: 5 });
  });
});
