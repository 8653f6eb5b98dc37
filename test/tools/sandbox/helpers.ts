/** Shared by the sandbox tests: a sandbox on a loopback port with the internet blocked, and a small HTTP client. */
import { afterAll, beforeAll, expect } from '@jest/globals';
import nock from 'nock';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../tools/sandbox/server.js';

/** 2024-09-04 12:00:00 UTC: every test store is generated at this instant and its clock frozen there. */
export const NOW = Date.UTC(2024, 8, 4, 12, 0, 0);
export const NOW_S = NOW / 1000;
export const HOUR_S = 3600;
export const DAY_S = 86400;

export function onlyLoopback(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
}

/** The rate limit is off unless a test turns it on: a frozen clock never lets the window slide. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  onlyLoopback();
  return startSandbox({ now: NOW, seed: 7, ...options, knobs: { rateLimit: 0, ...options.knobs } });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: any;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: any;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export type Query = Record<string, string | number | boolean>;

/** Calls `/api/v3/{storeId}/…` with a Bearer token. */
export class ApiClient {
  constructor(
    readonly sandbox: Sandbox,
    readonly token: string = sandbox.token,
  ) {}

  url(path: string, query: Query = {}): string {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    const search = params.toString();
    return `${this.sandbox.apiBaseUrl}/${this.sandbox.storeId}${path}${search ? `?${search}` : ''}`;
  }

  get(path: string, query: Query = {}): Promise<Answer> {
    return call(this.url(path, query), { headers: { Authorization: `Bearer ${this.token}` } });
  }

  send(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<Answer> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['Content-Type'] = contentType;
    return call(this.url(path), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** Every row of a search, page by page (limit 100), failing on any non-200 page. */
  async all(path: string, query: Query = {}): Promise<any[]> {
    const rows: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const answer = await this.get(path, { ...query, offset, limit: 100 });
      if (answer.status !== 200) throw new Error(`${path} → ${answer.status} ${answer.text}`);
      rows.push(...answer.body.items);
      if (offset + 100 >= answer.body.total) return rows;
    }
  }
}

/** Ids of a list of rows, for comparing result sets. */
export const idsOf = (rows: { id: string | number }[]): (string | number)[] => rows.map((r) => r.id);
export const sortedIds = (rows: { id: string | number }[]): string[] => rows.map((r) => String(r.id)).sort();

/** The file's sandbox, started with `options` before its tests and closed after them, and a client of its API. */
export function useTestSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox; readonly api: ApiClient } {
  const live = {} as { sandbox: Sandbox; api: ApiClient };
  beforeAll(async () => {
    live.sandbox = await startTestSandbox(options);
    live.api = new ApiClient(live.sandbox);
  });
  afterAll(() => live.sandbox.close());
  return live;
}

/**
 * A filter of `path` against a brute-force reading of the store: the API's answer, all pages, is as a set the rows
 * `pick` chooses from `rows` — some but not all of them, or the filter would prove nothing. `idOf` names a row.
 */
export async function expectFilterPicks<T>(
  api: ApiClient,
  path: string,
  query: Query,
  rows: T[],
  pick: (row: T) => boolean,
  idOf: (row: T) => string | number = (row) => (row as { id: string | number }).id,
): Promise<T[]> {
  const expected = rows.filter(pick);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(rows.length);
  const answered: T[] = await api.all(path, query);
  const sortedIdsOf = (list: T[]) => list.map((row) => String(idOf(row))).sort();
  expect(sortedIdsOf(answered)).toEqual(sortedIdsOf(expected));
  return answered;
}
