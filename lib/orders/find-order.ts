import type { Bundle, ZObject } from 'zapier-platform-core';
import { nowUnix } from '../ecwid/dates.js';
import { ecwidRequest, MAX_PAGE_SIZE, pathSegment, type Query } from '../ecwid/client.js';
import { isNotFound } from '../ecwid/errors.js';
import { invalidInput } from '../inputs/validate.js';
import { POLL_MAX_REQUESTS } from '../polling/poll-limits.js';
import { readWindow } from '../polling/window-reader.js';
import { orderWindow } from './window.js';
import type { EcwidOrder } from '../ecwid/types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * One order by its id, or the newest order of a customer's email; undefined when there is none.
 * By email, every order of that customer is read through the window reader (all time), since /orders' row order
 * says nothing about which is newest.
 */
export const findOrder = async (
  z: ZObject,
  bundle: Bundle,
  { orderId, email }: { orderId: string; email: string },
): Promise<EcwidOrder | undefined> => {
  if (orderId) {
    try {
      return await ecwidRequest<EcwidOrder>(z, bundle, {
        path: `/orders/${pathSegment(z, orderId, 'Order Number')}`,
        subject: { noun: 'order', id: orderId, field: 'Order Number' },
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
  if (!email) {
    throw invalidInput(z, 'Fill in the Order Number, Payment Reference or Customer Email field.');
  }
  if (!EMAIL.test(email)) {
    throw invalidInput(z, `The Customer Email field must be an email address (got "${email.slice(0, 80)}").`);
  }
  const newest = await newestOrdersEver(z, bundle, { email }, 1);
  return newest.find((order) => String(order.email ?? '').toLowerCase() === email.toLowerCase()) ?? newest[0];
};

/**
 * The newest orders of all time that Ecwid's filters `params` match, through the window reader (the row order of
 * /orders says nothing about which are newest), at most `maxRecords`.
 */
const newestOrdersEver = async (z: ZObject, bundle: Bundle, params: Query, maxRecords: number): Promise<EcwidOrder[]> =>
  (
    await readWindow(
      z,
      bundle,
      { ...orderWindow({ paymentStatuses: [], fulfillmentStatuses: [] }), params },
      {
        fromSeconds: 0,
        toSeconds: nowUnix(),
        maxRecords,
        maxRequests: POLL_MAX_REQUESTS,
        concurrency: 1,
      },
    )
  ).records;

/**
 * The order a bank or gateway statement line names: Ecwid's `paymentReference` filter first (exact; in Ecwid's Java
 * client's order search), then its keyword search, which Ecwid's "Search orders" docs say also looks in the external
 * transaction id, keeping only an order whose transaction id is exactly the one given (keywords match other fields
 * too). The newest match wins; undefined when none.
 */
export const findOrderByPayment = async (
  z: ZObject,
  bundle: Bundle,
  reference: string,
): Promise<EcwidOrder | undefined> => {
  const byReference = await newestOrdersEver(z, bundle, { paymentReference: reference }, 1);
  const found = byReference.find((order) => String(order.paymentReference ?? '') === reference);
  if (found) return found;
  const byKeyword = await newestOrdersEver(z, bundle, { keywords: reference }, MAX_PAGE_SIZE);
  return byKeyword.find((order) => String(order.externalTransactionId ?? '') === reference);
};
