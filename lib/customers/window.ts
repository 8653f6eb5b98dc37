import type { Bundle, ZObject } from 'zapier-platform-core';
import { parseUserDate } from '../ecwid/dates.js';
import { pollRecords } from '../polling/poll.js';
import { type WindowSpec } from '../polling/window-reader.js';
import { toCustomerOutput } from './customers.js';
import type { EcwidCustomer } from '../ecwid/types.js';

/** What the dedupe-seeding poll reads: ids and the registration time the window is cut by. */
const CUSTOMER_DEDUPE_FIELDS = 'total,count,offset,limit,items(id,registered)';

/** Registration time in unix seconds (customers carry it only as Ecwid's date string). */
const registeredAt = (customer: EcwidCustomer): number => {
  const date = parseUserDate(customer.registered);
  return date ? Math.floor(date.getTime() / 1000) : Number.NaN;
};

/** The window New Customer reads: customers by registration time. */
export const customerWindow = (): WindowSpec<EcwidCustomer> => ({
  path: '/customers',
  // Ecwid can sort customers; the window reader still does not rely on it.
  params: { sortBy: 'REGISTERED_DATE_DESC' },
  from: 'createdFrom',
  to: 'createdTo',
  timeOf: registeredAt,
  idOf: (customer) => String(customer.id),
});

/** One poll of New Customer: customers registered in the window, newest first. */
export const pollCustomers = (z: ZObject, bundle: Bundle): Promise<Array<{ id: string }>> =>
  pollRecords(z, bundle, customerWindow(), { dedupeFields: CUSTOMER_DEDUPE_FIELDS, toOutput: toCustomerOutput });
