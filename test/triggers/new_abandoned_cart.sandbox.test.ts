/**
 * New Abandoned Cart end to end against the sandbox store, driven like Zapier drives it: turn the Zap on
 * (dedupe-seeding poll), change the store, poll, keep what is new.
 */
import { describe, expect, test } from '@jest/globals';
import { CART_OUTPUT_FIELDS, CART_OUTPUT_SAMPLE } from '../../lib/carts/carts.js';
import { liveProblems } from '../helpers.js';
import { SHUFFLED_ORDERS_STORE, useSandboxStore, zapOn } from '../sandbox-store.js';

const shop = useSandboxStore(SHUFFLED_ORDERS_STORE);

describe('New Abandoned Cart against the sandbox', () => {
  test("live output has the sample's shape and ISO dates, within the request bound", async () => {
    const sample = await shop.perform<Array<Record<string, any>>>(
      'triggers',
      'new_abandoned_cart',
      {},
      { isLoadingSample: true },
    );
    expect(sample.length).toBeLessThanOrEqual(3);
    expect(liveProblems('new_abandoned_cart', CART_OUTPUT_SAMPLE, sample, CART_OUTPUT_FIELDS)).toEqual([]);
    const next = await zapOn(shop, 'new_abandoned_cart', { waitMinutes: 0 });
    expect(await next()).toEqual([]);
  });
});
