import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import nock from 'nock';
import { DAY } from '../../lib/polling/poll-limits.js';
import { SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';
import { fakeSearch, type FakeRecord } from '../fake-ecwid.js';
import { clearProfileCache } from '../../lib/ecwid/client.js';
import { API, API_PATH, bundleFor, offline, rejectionOf, resetEnv, shownMessage, stubProfile, TOKEN } from '../helpers.js';
import { ecwidDate, perform } from './app.js';

const NOW = 1_800_000_000;

beforeEach(() => {
  offline();
  resetEnv();
  clearProfileCache();
  stubProfile('NZD');
  jest.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
});
afterEach(() => {
  jest.restoreAllMocks();
  // every pinned request was made (the profile stub serves any test that needs the currency)
  const pending = nock.pendingMocks().filter((mock) => !mock.includes('/profile'));
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const update = (input: Record<string, unknown>) => perform<Record<string, any>>('creates', 'update_order', bundleFor(input));

describe('Update Order: the request', () => {
  test('every field: one PUT with exactly those keys, then the order is read back and returned like the order triggers', async () => {
    const sent = { paymentStatus: 'PAID', fulfillmentStatus: 'SHIPPED', trackingNumber: '1Z999AA10123456784', privateAdminNotes: 'Sent with DHL\nfragile' };
    nock(API)
      .put(`${API_PATH}/orders/SHOP-X8UYE`, sent)
      .matchHeader('content-type', 'application/json')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, { updateCount: 1 });
    nock(API).get(`${API_PATH}/orders/SHOP-X8UYE`).reply(200, { ...SAMPLE_ORDER, ...sent });
    const result = await update({
      orderId: ' SHOP-X8UYE ',
      paymentStatus: 'PAID',
      fulfillmentStatus: 'Shipped',
      trackingNumber: '1Z999AA10123456784',
      privateAdminNotes: 'Sent with DHL\nfragile',
    });
    expect(result).toMatchObject({ id: 'SHOP-X8UYE', fulfillmentStatus: 'SHIPPED', trackingNumber: '1Z999AA10123456784', createDate: '2026-11-02T14:05:09+00:00', currency: 'NZD' });
    expect(result.lineItems).toHaveLength(2);
  });

  test.each([
    [{ trackingNumber: 'TRK-1' }, { trackingNumber: 'TRK-1' }],
    [{ fulfillmentStatus: 'ready for pickup' }, { fulfillmentStatus: 'READY_FOR_PICKUP' }],
    [{ paymentStatus: 'Partially refunded', privateAdminNotes: '  refund 5.00 for the mug  ' }, { paymentStatus: 'PARTIALLY_REFUNDED', privateAdminNotes: 'refund 5.00 for the mug' }],
    [{ paymentStatus: 'custom_payment_status_2', trackingNumber: '' }, { paymentStatus: 'CUSTOM_PAYMENT_STATUS_2' }],
  ])('only the fields given are sent: %p', async (input, body) => {
    nock(API).put(`${API_PATH}/orders/K8XTQ`, (received) => JSON.stringify(received) === JSON.stringify(body)).reply(200, { updateCount: 1 });
    nock(API).get(`${API_PATH}/orders/K8XTQ`).reply(200, { ...SAMPLE_ORDER, id: 'K8XTQ', ...body });
    await update({ orderId: 'K8XTQ', ...input });
  });

  test('an order id is one path segment, whatever it contains', async () => {
    nock(API).put(`${API_PATH}/orders/A%2F..%3Fx%3D1`, { trackingNumber: 'T' }).reply(200, { updateCount: 1 });
    nock(API).get(`${API_PATH}/orders/A%2F..%3Fx%3D1`).reply(200, { ...SAMPLE_ORDER, id: 'A/..?x=1' });
    expect((await update({ orderId: 'A/..?x=1', trackingNumber: 'T' })).id).toBe('A/..?x=1');
  });
});

describe('Update Order: answers from Ecwid', () => {
  test('an unknown order names the order and the field', async () => {
    nock(API).put(`${API_PATH}/orders/NOPE`).reply(404, { errorMessage: 'Order not found', errorCode: 'ORDER_NOT_FOUND' });
    const error = await rejectionOf(update({ orderId: 'NOPE', trackingNumber: 'T' }));
    expect(shownMessage(error)).toBe('Ecwid has no order "NOPE" in this store. Check the Order field.');
  });

  test('a status Ecwid did not take is an error naming the field, not a silent success', async () => {
    nock(API).put(`${API_PATH}/orders/K8XTQ`, { paymentStatus: 'CUSTOM_PAYMENT_STATUS_1' }).reply(200, { updateCount: 1 });
    nock(API).get(`${API_PATH}/orders/K8XTQ`).reply(200, { ...SAMPLE_ORDER, id: 'K8XTQ', paymentStatus: 'PAID' });
    const error = await rejectionOf(update({ orderId: 'K8XTQ', paymentStatus: 'CUSTOM_PAYMENT_STATUS_1' }));
    expect(shownMessage(error)).toMatch(/^Ecwid did not change the Payment Status of order "K8XTQ" to CUSTOM_PAYMENT_STATUS_1 \(it is still PAID\)\./);
  });

  test('a rate limit is retried by Zapier, not reported as the merchant\'s mistake', async () => {
    nock(API).put(`${API_PATH}/orders/K8XTQ`).reply(429, { errorCode: 'RATE_LIMITED' }, { 'Retry-After': '7' });
    const error = await rejectionOf(update({ orderId: 'K8XTQ', trackingNumber: 'T' }));
    expect(error.name).toBe('ThrottledError');
  });
});

describe('Update Order: nothing is sent when a field is wrong', () => {
  test.each([
    [{ orderId: '', trackingNumber: 'T' }, 'Order is required. Fill in the field or map a value into it.'],
    [{ orderId: '..', trackingNumber: 'T' }, 'The Order field must be an Ecwid id or code (got "..").'],
    [{ orderId: 'K8XTQ' }, 'Nothing to change: fill in at least one of Payment Status, Fulfillment Status, Tracking Number or Private Admin Notes.'],
    [{ orderId: 'K8XTQ', trackingNumber: '  ', privateAdminNotes: '' }, /^Nothing to change/],
    [{ orderId: 'K8XTQ', paymentStatus: 'Payed' }, /^Payment Status must be one of: AWAITING_PAYMENT \(Awaiting payment\), PAID \(Paid\), .* \(got "Payed"\)\.$/],
    [{ orderId: 'K8XTQ', fulfillmentStatus: 'INCOMPLETE' }, /^Fulfillment Status must be one of: AWAITING_PROCESSING/],
    [{ orderId: 'K8XTQ', paymentStatus: 'INCOMPLETE' }, /^Payment Status must be one of: /],
    [{ orderId: ['A', 'B'], trackingNumber: 'T' }, /^Order must be a single text value/],
  ])('%p', async (input, message) => {
    const error = await rejectionOf(update(input));
    expect(JSON.parse(error.message).code).toBe('InvalidInput');
    if (typeof message === 'string') expect(shownMessage(error)).toBe(message);
    else expect(shownMessage(error)).toMatch(message);
    // No interceptor is set: any request would have failed with a network error instead.
  });
});

describe('the Order dropdown (hidden order_list trigger)', () => {
  const order = (n: number, ago: number, extra: Partial<FakeRecord> = {}): FakeRecord => ({
    id: `SHOP-${String(n).padStart(5, '0')}`,
    createTimestamp: NOW - ago,
    updateTimestamp: NOW - ago,
    createDate: ecwidDate(NOW - ago),
    total: n,
    email: `c${n}@example.com`,
    paymentStatus: 'PAID',
    ...extra,
  });
  const list = (page: number) => perform<Array<{ id: string; name: string }>>('triggers', 'order_list', bundleFor({}, { page }));

  test('page 0: the newest 100 orders of the last 400 days, labelled, read with only the fields the label needs', async () => {
    const endpoint = fakeSearch('/orders', [
      order(1, 2 * DAY, { billingPerson: { name: 'Jane Doe' } }),
      order(2, DAY, { shippingPerson: { name: 'Sam Roe' } }),
      order(3, 500 * DAY),
    ], { rowOrder: 'shuffled' });
    expect(await list(0)).toEqual([
      { id: 'SHOP-00002', name: `SHOP-00002 · Sam Roe · 2 · ${ecwidDate(NOW - DAY).slice(0, 10)}` },
      { id: 'SHOP-00001', name: `SHOP-00001 · Jane Doe · 1 · ${ecwidDate(NOW - 2 * DAY).slice(0, 10)}` },
    ]);
    expect(endpoint.queries[0]).toEqual({
      responseFields: 'total,count,offset,limit,items(id,createTimestamp,createDate,email,total,paymentStatus,billingPerson(name),shippingPerson(name))',
      createdFrom: String(NOW - 400 * DAY),
      createdTo: String(NOW),
      offset: '0',
      limit: '100',
    });
  });

  test('page 1 continues where page 0 ended, whatever the row order', async () => {
    fakeSearch('/orders', Array.from({ length: 150 }, (_, i) => order(i + 1, 150 * 3600 - i * 3600)), { rowOrder: 'shuffled' });
    const first = (await list(0)).map((c) => c.id);
    const second = (await list(1)).map((c) => c.id);
    expect(first).toHaveLength(100);
    expect(second).toHaveLength(50);
    expect([...first, ...second]).toEqual(Array.from({ length: 150 }, (_, i) => `SHOP-${String(150 - i).padStart(5, '0')}`));
  });
});
