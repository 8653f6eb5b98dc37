/**
 * The app's overhead over a plain GET, its CPU per poll, its memory, and its cold start: each compared with the
 * floor it cannot go below (the same request made raw; zapier-platform-core loaded alone).
 */
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Host } from './host.js';
import { Poller, rawGet, urlOf, type PollSample, type RawSample, type TriggerDefinition } from './polls.js';
import type { HostedStore } from './sandbox-host.js';
import { median } from './stats.js';

/**
 * The tools' build this bench runs from (dist-tools/tools/bench/measure.js → dist-tools/, which holds its own
 * compiled copy of the app), the repository around it, and the app's own build (dist/, what Zapier ships).
 */
export const DIST_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));
export const APP_DIST_DIR = `${REPO_DIR}dist/`;
const APP_ENTRY = pathToFileURL(`${APP_DIST_DIR}index.js`).href;

export interface OverheadResult {
  /** Which page: the steady-state poll of a sized store, or a full page of 100 orders. */
  page: string;
  store: string;
  trigger: string;
  latencyMs: number;
  runs: number;
  records: number;
  requestsPerPoll: number;
  url: string;
  appMs: number;
  rawMs: number;
  ratio: number;
  /** The same comparison in CPU of this process: less sensitive to other load on the machine. */
  appCpuMs: number;
  rawCpuMs: number;
  /** Without added latency: what the app itself spends per poll. */
  noLatency: { appWallMs: number; appCpuMs: number; rawWallMs: number; rawCpuMs: number };
}

/**
 * App poll vs raw GET of the exact page the app asked for, interleaved (alternating which goes first, so a drift in
 * machine load hits both), with the sandbox answering after `latencyMs`; then both again without latency for CPU.
 */
export const measureOverhead = async (
  host: Host,
  poller: Poller,
  store: HostedStore,
  trigger: TriggerDefinition,
  { page, runs, latencyMs }: { page: string; runs: number; latencyMs: number },
): Promise<OverheadResult> => {
  const app = async (): Promise<PollSample> => {
    const sample = await poller.poll(store, trigger, 'steady');
    if (sample.error) throw new Error(`${trigger.key} on the ${store.spec.label} store: ${sample.error}`);
    return sample;
  };
  // The first poll of a store also fetches the store profile (cached per process); the page is that of the next.
  await app();
  const steady = await app();
  if (steady.entries.length !== 1)
    throw new Error(`${trigger.key} made ${steady.entries.length} requests in steady state`);
  const url = urlOf(store, steady.entries[0]);
  const raw = async (): Promise<RawSample> => {
    const sample = await rawGet(url, store.token);
    if (sample.status !== 200) throw new Error(`raw GET answered ${sample.status}`);
    return sample;
  };
  const interleaved = async () => {
    const apps: PollSample[] = [];
    const raws: RawSample[] = [];
    await raw();
    for (let i = 0; i < runs; i += 1) {
      if (i % 2 === 0) {
        apps.push(await app());
        raws.push(await raw());
      } else {
        raws.push(await raw());
        apps.push(await app());
      }
    }
    return { apps, raws };
  };

  await host.call('setKnobs', store.storeId, { faults: { latencyMs } });
  const slow = await interleaved().finally(() => host.call('setKnobs', store.storeId, { faults: { latencyMs: 0 } }));
  const fast = await interleaved();
  const appMs = median(slow.apps.map((s) => s.wallMs));
  const rawMs = median(slow.raws.map((s) => s.wallMs));
  return {
    page,
    store: store.spec.label,
    trigger: trigger.key,
    latencyMs,
    runs,
    records: median(slow.apps.map((s) => s.records)),
    requestsPerPoll: Math.max(...slow.apps.map((s) => s.requests)),
    url: url.replace(/^https?:\/\/[^/]+/, ''),
    appMs,
    rawMs,
    ratio: appMs / rawMs,
    appCpuMs: median(slow.apps.map((s) => s.cpuMs)),
    rawCpuMs: median(slow.raws.map((s) => s.cpuMs)),
    noLatency: {
      appWallMs: median(fast.apps.map((s) => s.wallMs)),
      appCpuMs: median(fast.apps.map((s) => s.cpuMs)),
      rawWallMs: median(fast.raws.map((s) => s.wallMs)),
      rawCpuMs: median(fast.raws.map((s) => s.cpuMs)),
    },
  };
};

export interface CpuBreakdown {
  runs: number;
  /**
   * Share of the poll's CPU by whose code was running (V8's sampling profiler; built-ins count for their caller).
   * Shares, because the profiler slows everything down: the ms figures below are under the profiler too.
   */
  shares: Record<string, number>;
  /** The app's functions with the most time on the stack, ms per poll. */
  appFunctions: { name: string; ms: number }[];
  /** Where the time outside the app went: functions with the most own time, ms per poll. */
  otherFunctions: { name: string; ms: number }[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const CATEGORIES = [
  'app',
  'zapier-platform-core and its dependencies',
  'Node.js internals',
  'garbage collection',
] as const;

/** Who ran, per poll: the app (dist/, but not bench/ or sandbox/), core and its node_modules, Node, the GC. */
export const profilePolls = async (
  poller: Poller,
  store: HostedStore,
  trigger: TriggerDefinition,
  runs: number,
): Promise<CpuBreakdown> => {
  const session = new Session();
  session.connect();
  let profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
    for (let i = 0; i < runs; i += 1) await poller.poll(store, trigger, 'steady');
    ({ profile } = (await session.post('Profiler.stop')) as unknown as { profile: typeof profile });
  } finally {
    session.disconnect();
  }
  const distUrl = pathToFileURL(DIST_DIR).href;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const categoryOf = (url: string): (typeof CATEGORIES)[number] | undefined => {
    if (url.startsWith(distUrl)) {
      const rest = url.slice(distUrl.length);
      return rest.startsWith('tools/') ? undefined : 'app';
    }
    if (url.includes('/node_modules/')) return 'zapier-platform-core and its dependencies';
    if (url.startsWith('node:')) return 'Node.js internals';
    return undefined;
  };
  const nameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
    `${functionName || '(anonymous)'} ${url.startsWith(distUrl) ? url.slice(distUrl.length) : url.replace(/^.*\/node_modules\//, '')}:${lineNumber + 1}`;
  const perPoll: Record<string, number> = Object.fromEntries(CATEGORIES.map((category) => [category, 0]));
  const appInclusive = new Map<string, number>();
  const otherSelf = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000 / runs;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(garbage collector)') {
      perPoll['garbage collection'] += ms;
      return;
    }
    const stack: ProfileNode[] = [];
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parentOf.get(node.id) ?? -1)) stack.push(node);
    // The profiler's own work (Profiler.stop building the profile) and the bench's counting are not the poll's.
    if (
      stack.some(
        ({ callFrame: { url } }) => url.startsWith('node:inspector') || url.startsWith(`${distUrl}tools/bench/`),
      )
    )
      return;
    // Built-ins (JSON.parse, RegExp…) have no URL: they count for the nearest caller that has one.
    let owner: ProfileNode | undefined;
    const seen = new Set<string>();
    for (const node of stack) {
      const category = categoryOf(node.callFrame.url);
      if (category && !owner) owner = node;
      if (category === 'app') {
        const name = nameOf(node);
        if (!seen.has(name)) appInclusive.set(name, (appInclusive.get(name) ?? 0) + ms);
        seen.add(name);
      }
    }
    if (!owner) return; // idle, or the program itself
    const category = categoryOf(owner.callFrame.url)!;
    perPoll[category] += ms;
    if (category !== 'app') otherSelf.set(nameOf(owner), (otherSelf.get(nameOf(owner)) ?? 0) + ms);
  });
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, ms]) => ({ name, ms }));
  const total = Object.values(perPoll).reduce((sum, value) => sum + value, 0);
  const shares = Object.fromEntries(Object.entries(perPoll).map(([category, value]) => [category, value / total]));
  return { runs, shares, appFunctions: top(appInclusive), otherFunctions: top(otherSelf) };
};

/** Runs a Node script in a fresh process; resolves with its stdout and wall time (spawn to exit). */
const runNode = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; wallMs: number }> =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: REPO_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - start;
      if (code === 0) resolve({ stdout, wallMs });
      else reject(new Error(`node ${args.join(' ').slice(0, 120)} exited ${code}: ${stderr.slice(0, 2000)}`));
    });
  });

export interface ColdStartResult {
  runs: number;
  /** Spawn to exit of `node -e "await import(…)"`: Node's own start-up included, as in a fresh Lambda. */
  appMs: number;
  coreMs: number;
  ratio: number;
  /** CPU of the whole process (start-up included): steadier than wall time on a busy machine. */
  appCpuMs: number;
  coreCpuMs: number;
  cpuRatio: number;
  /** The import alone, timed inside the process. */
  appImportMs: number;
  coreImportMs: number;
  importRatio: number;
}

const importTimer = (specifier: string) =>
  `const start = performance.now(); await import(${JSON.stringify(specifier)}); const cpu = process.cpuUsage();` +
  ' process.stdout.write(JSON.stringify({ importMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000 }));';

/** The built app vs zapier-platform-core alone, each imported by a fresh Node process, interleaved. */
export const measureColdStart = async (runs: number): Promise<ColdStartResult> => {
  type Run = { wallMs: number; importMs: number; cpuMs: number };
  const app: Run[] = [];
  const core: Run[] = [];
  const once = async (specifier: string): Promise<Run> => {
    const { stdout, wallMs } = await runNode(['--input-type=module', '-e', importTimer(specifier)]);
    return { wallMs, ...(JSON.parse(stdout) as { importMs: number; cpuMs: number }) };
  };
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      app.push(await once(APP_ENTRY));
      core.push(await once('zapier-platform-core'));
    } else {
      core.push(await once('zapier-platform-core'));
      app.push(await once(APP_ENTRY));
    }
  }
  const of = (runs: Run[], pick: (run: Run) => number) => median(runs.map(pick));
  const result = {
    appMs: of(app, (r) => r.wallMs),
    coreMs: of(core, (r) => r.wallMs),
    appCpuMs: of(app, (r) => r.cpuMs),
    coreCpuMs: of(core, (r) => r.cpuMs),
    appImportMs: of(app, (r) => r.importMs),
    coreImportMs: of(core, (r) => r.importMs),
  };
  return {
    runs,
    ...result,
    ratio: result.appMs / result.coreMs,
    cpuRatio: result.appCpuMs / result.coreCpuMs,
    importRatio: result.appImportMs / result.coreImportMs,
  };
};

export interface MemoryResult {
  runs: number;
  trigger: string;
  records: number;
  /** After loading the app, before the poll. */
  loadedRssBytes: number;
  /** The process's peak RSS, the poll included. */
  peakRssBytes: number;
  /** How far the poll raised the process's peak RSS above the peak reached while loading (0: it never did). */
  pollRssBytes: number;
  pollHeapBytes: number;
}

/** One poll in a fresh process (bench/memory-probe.ts), `runs` times; medians. */
export const measureMemory = async (
  store: HostedStore,
  trigger: TriggerDefinition,
  runs: number,
): Promise<MemoryResult> => {
  const probe = fileURLToPath(new URL('./memory-probe.js', import.meta.url));
  type Memory = { rss: number; heapUsed: number; maxRss: number };
  const samples: { loaded: Memory; polled: Memory; records: number }[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { stdout } = await runNode([probe], {
      ECWID_API_BASE_URL: store.apiBaseUrl,
      BENCH_STORE_ID: String(store.storeId),
      BENCH_TOKEN: store.token,
      BENCH_TRIGGER: trigger.key,
    });
    samples.push(JSON.parse(stdout));
  }
  return {
    runs,
    trigger: trigger.key,
    records: median(samples.map((s) => s.records)),
    loadedRssBytes: median(samples.map((s) => s.loaded.rss)),
    peakRssBytes: median(samples.map((s) => s.polled.maxRss)),
    pollRssBytes: median(samples.map((s) => s.polled.maxRss - s.loaded.maxRss)),
    pollHeapBytes: median(samples.map((s) => s.polled.heapUsed - s.loaded.heapUsed)),
  };
};
