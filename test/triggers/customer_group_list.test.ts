import { expect, test } from '@jest/globals';
import { choicesOf, describeDropdown, ecwidGet, page, pageQuery, rejectionOf, shownMessage } from '../helpers.js';

describeDropdown('customer_group_list', { pages: true }, () => {
  test('the groups, General (id 0) included', async () => {
    ecwidGet('/customer_groups', pageQuery(0, { responseFields: 'total,count,offset,limit,items(id,name)' })).reply(
      200,
      page([
        { id: 0, name: 'General' },
        { id: 12345, name: 'Wholesale' },
      ]),
    );
    expect(await choicesOf('customer_group_list')).toEqual([
      { id: '0', name: 'General' },
      { id: '12345', name: 'Wholesale' },
    ]);
  });

  test('a plan without customer groups (402) says so, not "upgrade for API access"', async () => {
    ecwidGet('/customer_groups', true).reply(402, { errorMessage: 'Customer groups are not available' });
    expect(shownMessage(await rejectionOf(choicesOf('customer_group_list')))).toBe(
      "Customer Groups are not available on this store's Ecwid plan. Leave the Customer Group field empty.",
    );
  });
});
