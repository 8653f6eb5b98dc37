import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import orderStatusChanged from '../../triggers/order_status_changed.js';
import { DAY, POLL_MAX_REQUESTS } from '../../lib/polling/poll-limits.js';
import { STATUS_CHANGE_OUTPUT_FIELDS, STATUS_CHANGE_OUTPUT_SAMPLE } from '../../lib/orders/status-changes.js';
import { ECWID_SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';
import { fakeSearch, type FakeRecord, type RowOrder } from '../fake-ecwid.js';
import { ecwidDate, ecwidGet, liveProblems, liveWindowQuery, page, poll, refusalOf, windowQuery } from '../helpers.js';
import { NOW, testTrigger, useOfflineStore } from './trigger-fixtures.js';

useOfflineStore();

const order = (n: number, createdAgo: number, extra: Partial<FakeRecord> = {}): FakeRecord => ({
  id: `SHOP-${String(n).padStart(5, '0')}`,
  createTimestamp: NOW - createdAgo,
  updateTimestamp: NOW - createdAgo,
  createDate: ecwidDate(NOW - createdAgo),
  updateDate: ecwidDate(NOW - createdAgo),
  paymentStatus: 'AWAITING_PAYMENT',
  fulfillmentStatus: 'AWAITING_PROCESSING',
  items: [],
  ...extra,
});

/** Moves an order to new statuses (or, with none, just edits it) at `ago` seconds before NOW. */
const change = (
  record: FakeRecord,
  ago: number,
  statuses: Partial<Pick<FakeRecord, 'paymentStatus' | 'fulfillmentStatus'>> = {},
) => {
  Object.assign(record, statuses, { updateTimestamp: NOW - ago, updateDate: ecwidDate(NOW - ago) });
};

describe('Order Status Changed: the exact query and the output', () => {
  test('a live poll asks once for orders updated in the last three days; each firing names the order and its new statuses', async () => {
    ecwidGet('/orders', liveWindowQuery(NOW, 'updated')).reply(
      200,
      page([
        // a full order (the sample's shape), placed 20 days ago, shipped 10 minutes ago
        {
          ...ECWID_SAMPLE_ORDER,
          ...order(1, 20 * DAY, {
            paymentStatus: 'PAID',
            fulfillmentStatus: 'SHIPPED',
            updateTimestamp: NOW - 600,
            updateDate: ecwidDate(NOW - 600),
          }),
          items: ECWID_SAMPLE_ORDER.items,
        },
        order(2, 60),
      ]),
    );
    const result = await poll(orderStatusChanged);
    expect(result.map((r) => r.id)).toEqual([
      'SHOP-00002:AWAITING_PAYMENT:AWAITING_PROCESSING',
      'SHOP-00001:PAID:SHIPPED',
    ]);
    expect(result[1]).toMatchObject({
      orderId: 'SHOP-00001',
      paymentStatus: 'PAID',
      fulfillmentStatus: 'SHIPPED',
      previousPaymentStatus: '',
      previousFulfillmentStatus: '',
      updateDate: new Date((NOW - 600) * 1000).toISOString().replace('.000Z', '+00:00'),
      email: ECWID_SAMPLE_ORDER.email,
      currency: 'NZD',
      lineItems: [
        expect.objectContaining({ sku: 'TEE-BLK-L', quantity: 2 }),
        expect.objectContaining({ sku: 'MUG-01' }),
      ],
    });
    // Zapier's live checks (T002–T005) on the full order: same keys and types as the static sample.
    expect(
      liveProblems('order_status_changed', STATUS_CHANGE_OUTPUT_SAMPLE, [result[1]], STATUS_CHANGE_OUTPUT_FIELDS),
    ).toEqual([]);
  });

  test('with statuses chosen, they are sent as Ecwid filters on the update-time window', async () => {
    ecwidGet(
      '/orders',
      liveWindowQuery(NOW, 'updated', { paymentStatus: 'PAID,REFUNDED', fulfillmentStatus: 'SHIPPED' }),
    ).reply(200, page([]));
    expect(
      await poll(orderStatusChanged, { paymentStatus: ['PAID', 'Refunded'], fulfillmentStatus: 'shipped' }),
    ).toEqual([]);
  });

  test('an order Ecwid returns with other statuses than asked for, or unfinished, never fires', async () => {
    ecwidGet('/orders', true).reply(
      200,
      page([
        order(1, 60, { paymentStatus: 'PAID', fulfillmentStatus: 'SHIPPED' }),
        order(2, 60, { paymentStatus: 'PAID', fulfillmentStatus: 'PROCESSING' }),
        order(3, 60, { paymentStatus: 'INCOMPLETE', fulfillmentStatus: 'SHIPPED' }),
      ]),
    );
    expect((await poll(orderStatusChanged, { fulfillmentStatus: ['SHIPPED'] })).map((r) => r.id)).toEqual([
      'SHOP-00001:PAID:SHIPPED',
    ]);
  });

  test('an unknown status names the field and the choices, before any request', async () => {
    expect(await refusalOf(poll(orderStatusChanged, { fulfillmentStatus: 'Shipped, Teleported' }))).toMatch(
      /^The Fulfillment Status field has "Teleported", which is not an Ecwid status\. Choose from: Awaiting processing/,
    );
  });
});

describe('once per combination: what Zapier sees over several polls', () => {
  /** Zapier's dedupe: an id fires the first time a poll returns it. */
  const zapier = () => {
    const seen = new Set<string>();
    return async (inputData = {}) => {
      const fresh = (await poll(orderStatusChanged, inputData)).map((r) => r.id).filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      return fresh;
    };
  };

  test('a status change fires, an edit that changes no status does not, and going back to an old combination does not', async () => {
    const store = [order(1, 10 * DAY), order(2, 2 * DAY)];
    fakeSearch('/orders', store, { rowOrder: 'shuffled' });
    const next = zapier();
    expect(await next()).toEqual(['SHOP-00002:AWAITING_PAYMENT:AWAITING_PROCESSING']); // order 1 was last updated 10 days ago

    change(store[0], 3000, { paymentStatus: 'PAID' });
    expect(await next()).toEqual(['SHOP-00001:PAID:AWAITING_PROCESSING']);

    change(store[0], 2000); // a note, an address: no status changes
    change(store[1], 2000);
    expect(await next()).toEqual([]);

    change(store[0], 1000, { fulfillmentStatus: 'SHIPPED' });
    change(store[1], 900, { paymentStatus: 'CANCELLED', fulfillmentStatus: 'WILL_NOT_DELIVER' });
    expect(await next()).toEqual(['SHOP-00002:CANCELLED:WILL_NOT_DELIVER', 'SHOP-00001:PAID:SHIPPED']);

    change(store[0], 500, { fulfillmentStatus: 'AWAITING_PROCESSING' }); // back to a combination it had
    expect(await next()).toEqual([]);
  });

  test('with a filter, only changes to the chosen statuses fire', async () => {
    const store = [order(1, 5 * DAY), order(2, 5 * DAY)];
    fakeSearch('/orders', store);
    const next = zapier();
    change(store[0], 300, { paymentStatus: 'PAID' });
    change(store[1], 200, { paymentStatus: 'PAID', fulfillmentStatus: 'SHIPPED' });
    expect(await next({ fulfillmentStatus: ['SHIPPED'] })).toEqual(['SHOP-00002:PAID:SHIPPED']);
    change(store[0], 100, { fulfillmentStatus: 'SHIPPED' });
    change(store[1], 100, { fulfillmentStatus: 'DELIVERED' });
    expect(await next({ fulfillmentStatus: ['SHIPPED'] })).toEqual(['SHOP-00001:PAID:SHIPPED']);
  });
});

describe('never miss, never repeat, whatever the row order', () => {
  // 250 orders placed long ago and updated in the window (a burst), 30 updated before it
  const store = () => [
    ...Array.from({ length: 250 }, (_, i) =>
      order(i + 1, 30 * DAY, {
        paymentStatus: 'PAID',
        updateTimestamp: NOW - 3600 * 40 + i * 60,
        updateDate: ecwidDate(NOW - 3600 * 40 + i * 60),
      }),
    ),
    ...Array.from({ length: 30 }, (_, i) => order(1000 + i, 10 * DAY + i)),
  ];

  test.each<RowOrder>(['oldest', 'newest', 'shuffled'])(
    'rows %s first: the same answer, newest update first, within the request bound',
    async (rowOrder) => {
      const endpoint = fakeSearch('/orders', store(), { rowOrder, seed: 11 });
      const ids = (await poll(orderStatusChanged)).map((r) => r.id);
      expect(ids).toEqual(
        Array.from({ length: 250 }, (_, i) => `SHOP-${String(250 - i).padStart(5, '0')}:PAID:AWAITING_PROCESSING`),
      );
      expect(endpoint.queries.length).toBeLessThanOrEqual(POLL_MAX_REQUESTS);
      expect(endpoint.queries.every((q) => q.updatedFrom !== undefined && q.createdFrom === undefined)).toBe(true);
    },
  );
});

describe('Test trigger and turning the Zap on', () => {
  test('the dedupe-seeding poll reads 90 days of ids and statuses only, and returns the current combinations', async () => {
    nock.cleanAll(); // no profile stub: turning the Zap on needs no currency, and any other request would fail
    const endpoint = fakeSearch('/orders', [order(1, 80 * DAY, { paymentStatus: 'PAID' }), order(2, 100 * DAY)]);
    const result = await poll(orderStatusChanged, {}, { isPopulatingDedupe: true });
    expect(endpoint.queries).toEqual([
      windowQuery('updated', NOW - 90 * DAY, NOW, {
        responseFields:
          'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus)',
      }),
    ]);
    expect(result).toEqual([{ id: 'SHOP-00001:PAID:AWAITING_PROCESSING' }]);
  });

  test('"Test trigger" returns at most 3, newest first, looking further back in a quiet store, in at most 3 requests', async () => {
    const quiet = [order(1, 380 * DAY), order(2, 370 * DAY), order(3, 369 * DAY), order(4, 368 * DAY)];
    const { shown, requests } = await testTrigger(orderStatusChanged, '/orders', quiet);
    expect(shown.map((r) => r.orderId)).toEqual(['SHOP-00004', 'SHOP-00003', 'SHOP-00002']);
    expect(requests).toBeLessThanOrEqual(3);
  });
});
