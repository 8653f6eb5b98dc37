/**
 * `npm run bench` (full, ~5 minutes on 2 cores) and `npm run bench:smoke` (the same code, tiny, ~10–15 s; part of npm test):
 * what one poll costs at each store size — requests, response bytes, time — for every trigger in steady state, on
 * "Test trigger" and on the dedupe-seeding poll; the app's overhead over a raw GET; its CPU, memory and cold start;
 * the size of the build. Prints a table on stdout and writes tools/bench/results.json (smoke: tools/bench/results-smoke.json).
 *
 * Not a timed test: only errors and broken correctness properties (a steady-state poll that is not exactly one
 * request) fail the run; slow figures are reported, never failed on.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureBuildSize } from './build-size.js';
import { startHost, type Host } from './host.js';
import { measureColdStart, measureMemory, measureOverhead, profilePolls, REPO_DIR } from './measure.js';
import { FULL, SMOKE, type Plan } from './plans.js';
import { POLL_MODES, Poller, zapTriggers, type AppTester, type PollSample, type TriggerDefinition } from './polls.js';
import { formatReport, type Report } from './report.js';
import type { HostedStore } from './sandbox-host.js';
import { evaluate, rounded, scaleRows, summarizePolls, type PollSummary } from './summary.js';
import { readFlags } from '../cli-flags.js';

const USAGE = `
npm run bench          the full benchmark (~5 minutes on 2 cores): writes tools/bench/results.json
npm run bench:smoke    the same code on tiny stores (~15 s, part of npm test): writes tools/bench/results-smoke.json
`;

const began = performance.now();
const progress = (message: string): void => {
  process.stderr.write(`[bench +${((performance.now() - began) / 1000).toFixed(1)} s] ${message}\n`);
};

/** Every store × trigger × mode, after a warm-up, round-robin so that drifting machine load hits all alike. */
const measurePolls = async (
  poller: Poller,
  plan: Plan,
  stores: HostedStore[],
  triggers: TriggerDefinition[],
): Promise<PollSummary[]> => {
  const cells = stores.flatMap((store) =>
    triggers.flatMap((trigger) => POLL_MODES.map((mode) => ({ store, trigger, mode }))),
  );
  const pollsOf = (store: HostedStore) => (store.spec.label === plan.busy.label ? plan.busyPolls : plan.polls);
  const warmUps = new Map<(typeof cells)[number], PollSample>();
  const samples = new Map<(typeof cells)[number], PollSample[]>(cells.map((cell) => [cell, []]));
  for (let round = 0; round <= plan.polls; round += 1) {
    for (const cell of cells.filter((candidate) => round <= pollsOf(candidate.store))) {
      const sample = await poller.poll(cell.store, cell.trigger, cell.mode);
      if (round === 0) warmUps.set(cell, sample);
      else samples.get(cell)!.push(sample);
    }
    progress(`polls: round ${round}/${plan.polls} done`);
  }
  return cells.map((cell) =>
    summarizePolls(cell.store, cell.trigger.key, cell.mode, warmUps.get(cell)!, samples.get(cell)!),
  );
};

const main = async (): Promise<number> => {
  const flags = readFlags(USAGE, { smoke: { type: 'boolean', default: false } });
  const plan = flags.smoke ? SMOKE : FULL;
  const startedAt = new Date().toISOString();
  // As under jest: Zapier's output checks throw instead of logging, and core does not print its per-run memory line.
  process.env.NODE_ENV ??= 'test';
  const { default: zapier } = await import('zapier-platform-core');
  const { default: App } = await import('../../index.js');
  const triggers = zapTriggers(App.triggers as unknown as Record<string, TriggerDefinition>);
  const newOrder = triggers.find((trigger) => trigger.key === 'new_order');
  if (!newOrder) throw new Error('the app has no new_order trigger');

  const host: Host = await startHost();
  try {
    const stores: HostedStore[] = [];
    for (const spec of [...plan.sizes, plan.busy, plan.hundred]) {
      progress(`generating the ${spec.label} store (${spec.orders.toLocaleString('en-US')} orders)`);
      stores.push(await host.call('start', spec));
    }
    const hundred = stores[stores.length - 1];
    const poller = new Poller(host, zapier.createAppTester(App) as unknown as AppTester);

    progress(`polling ${triggers.map((t) => t.key).join(', ')}`);
    const polls = await measurePolls(poller, plan, stores.slice(0, -1), triggers);
    progress('app overhead and CPU');
    const largest = stores[plan.sizes.length - 1];
    const overhead = [
      await measureOverhead(host, poller, largest, newOrder, {
        page: 'steady state',
        runs: plan.overheadRuns,
        latencyMs: plan.latencyMs,
      }),
      await measureOverhead(host, poller, hundred, newOrder, {
        page: '100 orders',
        runs: plan.overheadRuns,
        latencyMs: plan.latencyMs,
      }),
    ];
    const cpu = await profilePolls(poller, hundred, newOrder, plan.overheadRuns);
    progress('memory');
    const memory = await measureMemory(hundred, newOrder, plan.memoryRuns);
    progress('cold start');
    const coldStart = await measureColdStart(plan.coldStartRuns);
    progress(plan.runBuild ? 'zapier-platform build (offline, in a scratch copy)' : 'dependency closure');
    const build = await measureBuildSize(plan.runBuild);

    const sizeLabels = plan.sizes.map((spec) => spec.label);
    const scale = scaleRows(polls, sizeLabels[0], sizeLabels[sizeLabels.length - 1]);
    const report: Report = {
      plan,
      startedAt,
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg(),
      durationSeconds: (performance.now() - began) / 1000,
      stores: stores.map(({ token: _token, ...store }) => ({ ...store, token: '(sandbox token)' })),
      polls,
      scale,
      overhead,
      cpu,
      memory,
      coldStart,
      build,
      findings: evaluate(polls, sizeLabels, scale, overhead, coldStart, memory, build),
    };
    // Written before exiting: on some systems stdout to a pipe is asynchronous.
    await new Promise((resolve) => process.stdout.write(`${formatReport(report)}\n`, resolve));
    const file = path.join(REPO_DIR, 'tools', 'bench', plan.name === 'full' ? 'results.json' : 'results-smoke.json');
    await writeFile(file, `${JSON.stringify(rounded(report), null, 2)}\n`);
    progress(`wrote ${path.relative(REPO_DIR, file)}`);
    return report.findings.failures.length === 0 ? 0 : 1;
  } finally {
    host.close();
  }
};

// Explicit exit: keep-alive sockets and Zapier's core may hold the event loop open.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] ${(error as Error)?.stack ?? error}\n`);
    process.exit(1);
  },
);
