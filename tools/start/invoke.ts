/**
 * Running the app through the real `zapier-platform invoke` CLI against an Ecwid-compatible server (the sandbox):
 * used by `npm start` and by the end-to-end test. The connection lives in a throwaway .env inside a temporary app
 * folder (links to package.json, dist and node_modules), so a developer's own .env is never read or changed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The project folder (this file runs from tools/start/ under jest and from dist-tools/tools/start/ when built). */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

export interface Connection {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  token: string;
  storeId: number | string;
}

export interface ThrowawayApp {
  dir: string;
  remove: () => void;
}

export const throwawayApp = (connection: Connection): ThrowawayApp => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecwid-zapier-'));
  for (const entry of ['package.json', 'dist', 'node_modules'])
    fs.symlinkSync(path.join(PROJECT_ROOT, entry), path.join(dir, entry));
  fs.writeFileSync(
    path.join(dir, '.env'),
    [
      `ECWID_API_BASE_URL=${connection.apiBaseUrl}`,
      `ECWID_OAUTH_BASE_URL=${connection.oauthBaseUrl}`,
      `CLIENT_ID=${connection.clientId}`,
      `CLIENT_SECRET=${connection.clientSecret}`,
      `authData_access_token=${connection.token}`,
      `authData_store_id=${connection.storeId}`,
      '',
    ].join('\n'),
  );
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
};

/**
 * `zapier-platform invoke <type> <key> --non-interactive [-i input]` in the throwaway app; the JSON it prints.
 * Asynchronous on purpose: the sandbox usually lives in the calling process and must keep answering meanwhile.
 */
export const invoke = async (
  app: ThrowawayApp,
  type: 'trigger' | 'create' | 'search',
  key: string,
  input?: Record<string, unknown>,
  { loadingSample = false }: { loadingSample?: boolean } = {},
): Promise<any> => {
  const bin = path.join(PROJECT_ROOT, 'node_modules/.bin');
  const args = ['invoke', type, key, '--non-interactive', ...(input ? ['-i', JSON.stringify(input)] : [])];
  // As the Zap editor's "Test trigger" does: at most three records, looking further back when the store is quiet.
  if (loadingSample) args.push('--isLoadingSample');
  const { stdout } = await promisify(execFile)(path.join(bin, 'zapier-platform'), args, {
    cwd: app.dir,
    maxBuffer: 64 * 1024 * 1024,
    // Node 22 from the `node` devDependency first, as for every npm script.
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
  });
  return JSON.parse(stdout);
};
