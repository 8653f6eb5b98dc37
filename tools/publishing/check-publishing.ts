/**
 * `npm run check:publishing`: Zapier's integration checks that can be judged offline, on the built app.
 * Exits 1 when any fails; each line names the check, where, and the fix.
 *
 * `node dist-tools/tools/publishing/check-publishing.js --live results.json` also checks live output (T002–T005), e.g. fetched
 * from the sandbox: the file maps "triggers.new_order" (kind.key) to the array of records the step returned.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import App from '../../index.js';
import { apiBaseUrl, oauthBaseUrl } from '../../lib/ecwid/config.js';
import {
  checkApp,
  checkLiveOutput,
  formatFailure,
  operationsOf,
  type AppDef,
  type Failure,
} from './publishing-checks.js';

/** The app's own source (what Zapier runs), searched for http:// URLs the definition hides inside functions. */
const APP_SOURCES = ['index.ts', 'authentication.ts', 'triggers', 'creates', 'searches', 'lib'];

const sourceFiles = (path: string): string[] => {
  try {
    if (statSync(path).isDirectory())
      return readdirSync(path)
        .sort()
        .flatMap((name) => sourceFiles(join(path, name)));
  } catch {
    return [];
  }
  return /\.ts$/.test(path) ? [path] : [];
};

/** The base URLs the app calls in production: what lib/ecwid/config.ts answers with no override in the environment. */
const productionBaseUrls = (): string[] => {
  const saved = { api: process.env.ECWID_API_BASE_URL, oauth: process.env.ECWID_OAUTH_BASE_URL };
  delete process.env.ECWID_API_BASE_URL;
  delete process.env.ECWID_OAUTH_BASE_URL;
  try {
    return [apiBaseUrl(), oauthBaseUrl()];
  } finally {
    if (saved.api !== undefined) process.env.ECWID_API_BASE_URL = saved.api;
    if (saved.oauth !== undefined) process.env.ECWID_OAUTH_BASE_URL = saved.oauth;
  }
};

/** T002–T005 for each step named in a JSON file of live results: { "triggers.new_order": [ … ], … }. */
const liveFailures = (app: AppDef, file: string): Failure[] => {
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ops = new Map(operationsOf(app).map((op) => [`${op.kind}.${op.key}`, op]));
  return Object.entries(results).flatMap(([name, items]) => {
    const op = ops.get(name);
    if (!op)
      throw new Error(`${file}: "${name}" is not a step of the app (write kind.key, e.g. "triggers.new_order").`);
    const operation = op.def.operation ?? {};
    return checkLiveOutput(name, operation.sample, Array.isArray(items) ? items : [items], operation.outputFields);
  });
};

const JUDGED =
  'Judged: D001–D018, D021–D024 (Zapier) and X001 (help text on every input); T002–T005 with --live. ' +
  'Not judgeable here: A001, C001–C003 against the public version (test/publishing/public-surface.test.ts compares ' +
  'with the committed snapshot instead), M*, S*, T001, T006, U001, L*, Z001.';

const main = (): number => {
  const app = App as unknown as AppDef;
  const sources = Object.fromEntries(
    APP_SOURCES.flatMap(sourceFiles).map((path) => [path, readFileSync(path, 'utf8')]),
  );
  const report = checkApp(app, { urls: productionBaseUrls(), sources });
  const liveArg = process.argv.indexOf('--live');
  const failures = [...report.failures, ...(liveArg > 0 ? liveFailures(app, process.argv[liveArg + 1] ?? '') : [])];
  for (const note of report.notJudged) console.log(`not judged offline: ${note}`);
  console.log(JUDGED);
  if (failures.length === 0) {
    console.log('check:publishing: every integration check that can be judged offline passes.');
    return 0;
  }
  for (const failure of failures) console.error(formatFailure(failure));
  const checks = [...new Set(failures.map((f) => f.check))].sort().join(', ');
  console.error(`\ncheck:publishing: ${failures.length} failure(s) (${checks}). Fix them before publishing.`);
  return 1;
};

process.exitCode = main();
