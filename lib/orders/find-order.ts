import type { Bundle, ZObject } from 'zapier-platform-core';
import { nowUnix } from '../ecwid/dates.js';
import { ecwidRequest, pathSegment } from '../ecwid/client.js';
import { isNotFound } from '../ecwid/errors.js';
import { POLL_MAX_REQUESTS, readWindow } from '../polling/window-reader.js';
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
    throw new z.errors.Error('Fill in the Order Number field or the Customer Email field.', 'InvalidInput', 400);
  }
  if (!EMAIL.test(email)) {
    throw new z.errors.Error(`The Customer Email field must be an email address (got "${email.slice(0, 80)}").`, 'InvalidInput', 400);
  }
  const read = await readWindow(z, bundle, { ...orderWindow({ paymentStatuses: [], fulfillmentStatuses: [] }), params: { email } }, {
    fromSeconds: 0,
    toSeconds: nowUnix(),
    maxRecords: 1,
    maxRequests: POLL_MAX_REQUESTS,
    concurrency: 1,
  });
  return read.records.find((order) => String(order.email ?? '').toLowerCase() === email.toLowerCase()) ?? read.records[0];
};
