/**
 * Realism knobs: how the sandbox misbehaves like a real Ecwid store would. Settable in code (`sandbox.knobs.plan =
 * 'free'` or `sandbox.setKnobs({...})`) and over HTTP (`POST /__sandbox/knobs`), read on every request.
 */
import { Random } from './random.js';

export const PLANS = ['paid', 'free', 'suspended'] as const;
export type Plan = (typeof PLANS)[number];
export const ROW_ORDERS = ['oldest', 'newest', 'shuffled'] as const;
export type RowOrder = (typeof ROW_ORDERS)[number];

export interface FaultKnobs {
  /** Share of API requests (0..1) answered with one of `statuses` instead of the real answer. */
  errorRate: number;
  statuses: number[];
  /** Added before every API answer. */
  latencyMs: number;
  /** Share of successful API answers (0..1) whose JSON body is cut off halfway. */
  truncateRate: number;
  /** Seeds the fault pattern: same seed and same request sequence → same faults. Setting it (even to the same
   * value, through setKnobs or the admin endpoint) restarts the pattern. */
  seed: number;
}

export interface Knobs {
  /** 'free' → 402 NOT_AVAILABLE_ON_CURRENT_PLAN, 'suspended' → 402 STORE_IS_SUSPENDED, on every API call. */
  plan: Plan;
  /** Requests per minute per token on the sandbox clock (sliding 60 s window); 0 = no limit. */
  rateLimit: number;
  /** Row order of `GET /orders` and `GET /carts`, which have no sortBy. 'shuffled' differs per request, deterministically. */
  orderRowOrder: RowOrder;
  /** Page size when a search has no `limit` (older Ecwid docs say 10; newer say 100). Max 100. */
  defaultLimit: number;
  /** false → 403 DISCOUNTS_FEATURE_NOT_AVAILABLE on coupon endpoints. */
  discountsEnabled: boolean;
  /** What the merchant answers on the OAuth consent screen. */
  oauthDecision: 'approve' | 'deny';
  faults: FaultKnobs;
}

export type KnobsPatch = Partial<Omit<Knobs, 'faults'>> & { faults?: Partial<FaultKnobs> };

export function defaultKnobs(): Knobs {
  return {
    plan: 'paid',
    rateLimit: 600,
    orderRowOrder: 'oldest',
    defaultLimit: 10,
    discountsEnabled: true,
    oauthDecision: 'approve',
    faults: { errorRate: 0, statuses: [500, 503, 429], latencyMs: 0, truncateRate: 0, seed: 1 },
  };
}

type Check = (value: unknown) => boolean;
const isRate: Check = (v) => typeof v === 'number' && v >= 0 && v <= 1;
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const isOneOf =
  (allowed: readonly unknown[]): Check =>
  (v) =>
    allowed.includes(v);

const KNOB_CHECKS: Record<Exclude<keyof Knobs, 'faults'>, [Check, string]> = {
  plan: [isOneOf(PLANS), PLANS.join(' | ')],
  rateLimit: [isCount, 'an integer ≥ 0'],
  orderRowOrder: [isOneOf(ROW_ORDERS), ROW_ORDERS.join(' | ')],
  defaultLimit: [(v) => isCount(v) && (v as number) <= 100, 'an integer in 0..100'],
  discountsEnabled: [(v) => typeof v === 'boolean', 'true or false'],
  oauthDecision: [isOneOf(['approve', 'deny']), "'approve' | 'deny'"],
};
const FAULT_CHECKS: Record<keyof FaultKnobs, [Check, string]> = {
  errorRate: [isRate, 'a number in 0..1'],
  statuses: [
    (v) => Array.isArray(v) && v.length > 0 && v.every((s) => Number.isInteger(s) && s >= 400 && s <= 599),
    'a non-empty list of 4xx/5xx statuses',
  ],
  latencyMs: [isCount, 'an integer ≥ 0'],
  truncateRate: [isRate, 'a number in 0..1'],
  seed: [(v) => Number.isInteger(v), 'an integer'],
};

/** Validates the whole patch first, then applies it: a bad patch changes nothing. Throws Error with the reason. */
export function applyKnobsPatch(knobs: Knobs, patch: unknown): void {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new Error('Knobs must be a JSON object');
  const { faults, ...rest } = patch as Record<string, unknown>;
  validate(rest, KNOB_CHECKS, '');
  if (faults !== undefined) {
    if (typeof faults !== 'object' || faults === null || Array.isArray(faults))
      throw new Error('faults must be an object');
    validate(faults as Record<string, unknown>, FAULT_CHECKS, 'faults.');
  }
  Object.assign(knobs, rest);
  if (faults) Object.assign(knobs.faults, faults);
}

function validate(values: Record<string, unknown>, checks: Record<string, [Check, string]>, prefix: string): void {
  for (const [name, value] of Object.entries(values)) {
    const check = checks[name];
    if (!check)
      throw new Error(
        `Unknown knob '${prefix}${name}'; known: ${Object.keys(checks)
          .map((k) => prefix + k)
          .join(', ')}`,
      );
    if (!check[0](value)) throw new Error(`Knob '${prefix}${name}' must be ${check[1]}, got ${JSON.stringify(value)}`);
  }
}

/** Sliding one-minute window of request times per token. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Records the request and returns 0, or returns the seconds to wait (Retry-After) without recording it. */
  check(token: string, nowMs: number, perMinute: number): number {
    if (perMinute <= 0) return 0;
    const windowStart = nowMs - 60_000;
    const hits = this.hits.get(token) ?? [];
    while (hits.length > 0 && hits[0] <= windowStart) hits.shift();
    this.hits.set(token, hits);
    if (hits.length >= perMinute) return Math.max(1, Math.ceil((hits[0] - windowStart) / 1000));
    hits.push(nowMs);
    return 0;
  }

  reset(): void {
    this.hits.clear();
  }
}

export interface FaultDecision {
  /** Answer with this status instead of the real answer. */
  errorStatus?: number;
  /** Cut the body of a successful answer. */
  truncate: boolean;
}

/** Draws the same numbers for every request, so the fault pattern depends only on the seed and request count. */
export class FaultInjector {
  private random: Random | undefined;
  private seed: number | undefined;

  /** Starts the pattern again from the seed at the next request. */
  restart(): void {
    this.random = undefined;
  }

  decide(faults: FaultKnobs): FaultDecision {
    if (this.random === undefined || this.seed !== faults.seed) {
      this.random = new Random(faults.seed);
      this.seed = faults.seed;
    }
    const errorRoll = this.random.next();
    const statusRoll = this.random.next();
    const truncateRoll = this.random.next();
    return {
      errorStatus:
        errorRoll < faults.errorRate ? faults.statuses[Math.floor(statusRoll * faults.statuses.length)] : undefined,
      truncate: truncateRoll < faults.truncateRate,
    };
  }
}
