/** The benchmark's printed report: what was measured, how, and against which goal. */
import type { BuildSizeResult } from './build-size.js';
import type { ColdStartResult, CpuBreakdown, MemoryResult, OverheadResult } from './measure.js';
import type { Plan } from './plans.js';
import { MODE_LABELS, POLL_MODES } from './polls.js';
import type { HostedStore } from './sandbox-host.js';
import { bytes, int, ms, ratio, table } from './stats.js';
import type { Findings, PollSummary, ScaleRow } from './summary.js';

export interface Report {
  plan: Plan;
  startedAt: string;
  node: string;
  cpus: number;
  loadAverage: number[];
  durationSeconds: number;
  stores: HostedStore[];
  polls: PollSummary[];
  scale: ScaleRow[];
  overhead: OverheadResult[];
  cpu: CpuBreakdown;
  memory: MemoryResult;
  coldStart: ColdStartResult;
  build: BuildSizeResult;
  findings: Findings;
}

const describeStore = (store: HostedStore): string => {
  const w = store.window;
  const perDay = store.orders / store.spec.spanDays;
  return (
    `${int(store.orders)} orders over ${int(store.spec.spanDays)} days (~${int(perDay)}/day), ${int(store.customers)} customers, ` +
    `${int(store.products)} products; last 3 days: ${int(w.ordersCreated3d)} new orders, ${int(w.ordersUpdated3d)} updated ` +
    `(${int(w.paidOrdersUpdated3d)} paid), ${int(w.cartsUpdated3d)} abandoned carts, ${int(w.customersRegistered3d)} new customers, ` +
    `${int(w.productsCreated3d)} new products; ` +
    `last 90 days: ${int(w.ordersCreated90d)} orders. Generated in ${ms(store.generationMs)}.`
  );
};

const requestCount = (row: PollSummary): string =>
  row.requests.min === row.requests.max ? int(row.requests.min) : `${int(row.requests.min)}–${int(row.requests.max)}`;

const pollTable = (polls: PollSummary[], stores: string[], triggers: string[]): string => {
  const header = ['store', 'trigger'];
  for (const mode of POLL_MODES) header.push(`${mode}: req`, 'bytes', 'time', 'records');
  const rows: string[][] = [];
  for (const store of stores) {
    for (const trigger of triggers) {
      const row = [store, trigger];
      for (const mode of POLL_MODES) {
        const poll = polls.find((p) => p.store === store && p.trigger === trigger && p.mode === mode);
        if (!poll || poll.skipped) row.push('–', '–', '–', '–');
        else row.push(requestCount(poll), bytes(poll.bytes), ms(poll.wallMs), int(poll.records));
      }
      rows.push(row);
    }
  }
  return table(header, rows);
};

export const formatReport = (report: Report): string => {
  const { plan, polls, findings, overhead, cpu, memory, coldStart, build } = report;
  const triggers = [...new Set(polls.map((p) => p.trigger))];
  const sizeLabels = plan.sizes.map((s) => s.label);
  const out: string[] = [];
  out.push(
    `Ecwid for Zapier — benchmark (${plan.name} run) ${report.startedAt}, Node ${report.node}, ${report.cpus} CPUs, ` +
      `load average ${report.loadAverage.map((l) => l.toFixed(1)).join(' ')}; took ${report.durationSeconds.toFixed(0)} s`,
    '',
    'The sandbox runs in a process of its own on loopback (rate limit off); requests, bytes (headers included) and',
    "server time are counted there. Polls go through createAppTester (the app's middleware and Zapier's checks).",
    `Figures are medians of ${plan.polls} polls (busy store: ${plan.busyPolls}) per store, trigger and mode, after one warm-up poll each,`,
    'interleaved across stores so that changes in machine load hit every store alike.',
    '',
    'Stores',
  );
  for (const store of report.stores) out.push(`  ${store.spec.label.padEnd(16)} ${describeStore(store)}`);
  out.push(
    '',
    `Polls (modes: ${POLL_MODES.map((m) => `${m} = ${MODE_LABELS[m]}`).join(', ')}; req = requests per poll, min–max)`,
  );
  out.push(pollTable(polls, [...sizeLabels, plan.busy.label], triggers));
  const skipped = [...new Set(polls.filter((p) => p.skipped).map((p) => `${p.trigger}: ${p.skipped}`))];
  if (skipped.length > 0) out.push(`Not measured — ${skipped.join('; ')}.`);
  const cacheFills = polls.filter((p) => p.warmUpOnlyPaths.length > 0 && !p.skipped);
  out.push(
    cacheFills.length === 0
      ? 'Warm-up polls asked for nothing that steady-state polls did not: no per-process lookups.'
      : `Warm-up polls (first of a store, trigger and mode in the process) that also asked for what later polls did not: ${cacheFills
          .map(
            (p) =>
              `${p.trigger} ${p.mode} on ${p.store}: ${p.warmUpOnlyPaths.join(', ')} (${p.warmUpRequests} requests)`,
          )
          .join('; ')}.`,
  );
  out.push(
    findings.lookups.length === 0
      ? 'No steady-state poll asks for anything besides its window.'
      : `Lookups besides the window: ${findings.lookups.join('; ')}.`,
  );
  const untrimmed = [
    ...new Set(polls.filter((p) => p.mode === 'steady' && !p.trimmed && !p.skipped).map((p) => p.trigger)),
  ];
  if (untrimmed.length > 0)
    out.push(`Steady-state polls without responseFields (whole records fetched): ${untrimmed.join(', ')}.`);

  const [small, large] = [sizeLabels[0], sizeLabels[sizeLabels.length - 1]];
  out.push(
    '',
    `Scale: steady-state poll, ${small} store vs ${large} store (client = wall − the sandbox's answering time; CPU = the app's process)`,
  );
  out.push(
    table(
      [
        'trigger',
        `records ${small}`,
        `${large}`,
        `time ${small}`,
        `${large}`,
        'ratio',
        `client ${small}`,
        `${large}`,
        'ratio',
        `CPU ${small}`,
        `${large}`,
        'ratio',
      ],
      report.scale.map((r) => [
        r.trigger,
        int(r.smallRecords),
        int(r.largeRecords),
        ms(r.smallMs),
        ms(r.largeMs),
        ratio(r.ratio),
        ms(r.smallClientMs),
        ms(r.largeClientMs),
        ratio(r.clientRatio),
        ms(r.smallCpuMs),
        ms(r.largeCpuMs),
        ratio(r.cpuRatio),
      ]),
    ),
    '',
  );

  out.push(
    `App overhead: poll through the app vs raw node:http GET of the same page, ${overhead[0].runs} runs each, interleaved`,
  );
  for (const o of overhead) {
    out.push(
      `  ${o.page} (${o.trigger}, ${o.store} store, ${int(o.records)} records in ${o.requestsPerPoll} request): GET ${o.url.replace(/([?&])(createdFrom|createdTo|updatedFrom|updatedTo)=\d+/g, '$1$2=…')}`,
      `    sandbox latency ${o.latencyMs} ms: app ${ms(o.appMs)} vs raw ${ms(o.rawMs)} → ${ratio(o.ratio)} (CPU ${ms(o.appCpuMs)} vs ${ms(o.rawCpuMs)})`,
      `    no latency: app ${ms(o.noLatency.appWallMs)} wall, ${ms(o.noLatency.appCpuMs)} CPU; raw ${ms(o.noLatency.rawWallMs)} wall, ${ms(o.noLatency.rawCpuMs)} CPU`,
    );
  }
  const fullPage = overhead[overhead.length - 1];
  out.push(
    `  App CPU per ${int(fullPage.records)}-order poll, no added latency: ${ms(fullPage.noLatency.appCpuMs)} (wall ${ms(fullPage.noLatency.appWallMs)})`,
    `  CPU of the 100-order poll by whose code ran (V8 sampling profiler, ${cpu.runs} more polls): ` +
      Object.entries(cpu.shares)
        .map(([category, share]) => `${category} ${(share * 100).toFixed(0)}%`)
        .join(', '),
    `    app functions, time on the stack (under the profiler): ${cpu.appFunctions.map((f) => `${f.name} ${ms(f.ms)}`).join('; ')}`,
    `    outside the app, own time (under the profiler): ${cpu.otherFunctions.map((f) => `${f.name} ${ms(f.ms)}`).join('; ')}`,
    '',
    `Memory of one ${memory.trigger} poll of ${int(memory.records)} orders in a fresh process (median of ${memory.runs}): ` +
      `peak RSS ${bytes(memory.peakRssBytes)} (app loaded: ${bytes(memory.loadedRssBytes)}; the poll raised the peak by ${bytes(memory.pollRssBytes)}; ` +
      `heap ${memory.pollHeapBytes < 0 ? '' : '+'}${bytes(memory.pollHeapBytes)} at the end)`,
    '',
    `Cold start, fresh Node ${report.node} process, median of ${coldStart.runs} each, interleaved:`,
    `  spawn to exit: import of dist/index.js ${ms(coldStart.appMs)} vs of zapier-platform-core ${ms(coldStart.coreMs)} → ${ratio(coldStart.ratio)}`,
    `  process CPU:   ${ms(coldStart.appCpuMs)} vs ${ms(coldStart.coreCpuMs)} → ${ratio(coldStart.cpuRatio)}`,
    `  import alone:  ${ms(coldStart.appImportMs)} vs ${ms(coldStart.coreImportMs)} → ${ratio(coldStart.importRatio)}`,
    '',
    `Build (${build.method}${build.note ? `; ${build.note}` : ''}): ` +
      `${build.zipBytes === undefined ? '' : `build.zip ${bytes(build.zipBytes)}, `}${int(build.files)} files, ${bytes(build.unpackedBytes)} unpacked; ${build.seconds.toFixed(1)} s`,
    '',
    'Goals',
  );
  out.push(
    table(
      ['', 'goal', 'target', 'measured'],
      findings.goals.map((g) => [g.met ? 'met' : g.enforced ? 'FAIL' : 'missed', g.name, g.target, g.value]),
    ),
  );
  if (findings.failures.length > 0) out.push('', 'FAILED:', ...findings.failures.map((f) => `  - ${f}`));
  return out.join('\n');
};
