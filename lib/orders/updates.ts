import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedProfile, ecwidRequest, pathSegment } from '../ecwid/client.js';
import { toOrderOutput, type OrderOutput } from './output.js';
import { FULFILLMENT_STATUS_INPUT, FULFILLMENT_STATUSES, PAYMENT_STATUS_INPUT, PAYMENT_STATUSES } from './statuses.js';
import type { EcwidOrder } from '../ecwid/types.js';
import { invalidInput, optionalChoice, optionalText, requiredText } from '../inputs/validate.js';

/**
 * "Update Order": changes only the fields the merchant filled in (`PUT /orders/{id}` with just those keys), then
 * reads the order back. Everything is checked before the first request, so a wrong field sends nothing.
 */

export const ORDER_UPDATE_LABELS = {
  orderId: 'Order',
  paymentStatus: PAYMENT_STATUS_INPUT.label,
  fulfillmentStatus: FULFILLMENT_STATUS_INPUT.label,
  trackingNumber: 'Tracking Number',
  privateAdminNotes: 'Private Admin Notes',
} as const;

export interface OrderUpdateBody {
  paymentStatus?: string;
  fulfillmentStatus?: string;
  trackingNumber?: string;
  privateAdminNotes?: string;
}

export interface OrderUpdate {
  orderId: string;
  body: OrderUpdateBody;
}

const L = ORDER_UPDATE_LABELS;

/** The request for the merchant's inputs; an input error names the field and the fix. */
export const orderUpdateFrom = (z: ZObject, inputData: Record<string, unknown>): OrderUpdate => {
  const orderId = requiredText(z, inputData.orderId, L.orderId);
  pathSegment(z, orderId, L.orderId);
  const candidates: OrderUpdateBody = {
    paymentStatus: optionalChoice(z, inputData.paymentStatus, L.paymentStatus, PAYMENT_STATUSES),
    fulfillmentStatus: optionalChoice(z, inputData.fulfillmentStatus, L.fulfillmentStatus, FULFILLMENT_STATUSES),
    trackingNumber: optionalText(z, inputData.trackingNumber, L.trackingNumber),
    privateAdminNotes: optionalText(z, inputData.privateAdminNotes, L.privateAdminNotes),
  };
  // Only what was given is sent: Ecwid leaves every other field of the order as it is.
  const body = Object.fromEntries(
    Object.entries(candidates).filter(([, value]) => value !== undefined),
  ) as OrderUpdateBody;
  if (Object.keys(body).length === 0) {
    throw invalidInput(
      z,
      `Nothing to change: fill in at least one of ${L.paymentStatus}, ${L.fulfillmentStatus}, ${L.trackingNumber} or ${L.privateAdminNotes}.`,
    );
  }
  return { orderId, body };
};

const subjectOf = (orderId: string) => ({ noun: 'order', id: orderId, field: L.orderId });

/**
 * Sends the change and returns the order as Ecwid now has it, shaped as the order triggers shape it (with the
 * store's currency, cached). A status Ecwid did not take (a custom status that is turned off in the store) is an
 * error naming the field, rather than a step that silently did nothing. Safe to retry: the same PUT again leaves
 * the order the same.
 */
export const updateOrder = async (z: ZObject, bundle: Bundle, { orderId, body }: OrderUpdate): Promise<OrderOutput> => {
  const path = `/orders/${pathSegment(z, orderId, L.orderId)}`;
  await ecwidRequest<{ updateCount?: number }>(z, bundle, {
    method: 'PUT',
    path,
    body: { ...body },
    subject: subjectOf(orderId),
  });
  const [order, profile] = await Promise.all([
    ecwidRequest<EcwidOrder>(z, bundle, { path, subject: subjectOf(orderId) }),
    cachedProfile(z, bundle),
  ]);
  for (const key of ['paymentStatus', 'fulfillmentStatus'] as const) {
    const wanted = body[key];
    if (wanted !== undefined && order[key] !== undefined && order[key] !== wanted) {
      throw new z.errors.Error(
        `Ecwid did not change the ${L[key]} of order "${orderId}" to ${wanted} (it is still ${String(order[key])}). ` +
          'A custom status must be set up and turned on in Ecwid admin before it can be used.',
        'StatusNotChanged',
        422,
      );
    }
  }
  return toOrderOutput(order, profile.currency);
};
