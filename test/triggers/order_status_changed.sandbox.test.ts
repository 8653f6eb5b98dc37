/**
 * Order Status Changed (with Update Order changing the order) end to end against the sandbox store, driven like Zapier drives it: turn the Zap on
 * (dedupe-seeding poll), change the store, poll, keep what is new.
 */
import { describe, expect, test } from '@jest/globals';
import { SHUFFLED_ORDERS_STORE, useSandboxStore, zapOn } from '../sandbox-store.js';

const shop = useSandboxStore(SHUFFLED_ORDERS_STORE);

describe('Order Status Changed against the sandbox', () => {
  test('each new combination of statuses fires once, also when Update Order makes it; edits without a status change never', async () => {
    const next = await zapOn(shop, 'order_status_changed');
    expect(await next()).toEqual([]);

    const old = shop.sandbox.store.orders.find(
      (o) => o.paymentStatus === 'AWAITING_PAYMENT' && o.createTimestamp < shop.sandbox.clock.nowSeconds() - 10 * 86400,
    );
    const edited = shop.sandbox.store.orders.find((o) => o !== old && o.paymentStatus === 'PAID');
    expect(old && edited).toBeTruthy();
    shop.advance(60);
    shop.sandbox.store.payOrder(old!.id);
    shop.advance(60);
    shop.sandbox.store.updateOrder(edited!.id, { privateAdminNotes: 'called the customer' });
    shop.advance(60);
    const placed = shop.sandbox.store.createOrder({ paymentStatus: 'PAID' });
    shop.advance(60);
    expect((await next()).map((r) => r.id)).toEqual([
      `${placed.id}:PAID:${placed.fulfillmentStatus}`,
      `${old!.id}:PAID:${old!.fulfillmentStatus}`,
    ]);

    // The action changes the order through the API; the trigger sees the new combination once.
    const updated = await shop.perform('creates', 'update_order', {
      orderId: placed.id,
      fulfillmentStatus: 'Shipped',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(updated).toMatchObject({
      id: placed.id,
      fulfillmentStatus: 'SHIPPED',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(shop.sandbox.store.getOrder(placed.id)).toMatchObject({
      fulfillmentStatus: 'SHIPPED',
      trackingNumber: '1Z999AA10123456784',
    });
    shop.advance(60);
    const fired = await next();
    expect(fired.map((r) => r.id)).toEqual([`${placed.id}:PAID:SHIPPED`]);
    expect(fired[0]).toMatchObject({
      orderId: placed.id,
      paymentStatus: 'PAID',
      fulfillmentStatus: 'SHIPPED',
      previousPaymentStatus: '',
    });

    // Only the tracking number again: the same statuses, nothing fires.
    await shop.perform('creates', 'update_order', { orderId: placed.id, trackingNumber: 'CHANGED' });
    shop.advance(60);
    expect(await next()).toEqual([]);
  });
});
