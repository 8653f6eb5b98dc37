import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { API, API_PATH, choicesOf, dropdownDeclaration, page, rejectionOf, shownMessage, useOfflineEcwid } from '../helpers.js';

useOfflineEcwid({ everyMockUsed: true });

describe('customer_group_list', () => {
  test('is a hidden trigger that pages', () => {
    expect(dropdownDeclaration('customer_group_list')).toEqual({ hidden: true, pages: true });
  });

  test('the groups, General (id 0) included', async () => {
    nock(API)
      .get(`${API_PATH}/customer_groups`)
      .query({ responseFields: 'total,count,offset,limit,items(id,name)', limit: '100', offset: '0' })
      .reply(200, page([{ id: 0, name: 'General' }, { id: 12345, name: 'Wholesale' }]));
    expect(await choicesOf('customer_group_list')).toEqual([
      { id: '0', name: 'General' },
      { id: '12345', name: 'Wholesale' },
    ]);
  });

  test('a plan without customer groups (402) says so, not "upgrade for API access"', async () => {
    nock(API).get(`${API_PATH}/customer_groups`).query(true).reply(402, { errorMessage: 'Customer groups are not available' });
    expect(shownMessage(await rejectionOf(choicesOf('customer_group_list')))).toBe(
      "Customer Groups are not available on this store's Ecwid plan. Leave the Customer Group field empty.",
    );
  });
});
