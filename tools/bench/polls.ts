/**
 * One poll of a trigger as Zapier runs it (createAppTester: the app's middleware, Zapier's output checks), and what
 * it cost, counted by the sandbox: requests, response bytes, server time. Also the raw GET the app's overhead is
 * compared with.
 */
import http from 'node:http';
import type { RequestLogEntry } from '../sandbox/server.js';
import { matchRoute } from '../sandbox/routes/index.js';
import type { Host } from './host.js';
import type { HostedStore } from './sandbox-host.js';

export type PollMode = 'steady' | 'sample' | 'dedupe';
export const POLL_MODES: readonly PollMode[] = ['steady', 'sample', 'dedupe'];
export const MODE_LABELS: Record<PollMode, string> = {
  steady: 'steady state',
  sample: 'Test trigger',
  dedupe: 'dedupe seeding',
};

/** `bundle.meta` as Zapier sends it: a live poll, the Zap editor's "Test trigger", the Zap-on poll. */
const META: Record<PollMode, { isLoadingSample: boolean; isPopulatingDedupe: boolean }> = {
  steady: { isLoadingSample: false, isPopulatingDedupe: false },
  sample: { isLoadingSample: true, isPopulatingDedupe: false },
  dedupe: { isLoadingSample: false, isPopulatingDedupe: true },
};

/** The part of a trigger definition the bench reads. */
export interface TriggerDefinition {
  key: string;
  display: { label: string; hidden?: boolean };
  operation: { type?: string; perform: unknown; inputFields?: unknown[] };
}

export type AppTester = (method: unknown, bundle: unknown) => Promise<unknown>;

/** The triggers a merchant can pick: polling, not hidden (dropdown feeds are not polled by Zaps). */
export const zapTriggers = (triggers: Record<string, TriggerDefinition>): TriggerDefinition[] =>
  Object.values(triggers).filter(
    (trigger) => !trigger.display.hidden && (trigger.operation.type ?? 'polling') === 'polling',
  );

/** What the Zap editor pre-fills: each input's default. */
const defaultInputs = (trigger: TriggerDefinition): Record<string, string> => {
  const inputs: Record<string, string> = {};
  for (const field of trigger.operation.inputFields ?? []) {
    const { key, default: value } = (field ?? {}) as { key?: string; default?: string };
    if (typeof key === 'string' && value !== undefined) inputs[key] = value;
  }
  return inputs;
};

export interface PollSample {
  requests: number;
  bytes: number;
  wallMs: number;
  /** Time the sandbox spent answering (its latency knob included). */
  serverMs: number;
  /** CPU of the bench process (the app and Zapier's core) during the poll. */
  cpuMs: number;
  records: number;
  outputBytes: number;
  entries: RequestLogEntry[];
  error?: string;
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

export class Poller {
  constructor(
    private readonly host: Host,
    private readonly appTester: AppTester,
  ) {}

  async poll(store: HostedStore, trigger: TriggerDefinition, mode: PollMode): Promise<PollSample> {
    process.env.ECWID_API_BASE_URL = store.apiBaseUrl;
    const bundle = {
      authData: { access_token: store.token, store_id: String(store.storeId) },
      inputData: defaultInputs(trigger),
      meta: { ...META[mode], isFillingDynamicDropdown: false, limit: -1, page: 0 },
    };
    const before = await this.host.call('counters', store.storeId);
    let result: unknown;
    let error: string | undefined;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    try {
      result = await this.appTester(trigger.operation.perform, bundle);
    } catch (caught) {
      error = String((caught as Error)?.message ?? caught);
    }
    const wallMs = performance.now() - start;
    const cpuMs = cpuMsSince(cpuStart);
    const after = await this.host.call('since', store.storeId, before.requests);
    return {
      requests: after.requests - before.requests,
      bytes: after.bytes - before.bytes,
      wallMs,
      serverMs: after.serverMs - before.serverMs,
      cpuMs,
      records: Array.isArray(result) ? result.length : 0,
      outputBytes: result === undefined ? 0 : Buffer.byteLength(JSON.stringify(result)),
      entries: after.entries,
      error,
    };
  }
}

/** A failed poll that asked the sandbox for an endpoint it does not implement (not the app's fault). */
export const unservedPath = (store: HostedStore, entries: RequestLogEntry[]): string | undefined => {
  const prefix = `/api/v3/${store.storeId}`;
  const unserved = entries.find(
    (entry) => entry.status === 404 && !matchRoute(entry.method, entry.path.slice(prefix.length) || '/').match,
  );
  return unserved && unserved.path.slice(prefix.length);
};

/** The URL of a request the app made, to be asked again exactly. */
export const urlOf = (store: HostedStore, entry: RequestLogEntry): string =>
  `${new URL(store.apiBaseUrl).origin}${entry.path}?${new URLSearchParams(entry.query).toString()}`;

export interface RawSample {
  status: number;
  bytes: number;
  wallMs: number;
  cpuMs: number;
}

/** One plain GET with node:http (same keep-alive agent Node gives the app), body read to the end and dropped. */
export const rawGet = (url: string, token: string): Promise<RawSample> =>
  new Promise((resolve, reject) => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const request = http.get(
      url,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            bytes,
            wallMs: performance.now() - start,
            cpuMs: cpuMsSince(cpuStart),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
