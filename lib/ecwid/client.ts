import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { apiBaseUrl } from './config.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { quickRetryPauseMs, transientError, type RequestSubject } from './errors.js';
import { invalidInput } from '../inputs/validate.js';

/** Ecwid's envelope for every search. */
export interface EcwidPage<T> {
  total: number;
  count: number;
  offset: number;
  limit: number;
  items: T[];
}

/** Ecwid's page size cap; also what the app asks for, since older docs give a default of 10. */
export const MAX_PAGE_SIZE = 100;

/** Zapier gives one HTTP request 30 s; stop earlier so the app can still answer clearly. */
const DEFAULT_TIMEOUT_MS = 25_000;
const requestTimeoutMs = (): number => Number(process.env.ECWID_REQUEST_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
/** The longest pause before retrying a read (tests and the simulation set 0: their clocks are not the wall's). */
const retryMaxPauseMs = (): number => {
  const value = Number(process.env.ECWID_RETRY_MAX_PAUSE_MS);
  return process.env.ECWID_RETRY_MAX_PAUSE_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : Infinity;
};

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;

export interface EcwidCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the store, built with `ecwidPath` so ids are encoded. */
  path: string;
  params?: Query;
  body?: Record<string, unknown>;
  /** What the request is about, for "not found" / "already exists" messages. */
  subject?: RequestSubject;
}

/** An Ecwid store id as it appears in API paths: a positive whole number without leading zeros. */
export const STORE_ID_PATTERN = /^[1-9]\d{0,15}$/;

export const storeIdOf = (z: ZObject, bundle: Bundle): string => {
  const storeId = String(bundle.authData?.store_id ?? '').trim();
  if (!STORE_ID_PATTERN.test(storeId)) {
    throw new z.errors.ExpiredAuthError(
      'This Ecwid connection has no valid store id. Reconnect your Ecwid account in Zapier.',
    );
  }
  return storeId;
};

/**
 * One path segment from a value a merchant or another app supplied: encoded, and refused when it could
 * escape its place in the path ("..", "." or empty), so no input can reach another endpoint.
 */
export const pathSegment = (z: ZObject, value: string | number, field: string): string => {
  const text = String(value).trim();
  if (text === '' || text === '.' || text === '..' || text.length > 256) {
    throw invalidInput(
      z,
      `The ${field} field must be an Ecwid id or code (got ${text === '' ? 'nothing' : `"${text.slice(0, 40)}"`}).`,
    );
  }
  return encodeURIComponent(text);
};

/** Query parameters as Ecwid takes them: lists comma-joined, empty values left out. */
export const toQuery = (params: Query = {}): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text !== '') out[key] = text;
  }
  return out;
};

/** Timeouts and dropped connections, as node-fetch reports them (not the app's own errors). */
const isNetworkFault = (error: unknown): boolean => {
  const { name, type, code } = (error ?? {}) as { name?: string; type?: string; code?: string };
  if (name === 'AbortError' || (name === 'FetchError' && (type === 'request-timeout' || type === 'body-timeout')))
    return true;
  return (
    name === 'FetchError' &&
    /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|UND_ERR_SOCKET)$/.test(code ?? '')
  );
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The single door to Ecwid's REST API: every call of the app goes through here and `z.request`. */
export const ecwidRequest = async <T>(z: ZObject, bundle: Bundle, call: EcwidCall): Promise<T> => {
  const storeId = storeIdOf(z, bundle);
  const request: HttpRequestOptions & { url: string } = {
    url: `${apiBaseUrl()}/${storeId}${call.path}`,
    method: call.method ?? 'GET',
    params: toQuery(call.params),
    timeout: requestTimeoutMs(),
    middlewareData: { subject: call.subject },
  };
  if (call.body !== undefined) {
    request.body = call.body;
    request.headers = { 'Content-Type': 'application/json' };
  }
  const attempt = async (): Promise<T> => {
    let response;
    try {
      response = await z.request<T>(request);
    } catch (error) {
      // Network faults (reset, timeout) reach here as plain fetch errors: retry later, say so.
      if (isNetworkFault(error)) {
        throw transientError(z, 'no answer in time');
      }
      throw error;
    }
    // A 2xx without a JSON object (cut-off body, proxy page) must never be read as "no data".
    if (!isObject(response.data))
      throw transientError(z, `unreadable answer to ${request.method} ${call.path.split('?')[0]}`);
    return response.data;
  };
  if (request.method !== 'GET') return attempt();
  // A read is safe to repeat, so one that failed for a passing reason is tried once more at once: a poll of a busy
  // store makes a dozen requests, and at a few percent of faulted requests it would otherwise fail every other time
  // and wait for Zapier's next retry. Writes are not repeated here (their callers look up what landed instead).
  try {
    return await attempt();
  } catch (error) {
    const pauseMs = quickRetryPauseMs(error);
    if (pauseMs === undefined) throw error;
    await sleep(Math.min(pauseMs, retryMaxPauseMs()));
    return attempt();
  }
};

/** POST of a new record: Ecwid answers with the new record's id only. */
export const postNewRecord = (
  z: ZObject,
  bundle: Bundle,
  path: string,
  body: object,
  subject: RequestSubject,
): Promise<{ id?: number }> =>
  ecwidRequest<{ id?: number }>(z, bundle, { method: 'POST', path, body: { ...body }, subject });

/**
 * The record a POST just created, as Ecwid stores it: read back by its id, or looked up when Ecwid gave no id.
 * Once the record exists nothing may throw (a replay would create it twice): when neither works, what was sent
 * stands in, with the id Ecwid gave (0 when none).
 */
export const createdRecord = async <T>(
  id: number | undefined,
  how: { read: (id: number) => Promise<T>; lookUp: () => Promise<T | undefined>; asSent: (id: number) => T },
): Promise<T> => {
  if (typeof id !== 'number') return (await how.lookUp().catch(() => undefined)) ?? how.asSent(0);
  try {
    return await how.read(id);
  } catch {
    return how.asSent(id);
  }
};

/** One page of an Ecwid search; `limit` is always sent (older servers default to 10). */
export const ecwidSearch = async <T>(
  z: ZObject,
  bundle: Bundle,
  path: string,
  params: Query = {},
): Promise<EcwidPage<T>> => {
  const page = await ecwidRequest<EcwidPage<T>>(z, bundle, {
    path,
    params: { ...params, limit: params.limit ?? MAX_PAGE_SIZE, offset: params.offset ?? 0 },
  });
  if (!Array.isArray(page.items) || typeof page.total !== 'number') {
    throw transientError(z, `a ${path} page without items or total`);
  }
  return page;
};

/** The store's profile (name, currency, timezone): asked once per process, since it rarely changes. */
export interface StoreProfile {
  storeId: number;
  storeName: string;
  storeUrl: string;
  currency: string;
  timezone: string;
  accountName: string;
  accountEmail: string;
}

const PROFILE_FIELDS =
  'generalInfo(storeId,storeUrl),account(accountName,accountEmail),settings(storeName),formatsAndUnits(currency,timezone)';

export const fetchProfile = async (z: ZObject, bundle: Bundle): Promise<StoreProfile> => {
  const data = await ecwidRequest<Record<string, any>>(z, bundle, {
    path: '/profile',
    params: { responseFields: PROFILE_FIELDS },
  });
  return {
    storeId: Number(data.generalInfo?.storeId ?? bundle.authData.store_id),
    storeName: String(data.settings?.storeName ?? ''),
    storeUrl: String(data.generalInfo?.storeUrl ?? ''),
    currency: String(data.formatsAndUnits?.currency ?? ''),
    timezone: String(data.formatsAndUnits?.timezone ?? ''),
    accountName: String(data.account?.accountName ?? ''),
    accountEmail: String(data.account?.accountEmail ?? ''),
  };
};

const profileCache = new Map<string, Promise<StoreProfile>>();
const PROFILE_TTL_SECONDS = 24 * 3600;

/**
 * Zapier's cache (z.cache), where the platform provides it, for what only saves work (a profile, a slice plan): any
 * failure reads as "not cached" and a value failing `isValid` as absent, so nothing depends on it.
 */
export const sharedCacheGet = async <T>(
  z: ZObject,
  key: string,
  isValid: (value: any) => boolean,
): Promise<T | undefined> => {
  try {
    const value = await z.cache.get(key);
    return value !== null && value !== undefined && isValid(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
};

export const sharedCacheSet = async (z: ZObject, key: string, value: unknown, ttlSeconds: number): Promise<void> => {
  try {
    await z.cache.set(key, value, ttlSeconds);
  } catch {
    // no shared cache here: the work is simply done again next time
  }
};

const isProfile = (value: any): boolean => typeof value === 'object' && typeof value.currency === 'string';

/**
 * The profile (for the currency), asked of Ecwid at most once a day per store: kept in this process (Zapier reuses
 * warm processes between polls) and in Zapier's cache across processes, so polls cost no extra request.
 */
export const cachedProfile = (z: ZObject, bundle: Bundle): Promise<StoreProfile> => {
  const storeId = storeIdOf(z, bundle);
  let cached = profileCache.get(storeId);
  if (!cached) {
    const key = `ecwid-profile:${storeId}`;
    cached = (async () => {
      const shared = await sharedCacheGet<StoreProfile>(z, key, isProfile);
      if (shared) return shared;
      const profile = await fetchProfile(z, bundle);
      await sharedCacheSet(z, key, profile, PROFILE_TTL_SECONDS);
      return profile;
    })();
    profileCache.set(storeId, cached);
    cached.catch(() => profileCache.delete(storeId));
  }
  return cached;
};

/** For tests: forget cached profiles. */
export const clearProfileCache = (): void => profileCache.clear();
