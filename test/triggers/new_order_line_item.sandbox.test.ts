/**
 * New Order Line Item end to end against the sandbox store, driven like Zapier drives it: turn the Zap on
 * (dedupe-seeding poll), change the store, poll, keep what is new.
 */
import { describe, expect, test } from '@jest/globals';
import { LINE_ITEM_OUTPUT_FIELDS, LINE_ITEM_OUTPUT_SAMPLE } from '../../lib/orders/line-item-records.js';
import { liveProblems } from '../helpers.js';
import { useSandboxStore, zapOn } from '../sandbox-store.js';

// Rows listed in a different order on every request.
const shop = useSandboxStore({ orders: 400, knobs: { orderRowOrder: 'shuffled' } });
const advance = (seconds: number) => shop.sandbox.clock.advance(seconds * 1000);

describe('New Order Line Item against the sandbox', () => {
  test('every item of a new order fires once, the Zap-on orders never', async () => {
    const next = await zapOn(shop, 'new_order_line_item');
    expect(await next()).toEqual([]);
    advance(60);
    const placed = [shop.sandbox.store.createOrder(), shop.sandbox.store.createOrder()];
    advance(60);
    const fired = await next();
    const expected = placed.flatMap((o) => o.items.map((item) => `${o.id}:${item.id}`));
    expect(new Set(fired.map((r) => r.id))).toEqual(new Set(expected));
    expect(fired).toHaveLength(expected.length);
    expect(liveProblems('new_order_line_item', LINE_ITEM_OUTPUT_SAMPLE, fired, LINE_ITEM_OUTPUT_FIELDS)).toEqual([]);
    advance(60);
    expect(await next()).toEqual([]);
  });
});
