/**
 * Find Order by what a bank or gateway statement shows, and the payment fields every order output carries, against
 * a stubbed Ecwid (the exact queries) and the sandbox (an independent reading of Ecwid's filters and keywords).
 */
import { describe, expect, test } from '@jest/globals';
import { useOfflineEcwid, bundleFor, page, perform, ecwidGet } from '../helpers.js';
import { useSandboxStore } from '../sandbox-store.js';

const NOW = 1_800_000_000;

describe('against a stubbed Ecwid', () => {
  const search = (inputData: Record<string, unknown>) => perform<any[]>('searches', 'find_order', bundleFor(inputData));
  useOfflineEcwid({ now: NOW, currency: 'NZD', freshCaches: true });

  const allTime = { createdFrom: '0', createdTo: String(NOW), offset: '0', limit: '100' };

  test('asks the paymentReference filter first; the payment fields are on the order found', async () => {
    ecwidGet('/orders', { paymentReference: 'pi_123', ...allTime }).reply(
      200,
      page([
        {
          id: 'A',
          paymentStatus: 'PAID',
          total: 80,
          giftCardRedemption: 20,
          paymentMethod: 'Card',
          paymentModule: 'Stripe',
          paymentReference: 'pi_123',
          externalTransactionId: 'ch_9',
          createTimestamp: NOW - 60,
        },
      ]),
    );
    const [order] = await search({ paymentReference: ' pi_123 ' });
    expect(order).toMatchObject({
      id: 'A',
      amountPaid: 80,
      giftCardAmount: 20,
      paymentMethod: 'Card',
      paymentGateway: 'Stripe',
      externalTransactionId: 'ch_9',
      paymentReference: 'pi_123',
      statementReference: 'pi_123',
    });
  });

  test('then the keyword search, keeping only the order whose transaction id is exactly the one given', async () => {
    ecwidGet('/orders', { paymentReference: 'ch_9', ...allTime }).reply(200, page([]));
    ecwidGet('/orders', { keywords: 'ch_9', ...allTime }).reply(
      200,
      page([
        { id: 'B', externalTransactionId: 'ch_99', createTimestamp: NOW - 30 },
        {
          id: 'C',
          externalTransactionId: 'ch_9',
          paymentStatus: 'AWAITING_PAYMENT',
          total: 12,
          createTimestamp: NOW - 90,
        },
        { id: 'D', privateAdminNotes: 'refund ch_9', createTimestamp: NOW - 10 },
      ]),
    );
    const [order] = await search({ paymentReference: 'ch_9' });
    expect(order).toMatchObject({ id: 'C', amountPaid: 0, statementReference: 'ch_9' });
  });

  test('nothing matches: an empty list', async () => {
    ecwidGet('/orders', { paymentReference: 'zz', ...allTime }).reply(200, page([]));
    ecwidGet('/orders', { keywords: 'zz', ...allTime }).reply(200, page([{ id: 'E', createTimestamp: NOW - 10 }]));
    expect(await search({ paymentReference: 'zz' })).toEqual([]);
  });
});

describe('against the sandbox store', () => {
  const app = useSandboxStore({ seed: 3, orders: 300, knobs: { orderRowOrder: 'shuffled' } }, { freshCaches: true });
  const search = (inputData: Record<string, unknown>) => app.perform<any[]>('searches', 'find_order', inputData);

  test('by payment reference and by transaction id, each the one order; amounts paid reconcile with the gift card', async () => {
    const paid = app.sandbox.store.orders.filter((o) => o.paymentStatus === 'PAID' && o.paymentReference).slice(0, 5);
    expect(paid.length).toBe(5);
    for (const order of paid) {
      const [byReference] = await search({ paymentReference: order.paymentReference });
      const [byTransaction] = await search({ paymentReference: order.externalTransactionId });
      expect([byReference.id, byTransaction.id]).toEqual([order.id, order.id]);
      expect(byReference.amountPaid).toBe(order.total);
      expect(Math.round((byReference.amountPaid + byReference.giftCardAmount) * 100)).toBe(
        Math.round(order.totalBeforeGiftCardRedemption * 100),
      );
      expect(byReference).toMatchObject({
        paymentGateway: order.paymentModule,
        externalTransactionId: order.externalTransactionId,
        statementReference: order.paymentReference,
      });
    }
    expect(await search({ paymentReference: 'pi_3NOTANORDER' })).toEqual([]);
  });
});
