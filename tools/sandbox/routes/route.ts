/** What every API route handler gets and gives back. */
import type { BodyReader, QueryReader } from '../input.js';
import type { Knobs } from '../knobs.js';
import type { EcwidStore } from '../store.js';
import type { Person, Scope } from '../types.js';
import { ApiError } from '../api-error.js';
import { Random, mixSeed } from '../random.js';

export interface RouteContext {
  store: EcwidStore;
  /** Path parameters, URI-decoded (`/orders/:id` → `params.id`). */
  params: Record<string, string>;
  query: QueryReader;
  /** The JSON body (empty for GET and DELETE). */
  body: BodyReader;
  knobs: Knobs;
  /** Counts API requests since start: seeds the per-request shuffle. */
  requestNumber: number;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under `/api/v3/{storeId}`, with `:name` parameters. */
  path: string;
  scope: Scope;
  /** Coupon endpoints: 403 DISCOUNTS_FEATURE_NOT_AVAILABLE when the store has discounts off. */
  needsDiscounts?: boolean;
  /** Returns the JSON body of a 200 answer, or throws ApiError. */
  handle: (ctx: RouteContext) => unknown;
}

export interface SearchResult<T> {
  total: number;
  count: number;
  offset: number;
  limit: number;
  items: T[];
}

export const MAX_LIMIT = 100;

/** Ecwid's search envelope. `limit` defaults to the `defaultLimit` knob and is capped at 100. */
export function page<T, V = T>(
  rows: readonly T[],
  ctx: RouteContext,
  view: (row: T) => V = (row) => row as unknown as V,
): SearchResult<V> {
  const offset = ctx.query.int('offset') ?? 0;
  const limit = Math.min(ctx.query.int('limit') ?? ctx.knobs.defaultLimit, MAX_LIMIT);
  const items = rows.slice(offset, offset + limit).map(view);
  return { total: rows.length, count: items.length, offset, limit, items };
}

/**
 * Rows of a search without `sortBy` (`/orders`, `/carts`): the store finds them oldest first; the
 * `orderRowOrder` knob decides what the client sees ('shuffled' differs per request, deterministically).
 */
export function inRowOrder<T>(rows: T[], ctx: RouteContext): T[] {
  switch (ctx.knobs.orderRowOrder) {
    case 'oldest':
      return rows;
    case 'newest':
      return rows.reverse();
    case 'shuffled':
      return new Random(mixSeed(ctx.store.seed, ctx.requestNumber)).shuffle(rows);
  }
}

export function notFound(errorCode: string, what: string): ApiError {
  return new ApiError(404, errorCode, `${what} not found`);
}

/** A numeric path id; anything else cannot name a record, so it is "not found" like an unknown number. */
export function numericId(text: string, errorCode: string, what: string): number {
  if (!/^\d+$/.test(text)) throw notFound(errorCode, what);
  return Number(text);
}

const PERSON_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'companyName',
  'street',
  'city',
  'countryCode',
  'countryName',
  'postalCode',
  'stateOrProvinceCode',
  'phone',
] as const;

/** A billing/shipping person from a request body field: string fields only, unknown ones dropped. */
export function readPerson(body: BodyReader, field: string): Person | undefined {
  const reader = body.object(field);
  return reader && personFrom(reader);
}

export function personFrom(reader: BodyReader): Person {
  const person: Person = {};
  for (const key of PERSON_FIELDS) {
    const value = reader.string(key);
    if (value !== undefined) person[key] = value;
  }
  return person;
}
