/** Turns poll samples into per-row figures, and the figures into the goals. */
import type { BuildSizeResult } from './build-size.js';
import type { ColdStartResult, MemoryResult, OverheadResult } from './measure.js';
import { unservedPath, type PollMode, type PollSample } from './polls.js';
import type { HostedStore } from './sandbox-host.js';
import { median, round, spread, type Spread } from './stats.js';

export interface PollSummary {
  store: string;
  trigger: string;
  mode: PollMode;
  /** Why there are no figures (the sandbox lacks the endpoint), when there are none. */
  skipped?: string;
  errors: string[];
  /** The warm-up poll, the first of this store, trigger and mode in the process. */
  warmUpRequests: number;
  /** Paths the warm-up poll asked for that steady-state polls did not (per-process caches being filled). */
  warmUpOnlyPaths: string[];
  requests: Spread;
  bytes: number;
  wallMs: number;
  serverMs: number;
  /** Wall time minus the sandbox's answering time: the app, Zapier's core and the loopback hop. */
  clientMs: number;
  cpuMs: number;
  records: number;
  outputBytes: number;
  /** Every path asked for, store prefix removed: more than one means a lookup besides the window read. */
  paths: string[];
  /** Every request named the fields it needs (Ecwid's responseFields). */
  trimmed: boolean;
}

export const summarizePolls = (
  store: HostedStore,
  trigger: string,
  mode: PollMode,
  warmUp: PollSample,
  samples: PollSample[],
): PollSummary => {
  const all = [warmUp, ...samples];
  const unserved = all.map((sample) => (sample.error ? unservedPath(store, sample.entries) : undefined)).find(Boolean);
  const prefix = `/api/v3/${store.storeId}`;
  const entries = samples.flatMap((sample) => sample.entries);
  const failedRequests = entries
    .filter((entry) => entry.status >= 400)
    .map((entry) => `${entry.status} on ${entry.path.slice(prefix.length)}`);
  const of = (pick: (sample: PollSample) => number) => median(samples.map(pick));
  return {
    store: store.spec.label,
    trigger,
    mode,
    skipped: unserved && `the sandbox does not serve ${unserved}`,
    errors: unserved
      ? []
      : [
          ...new Set([
            ...all.map((sample) => sample.error).filter((error): error is string => !!error),
            ...failedRequests,
          ]),
        ],
    warmUpRequests: warmUp.requests,
    warmUpOnlyPaths: [...new Set(warmUp.entries.map((entry) => entry.path.slice(prefix.length)))].filter(
      (path) => !entries.some((entry) => entry.path.slice(prefix.length) === path),
    ),
    requests: spread(samples.map((sample) => sample.requests)),
    bytes: of((sample) => sample.bytes),
    wallMs: of((sample) => sample.wallMs),
    serverMs: of((sample) => sample.serverMs),
    clientMs: of((sample) => sample.wallMs - sample.serverMs),
    cpuMs: of((sample) => sample.cpuMs),
    records: of((sample) => sample.records),
    outputBytes: of((sample) => sample.outputBytes),
    paths: [...new Set(entries.map((entry) => entry.path.slice(prefix.length)))],
    trimmed: entries.length > 0 && entries.every((entry) => entry.query.responseFields !== undefined),
  };
};

export interface Goal {
  name: string;
  target: string;
  value: string;
  met: boolean;
  /** A correctness property: the smoke run (and npm test) fails when it is not met. */
  enforced: boolean;
}

export interface Findings {
  goals: Goal[];
  /** Why the run must fail (errors, broken correctness properties); empty when it passes. */
  failures: string[];
  /** Requests besides the window read, in steady state. */
  lookups: string[];
}

export interface ScaleRow {
  trigger: string;
  /** Records each poll returned: windows of the same recent rate still differ a little from store to store. */
  smallRecords: number;
  largeRecords: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
  smallClientMs: number;
  largeClientMs: number;
  clientRatio: number;
  /** CPU of the bench process (app and core): the least disturbed by other load on the machine. */
  smallCpuMs: number;
  largeCpuMs: number;
  cpuRatio: number;
}

/** Steady-state poll time at the largest store ÷ at the smallest, per trigger. */
export const scaleRows = (polls: PollSummary[], small: string, large: string): ScaleRow[] =>
  polls
    .filter((row) => row.mode === 'steady' && row.store === large && !row.skipped)
    .flatMap((largeRow) => {
      const smallRow = polls.find(
        (row) => row.mode === 'steady' && row.store === small && row.trigger === largeRow.trigger,
      );
      if (!smallRow) return [];
      return [
        {
          trigger: largeRow.trigger,
          smallRecords: smallRow.records,
          largeRecords: largeRow.records,
          smallMs: smallRow.wallMs,
          largeMs: largeRow.wallMs,
          ratio: largeRow.wallMs / smallRow.wallMs,
          smallClientMs: smallRow.clientMs,
          largeClientMs: largeRow.clientMs,
          clientRatio: largeRow.clientMs / smallRow.clientMs,
          smallCpuMs: smallRow.cpuMs,
          largeCpuMs: largeRow.cpuMs,
          cpuRatio: largeRow.cpuMs / smallRow.cpuMs,
        },
      ];
    });

export const evaluate = (
  polls: PollSummary[],
  sizeLabels: string[],
  scale: ScaleRow[],
  overheads: OverheadResult[],
  coldStart: ColdStartResult,
  memory: MemoryResult,
  build: BuildSizeResult,
): Findings => {
  const failures = polls.flatMap((row) =>
    row.errors.map((error) => `${row.trigger} (${row.mode}, ${row.store} store): ${error}`),
  );
  const steadyAtSizes = polls.filter((row) => row.mode === 'steady' && sizeLabels.includes(row.store) && !row.skipped);
  const notOne = steadyAtSizes.filter((row) => row.requests.min !== 1 || row.requests.max !== 1);
  for (const row of notOne) {
    failures.push(
      `${row.trigger} on the ${row.store} store made ${row.requests.min}–${row.requests.max} requests per steady-state poll (must be 1)`,
    );
  }
  for (const overhead of overheads) {
    if (overhead.requestsPerPoll !== 1)
      failures.push(`the ${overhead.trigger} poll of the overhead figure made ${overhead.requestsPerPoll} requests`);
  }
  const [overhead, fullPage] = overheads;
  const lookups = polls
    .filter((row) => row.mode === 'steady' && row.paths.length > 1)
    .map((row) => `${row.trigger} (${row.store} store) asks for ${row.paths.join(' and ')}`);
  const worstScale = scale.reduce<ScaleRow | undefined>(
    (worst, row) => (!worst || row.ratio > worst.ratio ? row : worst),
    undefined,
  );
  const goals: Goal[] = [
    {
      name: `Steady-state requests per poll, every trigger, stores ${sizeLabels.join(' / ')}`,
      target: '= 1',
      value: notOne.length === 0 ? '1 everywhere' : `${notOne.length} row(s) ≠ 1`,
      met: notOne.length === 0 && steadyAtSizes.length > 0,
      enforced: true,
    },
    {
      name: `Poll time at ${sizeLabels[sizeLabels.length - 1]} ÷ at ${sizeLabels[0]} (worst trigger)`,
      target: '≤ 1.20×',
      value: worstScale
        ? `${worstScale.ratio.toFixed(2)}× (${worstScale.trigger}); client side ≤ ${Math.max(...scale.map((row) => row.clientRatio)).toFixed(2)}×, ` +
          `CPU ≤ ${Math.max(...scale.map((row) => row.cpuRatio)).toFixed(2)}×`
        : '–',
      met: !!worstScale && scale.every((row) => row.ratio <= 1.2),
      enforced: false,
    },
    {
      name: `App overhead: steady-state ${overhead.trigger} poll (${overhead.store}) ÷ raw GET of its page, ${overhead.latencyMs} ms latency`,
      target: '≤ 1.10×',
      value: `${overhead.ratio.toFixed(2)}× (100-order page: ${fullPage.ratio.toFixed(2)}×)`,
      met: overhead.ratio <= 1.1,
      enforced: false,
    },
    {
      name: 'Cold start: import of dist/index.js ÷ of zapier-platform-core alone (fresh Node)',
      target: '≤ 1.15×',
      value: `${coldStart.ratio.toFixed(2)}× (process CPU ${coldStart.cpuRatio.toFixed(2)}×)`,
      met: coldStart.ratio <= 1.15,
      enforced: false,
    },
  ];
  if (memory.records !== 100) failures.push(`the memory probe's poll returned ${memory.records} records, not 100`);
  if (build.files === 0) failures.push('the build holds no files');
  return { goals, failures, lookups };
};

/** Figures rounded for results.json. */
export const rounded = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? round(v) : v)));
