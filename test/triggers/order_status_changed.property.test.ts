import { beforeEach, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { DAY, HOUR, POLL_LOOKBACK_SECONDS, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../fake-ecwid.js';
import { bundleFor, stubProfile, useOfflineEcwid, perform } from '../helpers.js';

/**
 * Order Status Changed against any history of status changes and edits, polled at any moments, with any row order:
 * simulating Zapier's dedupe (an id fires the first time a poll returns it), each combination of statuses an order
 * has when a poll looks fires exactly once, an edit that changes no status never fires, nothing outside the
 * filter fires, and the Zap-on poll's combinations never fire.
 */

const START = 1_800_000_000;
const PAYMENT = ['AWAITING_PAYMENT', 'PAID', 'CANCELLED', 'REFUNDED'] as const;
const FULFILLMENT = ['AWAITING_PROCESSING', 'PROCESSING', 'SHIPPED', 'DELIVERED'] as const;

let now = START;
useOfflineEcwid({ now: () => now, currency: 'NZD', freshCaches: true });
beforeEach(() => {
  now = START;
});

type Step =
  | { kind: 'create'; payment: string; fulfillment: string }
  | { kind: 'status'; pick: number; payment: string; fulfillment: string }
  | { kind: 'edit'; pick: number }
  | { kind: 'wait'; seconds: number }
  | { kind: 'poll' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      payment: fc.constantFrom(...PAYMENT, 'INCOMPLETE'),
      fulfillment: fc.constantFrom(...FULFILLMENT),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      pick: fc.nat(),
      payment: fc.constantFrom(...PAYMENT),
      fulfillment: fc.constantFrom(...FULFILLMENT),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat() }) },
  // Waits of a second to two hours: with at most 30 steps, every change is inside the next poll's 3-day window.
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      seconds: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 2 * HOUR })),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'poll' as const }) },
);

const filterArb = fc.constantFrom<Record<string, string[]>>(
  {},
  { paymentStatus: ['PAID'] },
  { fulfillmentStatus: ['SHIPPED', 'DELIVERED'] },
  { paymentStatus: ['PAID', 'REFUNDED'], fulfillmentStatus: ['SHIPPED'] },
);

const combination = (o: FakeRecord) => `${o.id}:${o.paymentStatus}:${o.fulfillmentStatus}`;

const matches = (o: FakeRecord, filter: Record<string, string[]>) =>
  o.paymentStatus !== 'INCOMPLETE' &&
  (!filter.paymentStatus || filter.paymentStatus.includes(String(o.paymentStatus))) &&
  (!filter.fulfillmentStatus || filter.fulfillmentStatus.includes(String(o.fulfillmentStatus)));

describe('Order Status Changed, for any history of changes', () => {
  test('each combination seen by a poll fires once; edits without a status change never fire', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            ago: fc.integer({ min: 0, max: 20 * DAY }),
            payment: fc.constantFrom(...PAYMENT),
            fulfillment: fc.constantFrom(...FULFILLMENT),
          }),
          { maxLength: 150 },
        ),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        filterArb,
        fc.constantFrom<RowOrder>('oldest', 'newest', 'shuffled'),
        fc.integer({ min: 1, max: 10_000 }),
        async (initial, steps, filter, rowOrder, seed) => {
          runs += 1;
          nock.cleanAll();
          stubProfile('NZD');
          now = START;
          let serial = 0;
          const store: FakeRecord[] = [];
          const place = (at: number, payment: string, fulfillment: string) => {
            serial += 1;
            store.push({
              id: `O${serial}`,
              createTimestamp: at,
              updateTimestamp: at,
              paymentStatus: payment,
              fulfillmentStatus: fulfillment,
              items: [],
            });
          };
          for (const o of initial) place(START - o.ago, o.payment, o.fulfillment);
          const endpoint = fakeSearch('/orders', store, { rowOrder, seed });

          const poll = async (meta = {}) => {
            const before = endpoint.queries.length;
            const result = await perform<Array<{ id: string; orderId?: string; updateTimestamp?: number }>>(
              'triggers',
              'order_status_changed',
              bundleFor(filter, meta),
            );
            expect(endpoint.queries.length - before).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
            return result;
          };
          const visibleCombinations = (from: number) =>
            new Set(
              store
                .filter(
                  (o) => Number(o.updateTimestamp) >= from && Number(o.updateTimestamp) <= now && matches(o, filter),
                )
                .map(combination),
            );

          // Turning the Zap on: the current combinations are seeded and never fire.
          const seen = new Set((await poll({ isPopulatingDedupe: true })).map((r) => r.id));
          expect(seen).toEqual(
            new Set(
              store.filter((o) => Number(o.updateTimestamp) >= START - 90 * DAY && matches(o, filter)).map(combination),
            ),
          );
          const fired: string[] = [];
          let lastPoll = START;

          for (const step of [...steps, { kind: 'poll' } as Step]) {
            if (step.kind === 'wait') now += step.seconds;
            else if (step.kind === 'create') {
              now += 1;
              place(now, step.payment, step.fulfillment);
            } else if (step.kind === 'status' && store.length > 0) {
              now += 1;
              Object.assign(store[step.pick % store.length], {
                paymentStatus: step.payment,
                fulfillmentStatus: step.fulfillment,
                updateTimestamp: now,
              });
            } else if (step.kind === 'edit' && store.length > 0) {
              now += 1;
              store[step.pick % store.length].updateTimestamp = now;
            } else if (step.kind === 'poll') {
              const result = await poll();
              const ids = result.map((r) => r.id);
              // newest update first, one entry per combination
              expect(new Set(ids).size).toBe(ids.length);
              const times = result.map((r) => Number(r.updateTimestamp));
              expect(times).toEqual([...times].sort((a, b) => b - a));
              // exactly the combinations visible now; every order changed since the last poll is among them
              const visible = visibleCombinations(now - POLL_LOOKBACK_SECONDS);
              expect(new Set(ids)).toEqual(visible);
              for (const o of store)
                if (Number(o.updateTimestamp) > lastPoll && matches(o, filter))
                  expect(visible.has(combination(o))).toBe(true);
              // Zapier's dedupe: what is new fires
              for (const id of ids) {
                if (!seen.has(id)) {
                  seen.add(id);
                  fired.push(id);
                }
              }
              lastPoll = now;
            }
          }
          // Never twice; never outside the filter (ids name the statuses).
          expect(new Set(fired).size).toBe(fired.length);
          for (const id of fired) {
            const [, payment, fulfillment] = id.split(':');
            expect(matches({ id: '', paymentStatus: payment, fulfillmentStatus: fulfillment }, filter)).toBe(true);
          }
        },
      ),
      { numRuns: 120 },
    );
    expect(runs).toBeGreaterThanOrEqual(120);
  }, 240_000);

  test('an edit that changes no status, alone, never fires: one order edited many times over many polls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 * HOUR }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom<RowOrder>('oldest', 'shuffled'),
        async (gaps, rowOrder) => {
          nock.cleanAll();
          stubProfile('NZD');
          now = START;
          const store: FakeRecord[] = [
            {
              id: 'O1',
              createTimestamp: START - DAY,
              updateTimestamp: START - DAY,
              paymentStatus: 'PAID',
              fulfillmentStatus: 'SHIPPED',
              items: [],
            },
          ];
          fakeSearch('/orders', store, { rowOrder });
          const seen = new Set(
            (
              await perform<Array<{ id: string }>>(
                'triggers',
                'order_status_changed',
                bundleFor({}, { isPopulatingDedupe: true }),
              )
            ).map((r) => r.id),
          );
          for (const gap of gaps) {
            now += gap;
            store[0].updateTimestamp = now;
            const ids = (await perform<Array<{ id: string }>>('triggers', 'order_status_changed', bundleFor())).map(
              (r) => r.id,
            );
            expect(ids.filter((id) => !seen.has(id))).toEqual([]);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
