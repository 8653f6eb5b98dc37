/**
 * Run by bench/measure.ts in a fresh process: loads the app, then runs one poll of a trigger against a sandbox, and
 * prints the process's memory before and after as JSON. Peak RSS comes from the kernel (`maxRSS`), so a short spike
 * during the poll is seen even if it is gone by the end.
 * Environment: ECWID_API_BASE_URL, BENCH_STORE_ID, BENCH_TOKEN, BENCH_TRIGGER.
 */
process.env.NODE_ENV ??= 'test';

const memory = () => {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
};

const { default: zapier } = await import('zapier-platform-core');
const { default: App } = await import('../../index.js');
const trigger = (App.triggers as Record<string, { operation: { perform: unknown } }>)[
  process.env.BENCH_TRIGGER ?? 'new_order'
];
const appTester = zapier.createAppTester(App) as unknown as (method: unknown, bundle: unknown) => Promise<unknown>;

const loaded = memory();
const result = await appTester(trigger.operation.perform, {
  authData: { access_token: process.env.BENCH_TOKEN, store_id: process.env.BENCH_STORE_ID },
  inputData: {},
  meta: { isLoadingSample: false, isPopulatingDedupe: false, isFillingDynamicDropdown: false, limit: -1, page: 0 },
});
const polled = memory();
process.stdout.write(JSON.stringify({ loaded, polled, records: Array.isArray(result) ? result.length : 0 }));
