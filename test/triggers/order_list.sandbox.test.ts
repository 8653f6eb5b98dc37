/**
 * The Order dropdown (the hidden order_list trigger) against the sandbox store.
 */
import { describe, expect, test } from '@jest/globals';
import { SHUFFLED_ORDERS_STORE, useSandboxStore } from '../sandbox-store.js';

const shop = useSandboxStore(SHUFFLED_ORDERS_STORE);

describe('the Order dropdown against the sandbox', () => {
  test('the Order dropdown lists the newest orders first, without abandoned checkouts', async () => {
    const choices = await shop.perform<Array<{ id: string; name: string }>>('triggers', 'order_list', {}, { page: 0 });
    const byId = new Map(shop.sandbox.store.orders.map((o) => [o.id, o]));
    expect(choices.length).toBeGreaterThan(0);
    expect(
      choices.every((c) => byId.get(c.id) && byId.get(c.id)!.paymentStatus !== 'INCOMPLETE' && c.name.startsWith(c.id)),
    ).toBe(true);
    const created = choices.map((c) => byId.get(c.id)!.createTimestamp);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });
});
