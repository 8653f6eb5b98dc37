/**
 * The sandbox's size claims as printed figures (timings depend on the machine, so they are shown, not asserted):
 * how long generating a big store takes, and what a time-bounded `GET /orders` costs over HTTP on it compared with
 * a 1,000-order store — the time indexes make a search cost the size of its window, not of the store.
 *
 *   npm run build && node dist/sandbox/measure.js [orders, default 100000]
 *
 * The sandbox tests assert the same index behaviour on a 10,000-order store, which jest builds in about a second.
 */
import { pathToFileURL } from 'node:url';
import { startSandbox } from './server.js';
import { generateStore, type EcwidStore } from './store.js';

/** The instant every measured store is generated at (the sandbox tests use the same one). */
export const MEASURE_NOW = Date.UTC(2024, 8, 4, 12, 0, 0);
const MEASURE_NOW_S = MEASURE_NOW / 1000;
/** The store every big one is compared with. */
export const SMALL_STORE_ORDERS = 1_000;

export interface Window {
  createdFrom: number;
  createdTo: number;
}

const WINDOW_ROWS = 75;
const RECENT = 6 * 3600;
const SPAN = 60 * 86400;

/**
 * A window ending now that holds about 75 orders in a generated store of `orders` orders, whatever its size (the
 * generator's defaults: 5% of orders in the last 6 hours, the rest over 60 days): the last 5 minutes of a
 * 100,000-order store, the last day and a half of a 1,000-order one.
 */
export function windowFor(orders: number): Window {
  const perSecondRecent = (orders * 0.05) / RECENT + (orders * 0.95) / SPAN;
  const inRecent = perSecondRecent * RECENT;
  const seconds =
    inRecent >= WINDOW_ROWS
      ? WINDOW_ROWS / perSecondRecent
      : RECENT + (WINDOW_ROWS - inRecent) / ((orders * 0.95) / SPAN);
  return { createdFrom: MEASURE_NOW_S - Math.round(Math.min(seconds, SPAN)), createdTo: MEASURE_NOW_S };
}

export interface SearchFigures {
  /** Orders found (`total`). */
  rows: number;
  /** Orders the store looked at to find them. */
  scanned: number;
  /** Mean time of one `GET /orders?createdFrom&createdTo&limit=100` over HTTP, after a warm-up. */
  ms: number;
}

/** Times a time-bounded `GET /orders` on a sandbox serving `store` (`repeat` requests after a warm-up). */
export async function timeWindowSearch(store: EcwidStore, window: Window, repeat = 10): Promise<SearchFigures> {
  const sandbox = await startSandbox({ store, knobs: { rateLimit: 0 } });
  try {
    const url = `${sandbox.apiBaseUrl}/${sandbox.storeId}/orders?limit=100&createdFrom=${window.createdFrom}&createdTo=${window.createdTo}`;
    const get = () =>
      fetch(url, { headers: { Authorization: `Bearer ${sandbox.token}` } }).then(
        (r) => r.json() as Promise<{ total: number }>,
      );
    await get();
    const started = performance.now();
    let rows = 0;
    for (let i = 0; i < repeat; i++) rows = (await get()).total;
    return { rows, scanned: store.diagnostics.lastOrderScan, ms: (performance.now() - started) / repeat };
  } finally {
    await sandbox.close();
  }
}

export interface GenerationFigures {
  store: EcwidStore;
  orders: number;
  generateMs: number;
  generateCpuMs: number;
}

/** A store of `orders` orders (seed 11), generated under a stopwatch. */
export function generateTimed(orders: number): GenerationFigures {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const store = generateStore({ seed: 11, orders, now: MEASURE_NOW });
  const generateMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { store, orders, generateMs, generateCpuMs: (used.user + used.system) / 1000 };
}

export interface SandboxFigures extends Omit<GenerationFigures, 'store'> {
  search: SearchFigures;
  smallOrders: number;
  smallSearch: SearchFigures;
}

/** The generation time of a big store, and its time-bounded search over HTTP next to a small store's. */
export async function measureSandbox(
  orders = 100_000,
  smallOrders = SMALL_STORE_ORDERS,
  repeat = 10,
): Promise<SandboxFigures> {
  const { store: big, ...generation } = generateTimed(orders);
  const small = generateStore({ seed: 11, orders: smallOrders, now: MEASURE_NOW });
  return {
    ...generation,
    search: await timeWindowSearch(big, windowFor(orders), repeat),
    smallOrders,
    smallSearch: await timeWindowSearch(small, windowFor(smallOrders), repeat),
  };
}

export function describeFigures(f: SandboxFigures): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const search = (s: SearchFigures) => `${s.ms.toFixed(1)} ms (${s.rows} rows, ${s.scanned} scanned)`;
  return [
    `generateStore: ${n(f.orders)} orders in ${Math.round(f.generateMs)} ms wall, ${Math.round(f.generateCpuMs)} ms CPU`,
    `GET /orders, time-bounded: ${n(f.orders)}-order store ${search(f.search)}; ${n(f.smallOrders)}-order store ${search(f.smallSearch)}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const orders = process.argv[2] === undefined ? 100_000 : Number(process.argv[2]);
  if (!Number.isInteger(orders) || orders < 1)
    throw new Error(`orders must be a positive integer, got ${process.argv[2]}`);
  console.log(describeFigures(await measureSandbox(orders)));
}
