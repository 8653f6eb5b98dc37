import { describe, expect, test } from '@jest/globals';
import { ECWID_SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';
import {
  bundleFor,
  rejectionOf,
  TOKEN,
  useOfflineEcwid,
  perform,
  expectInvalidInput,
  refusalOf,
  ecwidApi,
} from '../helpers.js';

const NOW = 1_800_000_000;

useOfflineEcwid({ now: NOW, currency: 'NZD', freshCaches: true, everyMockUsed: true });

const update = (input: Record<string, unknown>) =>
  perform<Record<string, any>>('creates', 'update_order', bundleFor(input));

describe('Update Order: the request', () => {
  test('every field: one PUT with exactly those keys, then the order is read back and returned like the order triggers', async () => {
    const sent = {
      paymentStatus: 'PAID',
      fulfillmentStatus: 'SHIPPED',
      trackingNumber: '1Z999AA10123456784',
      privateAdminNotes: 'Sent with DHL\nfragile',
    };
    ecwidApi()
      .put('/orders/SHOP-X8UYE', sent)
      .matchHeader('content-type', 'application/json')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, { updateCount: 1 });
    ecwidApi()
      .get('/orders/SHOP-X8UYE')
      .reply(200, { ...ECWID_SAMPLE_ORDER, ...sent });
    const result = await update({
      orderId: ' SHOP-X8UYE ',
      paymentStatus: 'PAID',
      fulfillmentStatus: 'Shipped',
      trackingNumber: '1Z999AA10123456784',
      privateAdminNotes: 'Sent with DHL\nfragile',
    });
    expect(result).toMatchObject({
      id: 'SHOP-X8UYE',
      fulfillmentStatus: 'SHIPPED',
      trackingNumber: '1Z999AA10123456784',
      createDate: '2026-11-02T14:05:09+00:00',
      currency: 'NZD',
    });
    expect(result.lineItems).toHaveLength(2);
  });

  test.each([
    [{ trackingNumber: 'TRK-1' }, { trackingNumber: 'TRK-1' }],
    [{ fulfillmentStatus: 'ready for pickup' }, { fulfillmentStatus: 'READY_FOR_PICKUP' }],
    [
      { paymentStatus: 'Partially refunded', privateAdminNotes: '  refund 5.00 for the mug  ' },
      { paymentStatus: 'PARTIALLY_REFUNDED', privateAdminNotes: 'refund 5.00 for the mug' },
    ],
    [{ paymentStatus: 'custom_payment_status_2', trackingNumber: '' }, { paymentStatus: 'CUSTOM_PAYMENT_STATUS_2' }],
  ])('only the fields given are sent: %p', async (input, body) => {
    ecwidApi()
      .put('/orders/K8XTQ', (received) => JSON.stringify(received) === JSON.stringify(body))
      .reply(200, { updateCount: 1 });
    ecwidApi()
      .get('/orders/K8XTQ')
      .reply(200, { ...ECWID_SAMPLE_ORDER, id: 'K8XTQ', ...body });
    await update({ orderId: 'K8XTQ', ...input });
  });

  test('an order id is one path segment, whatever it contains', async () => {
    ecwidApi().put('/orders/A%2F..%3Fx%3D1', { trackingNumber: 'T' }).reply(200, { updateCount: 1 });
    ecwidApi()
      .get('/orders/A%2F..%3Fx%3D1')
      .reply(200, { ...ECWID_SAMPLE_ORDER, id: 'A/..?x=1' });
    expect((await update({ orderId: 'A/..?x=1', trackingNumber: 'T' })).id).toBe('A/..?x=1');
  });
});

describe('Update Order: answers from Ecwid', () => {
  test('an unknown order names the order and the field', async () => {
    ecwidApi().put('/orders/NOPE').reply(404, { errorMessage: 'Order not found', errorCode: 'ORDER_NOT_FOUND' });
    expect(await refusalOf(update({ orderId: 'NOPE', trackingNumber: 'T' }))).toBe(
      'Ecwid has no order "NOPE" in this store. Check the Order field.',
    );
  });

  test('a status Ecwid did not take is an error naming the field, not a silent success', async () => {
    ecwidApi().put('/orders/K8XTQ', { paymentStatus: 'CUSTOM_PAYMENT_STATUS_1' }).reply(200, { updateCount: 1 });
    ecwidApi()
      .get('/orders/K8XTQ')
      .reply(200, { ...ECWID_SAMPLE_ORDER, id: 'K8XTQ', paymentStatus: 'PAID' });
    expect(await refusalOf(update({ orderId: 'K8XTQ', paymentStatus: 'CUSTOM_PAYMENT_STATUS_1' }))).toMatch(
      /^Ecwid did not change the Payment Status of order "K8XTQ" to CUSTOM_PAYMENT_STATUS_1 \(it is still PAID\)\./,
    );
  });

  test("a rate limit is retried by Zapier, not reported as the merchant's mistake", async () => {
    ecwidApi().put('/orders/K8XTQ').reply(429, { errorCode: 'RATE_LIMITED' }, { 'Retry-After': '7' });
    const error = await rejectionOf(update({ orderId: 'K8XTQ', trackingNumber: 'T' }));
    expect(error.name).toBe('ThrottledError');
  });
});

describe('Update Order: nothing is sent when a field is wrong', () => {
  test.each([
    [{ orderId: '', trackingNumber: 'T' }, 'Order is required. Fill in the field or map a value into it.'],
    [{ orderId: '..', trackingNumber: 'T' }, 'The Order field must be an Ecwid id or code (got "..").'],
    [
      { orderId: 'K8XTQ' },
      'Nothing to change: fill in at least one of Payment Status, Fulfillment Status, Tracking Number or Private Admin Notes.',
    ],
    [{ orderId: 'K8XTQ', trackingNumber: '  ', privateAdminNotes: '' }, /^Nothing to change/],
    [
      { orderId: 'K8XTQ', paymentStatus: 'Payed' },
      /^Payment Status must be one of: AWAITING_PAYMENT \(Awaiting payment\), PAID \(Paid\), .* \(got "Payed"\)\.$/,
    ],
    [{ orderId: 'K8XTQ', fulfillmentStatus: 'INCOMPLETE' }, /^Fulfillment Status must be one of: AWAITING_PROCESSING/],
    [{ orderId: 'K8XTQ', paymentStatus: 'INCOMPLETE' }, /^Payment Status must be one of: /],
    [{ orderId: ['A', 'B'], trackingNumber: 'T' }, /^Order must be a single text value/],
  ])('%p', async (input, message) => {
    await expectInvalidInput(update(input), message);
    // No interceptor is set: any request would have failed with a network error instead.
  });
});
