import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import nock from 'nock';
import newCustomer from '../../triggers/new_customer.js';
import newProduct from '../../triggers/new_product.js';
import { DAY, POLL_LOOKBACK_SECONDS } from '../../lib/polling/poll-limits.js';
import { API, API_PATH, bundleFor, offline, resetEnv, run } from '../helpers.js';

const NOW = 1_800_000_000;
const ecwidDate = (unix: number) => `${new Date(unix * 1000).toISOString().slice(0, 19).replace('T', ' ')} +0000`;
const poll = (trigger: any, inputData = {}, meta = {}) => run(trigger.operation.perform, bundleFor(inputData, meta)) as Promise<any[]>;
const page = (items: unknown[]) => ({ total: items.length, count: items.length, offset: 0, limit: 100, items });

beforeEach(() => {
  offline();
  resetEnv();
  jest.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
});
afterEach(() => {
  jest.restoreAllMocks();
  nock.cleanAll();
});

describe('New Customer', () => {
  test('asks for customers registered in the window, newest first, and sorts them itself', async () => {
    nock(API)
      .get(`${API_PATH}/customers`)
      .query({ sortBy: 'REGISTERED_DATE_DESC', createdFrom: String(NOW - POLL_LOOKBACK_SECONDS), createdTo: String(NOW), offset: '0', limit: '100' })
      // returned oldest first on purpose: the trigger must not trust the server's order
      .reply(200, page([
        { id: 1, email: 'old@example.com', registered: ecwidDate(NOW - 2 * DAY) },
        { id: 3, email: 'new@example.com', registered: ecwidDate(NOW - 60) },
        { id: 2, email: 'mid@example.com', registered: ecwidDate(NOW - DAY) },
      ]));
    const result = await poll(newCustomer);
    expect(result.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(result[0].registered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
  });

  test('the dedupe-seeding poll reads ids only, of the live window (a customer registered earlier never enters it)', async () => {
    nock(API)
      .get(`${API_PATH}/customers`)
      .query({
        sortBy: 'REGISTERED_DATE_DESC',
        responseFields: 'total,count,offset,limit,items(id,registered)',
        createdFrom: String(NOW - POLL_LOOKBACK_SECONDS),
        createdTo: String(NOW),
        offset: '0',
        limit: '100',
      })
      .reply(200, page([{ id: 9, registered: ecwidDate(NOW - 2 * DAY) }]));
    expect(await poll(newCustomer, {}, { isPopulatingDedupe: true })).toEqual([{ id: '9' }]);
  });
});

describe('New Product', () => {
  test('asks for products added in the window; by default disabled ones too', async () => {
    nock(API)
      .get(`${API_PATH}/products`)
      .query({ sortBy: 'ADDED_TIME_DESC', createdFrom: String(NOW - POLL_LOOKBACK_SECONDS), createdTo: String(NOW), offset: '0', limit: '100' })
      .reply(200, page([
        { id: 5, name: 'Draft', enabled: false, createTimestamp: NOW - 50 },
        { id: 6, name: 'Live', enabled: true, createTimestamp: NOW - 10 },
      ]));
    expect((await poll(newProduct)).map((p) => p.id)).toEqual([6, 5]);
  });

  test('"Skip Disabled Products" filters at Ecwid and here', async () => {
    nock(API)
      .get(`${API_PATH}/products`)
      .query({ sortBy: 'ADDED_TIME_DESC', enabled: 'true', createdFrom: String(NOW - POLL_LOOKBACK_SECONDS), createdTo: String(NOW), offset: '0', limit: '100' })
      .reply(200, page([
        { id: 5, name: 'Draft', enabled: false, createTimestamp: NOW - 50 },
        { id: 6, name: 'Live', enabled: true, createTimestamp: NOW - 10 },
      ]));
    expect((await poll(newProduct, { skipDisabled: true })).map((p) => p.id)).toEqual([6]);
  });

  test('"Test trigger" finds the last product of a quiet catalog', async () => {
    nock(API).get(`${API_PATH}/products`).query((q) => q.createdFrom === String(NOW - POLL_LOOKBACK_SECONDS)).reply(200, page([]));
    nock(API).get(`${API_PATH}/products`).query((q) => q.createdFrom === String(NOW - 31 * DAY)).reply(200, page([{ id: 7, createTimestamp: NOW - 20 * DAY }]));
    expect((await poll(newProduct, {}, { isLoadingSample: true })).map((p) => p.id)).toEqual([7]);
  });
});
