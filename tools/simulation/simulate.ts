/**
 * `npm run simulate`: a month of store traffic with faults, played against the sandbox with the app's triggers run
 * as Zapier runs them (see tools/simulation/simulation-core.ts). Prints the figures, writes them to
 * docs/simulation-results.md, and exits 1 on any miss, duplicate, unexpected firing, gap or unclear failure.
 * Flags: USAGE below (`npm run simulate -- --help`).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROW_ORDERS, type RowOrder } from '../sandbox/knobs.js';
import type { SimulationFigures } from './simulation-core.js';
import { flagError, readFlags } from '../cli-flags.js';

const USAGE = `
npm run simulate -- [flags]   (defaults in parentheses)
  --seed (1) --days (30) --orders (21000) --warmup-days (10) --drain-hours (12) --bursts (10)
  --burst-size (120,360; or three or more exact sizes, e.g. 1000,2000,5000: one flash sale each)
  --lifecycle-scale (1) --customers-per-day (100) --products-per-day (8) --error-rate (0.045)
  --refund-bursts (none; sizes, e.g. 1000,2000: mass refunds of that many paid orders each, in the run's last third)
  --truncate-rate (0.01) --timeout-rate (0.005) --slow-rate (0.02) --timeout-ms (800) --take (newest|oldest)
  --take-per-poll (100, or "all": new items Zapier takes from one poll)
  --row-orders (oldest,newest,shuffled: the row orders /orders switches between)
  --cache-loss (0: share of polls that find z.cache and the process's caches empty)
  --zaps (comma list, or "all") --jobs (one process per Zap, this many at once; default: the number of cores)
  --poll-log (path: one JSON line per poll) --out (docs/simulation-results.md; "-" for none) --json (path) --quiet
`;

// zapier-platform-core reads NODE_ENV when it loads: "test" makes its output checks throw (as in `zapier test`)
// and stops it printing memory figures after every invocation.
process.env.NODE_ENV ??= 'test';
const { DEFAULT_OPTIONS, TAKE_ALL, ZAPS, figuresMarkdown, formatFigures, mergeFigures, runSimulation } = await import(
  './simulation-core.js'
);

const flags = readFlags(USAGE, {
  seed: { type: 'string' },
  days: { type: 'string' },
  orders: { type: 'string' },
  'warmup-days': { type: 'string' },
  'drain-hours': { type: 'string' },
  bursts: { type: 'string' },
  'burst-size': { type: 'string' },
  'lifecycle-scale': { type: 'string' },
  'refund-bursts': { type: 'string' },
  'customers-per-day': { type: 'string' },
  'products-per-day': { type: 'string' },
  'error-rate': { type: 'string' },
  'cache-loss': { type: 'string' },
  'truncate-rate': { type: 'string' },
  'timeout-rate': { type: 'string' },
  'slow-rate': { type: 'string' },
  'timeout-ms': { type: 'string' },
  take: { type: 'string' },
  'take-per-poll': { type: 'string' },
  'row-orders': { type: 'string' },
  zaps: { type: 'string' },
  jobs: { type: 'string' },
  'poll-log': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'string' },
  quiet: { type: 'boolean' },
});

const number = (
  name: keyof typeof flags,
  fallback: number,
  check: (value: number) => boolean,
  what: string,
): number => {
  const text = flags[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(value) || !check(value)) {
    flagError(`--${name} must be ${what}, got '${String(text)}'`);
  }
  return value;
};
const positive = (value: number) => value > 0;
const atLeastZero = (value: number) => value >= 0;
const whole = (value: number) => Number.isInteger(value) && value >= 0;
const rate = (value: number) => value >= 0 && value < 1;

/** MIN,MAX (each flash sale's size drawn from it), or three or more exact sizes, one flash sale each. */
function burstSize(): { burstSize: [number, number]; burstSizes?: number[] } {
  const text = flags['burst-size'];
  if (text === undefined) return { burstSize: DEFAULT_OPTIONS.burstSize };
  const sizes = text.split(',').map(Number);
  if (sizes.length > 2 && sizes.every((size) => Number.isInteger(size) && size >= 1))
    return { burstSize: [Math.min(...sizes), Math.max(...sizes)], burstSizes: sizes };
  const [min, max = min] = sizes;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min)
    flagError(`--burst-size must be MIN,MAX orders (or three or more exact sizes), got '${text}'`);
  return { burstSize: [min, max] };
}

/** Sizes of the mass refunds, e.g. 1000,2000 (none by default). */
function refundBursts(): number[] | undefined {
  const text = flags['refund-bursts'];
  if (text === undefined) return undefined;
  const sizes = text.split(',').map(Number);
  if (!sizes.every((size) => Number.isInteger(size) && size >= 1))
    flagError(`--refund-bursts must list whole numbers of orders, e.g. 1000,2000; got '${text}'`);
  return sizes;
}

function rowOrders(): RowOrder[] {
  const text = flags['row-orders'];
  if (text === undefined) return DEFAULT_OPTIONS.rowOrders;
  const orders = text.split(',').map((order) => order.trim());
  const wrong = orders.filter((order) => !(ROW_ORDERS as readonly string[]).includes(order));
  if (orders.length === 0 || wrong.length > 0)
    flagError(`--row-orders must list ${ROW_ORDERS.join(', ')}; got '${text}'`);
  return orders as RowOrder[];
}

const take = flags.take ?? DEFAULT_OPTIONS.take;
if (take !== 'newest' && take !== 'oldest') flagError(`--take must be newest or oldest, got '${take}'`);
const zaps =
  flags.zaps === 'all'
    ? Object.keys(ZAPS)
    : (flags.zaps?.split(',').map((name) => name.trim()) ?? DEFAULT_OPTIONS.zaps);
const unknown = zaps.filter((name) => !(name in ZAPS));
if (unknown.length > 0) flagError(`--zaps: unknown ${unknown.join(', ')}; known: ${Object.keys(ZAPS).join(', ')}`);
const jobs = Math.min(
  number('jobs', availableParallelism(), (value) => Number.isInteger(value) && value >= 1, 'a whole number ≥ 1'),
  zaps.length,
);
const pollLog = flags['poll-log'];

const options = {
  seed: number('seed', DEFAULT_OPTIONS.seed, Number.isInteger, 'an integer'),
  days: number('days', DEFAULT_OPTIONS.days, positive, 'a positive number'),
  orders: number('orders', DEFAULT_OPTIONS.orders, whole, 'a whole number'),
  warmupDays: number('warmup-days', DEFAULT_OPTIONS.warmupDays, atLeastZero, 'a number ≥ 0'),
  drainHours: number('drain-hours', DEFAULT_OPTIONS.drainHours, atLeastZero, 'a number ≥ 0'),
  bursts: number('bursts', DEFAULT_OPTIONS.bursts, whole, 'a whole number'),
  ...burstSize(),
  lifecycleScale: number('lifecycle-scale', DEFAULT_OPTIONS.lifecycleScale, positive, 'a positive number'),
  refundBursts: refundBursts(),
  customersPerDay: number('customers-per-day', DEFAULT_OPTIONS.customersPerDay, atLeastZero, 'a number ≥ 0'),
  productsPerDay: number('products-per-day', DEFAULT_OPTIONS.productsPerDay, atLeastZero, 'a number ≥ 0'),
  errorRate: number('error-rate', DEFAULT_OPTIONS.errorRate, rate, 'a share in [0, 1)'),
  truncateRate: number('truncate-rate', DEFAULT_OPTIONS.truncateRate, rate, 'a share in [0, 1)'),
  timeoutRate: number('timeout-rate', DEFAULT_OPTIONS.timeoutRate, rate, 'a share in [0, 1)'),
  slowRate: number('slow-rate', DEFAULT_OPTIONS.slowRate, rate, 'a share in [0, 1)'),
  cacheLossRate: number('cache-loss', DEFAULT_OPTIONS.cacheLossRate, rate, 'a share in [0, 1)'),
  requestTimeoutMs: number(
    'timeout-ms',
    DEFAULT_OPTIONS.requestTimeoutMs,
    positive,
    'a positive number of milliseconds',
  ),
  take: take as 'newest' | 'oldest',
  takePerPoll:
    flags['take-per-poll'] === 'all'
      ? TAKE_ALL
      : number(
          'take-per-poll',
          DEFAULT_OPTIONS.takePerPoll,
          (value) => Number.isInteger(value) && value >= 1,
          'a whole number ≥ 1 or "all"',
        ),
  rowOrders: rowOrders(),
  zaps,
};

const log = (line: string) => {
  if (!flags.quiet) process.stderr.write(`${line}\n`);
};

/** One child process per Zap (the same store, seed and faults), `jobs` at a time; their figures merged. */
async function runInProcesses(): Promise<SimulationFigures> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'ecwid-simulation-'));
  const passed = process.argv
    .slice(2)
    .filter(
      (arg, i, args) =>
        !/^--(zaps|jobs|out|json|poll-log)(=|$)/.test(arg) &&
        !/^--(zaps|jobs|out|json|poll-log)$/.test(args[i - 1] ?? ''),
    );
  const runOne = (zap: string) =>
    new Promise<SimulationFigures>((resolve, reject) => {
      const json = join(dir, `${zap}.json`);
      const args = [
        fileURLToPath(import.meta.url),
        ...passed,
        '--zaps',
        zap,
        '--jobs',
        '1',
        '--out',
        '-',
        '--json',
        json,
        '--quiet',
      ];
      if (pollLog) args.push('--poll-log', `${pollLog}.${zap}`);
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => {
        try {
          const figures = JSON.parse(readFileSync(json, 'utf8')) as SimulationFigures;
          log(`${zap}: done in ${(figures.wallMs / 1000).toFixed(0)} s (${figures.ok ? 'ok' : 'FAILED'})`);
          resolve(figures);
        } catch {
          reject(new Error(`The simulation of ${zap} ended (exit ${code}) without figures`));
        }
      });
    });
  const results: SimulationFigures[] = [];
  const queue = [...zaps];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let zap = queue.shift(); zap !== undefined; zap = queue.shift()) results.push(await runOne(zap));
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  results.sort((a, b) => zaps.indexOf(a.zaps[0].name) - zaps.indexOf(b.zaps[0].name));
  return mergeFigures(results, performance.now() - started);
}

if (pollLog && jobs === 1) writeFileSync(pollLog, '');
log(
  `Simulating ${options.days} days, ${options.orders} orders, Zaps ${zaps.join(', ')}${jobs > 1 ? ` (${jobs} processes)` : ''}…`,
);
const figures =
  jobs > 1
    ? await runInProcesses()
    : await runSimulation({
        ...options,
        progress: log,
        onPoll: pollLog ? (poll) => appendFileSync(pollLog, `${JSON.stringify(poll)}\n`) : undefined,
      });
console.log(formatFigures(figures));

const command = `npm run simulate${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const out = flags.out ?? 'docs/simulation-results.md';
if (out !== '-') {
  writeFileSync(out, figuresMarkdown(figures, command));
  console.log(`\nFigures written to ${out}`);
}
if (flags.json) writeFileSync(flags.json, `${JSON.stringify(figures, null, 2)}\n`);
process.exit(figures.ok ? 0 : 1);
