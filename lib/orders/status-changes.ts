import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { SAMPLE_CURRENCY } from '../invoice/fields.js';
import { xeroCodesOf, type XeroCodes } from '../invoice/xero-codes.js';
import { ORDER_OUTPUT_FIELDS, toOrderOutput } from './output.js';
import { orderWindow, pollOrders, type OrderFilter } from './window.js';
import type { WindowSpec } from '../polling/window-reader.js';
import { ECWID_SAMPLE_ORDER } from './sample-ecwid-order.js';
import type { EcwidOrder } from '../ecwid/types.js';

/**
 * "Order Status Changed": one firing per order and combination of payment and fulfillment status.
 *
 * The trigger's id is `orderId:paymentStatus:fulfillmentStatus`. Zapier fires each id once, so an order fires
 * when it is placed (its first combination) and each time it reaches a combination it has not had before; an edit
 * that changes no status (a note, an address) keeps the id, and Zapier drops it. Orders are read by update time,
 * so a change to an old order is seen as soon as it happens.
 *
 * What a stateless poll cannot know: Ecwid's order carries no status history, and Zapier keeps no state between
 * polls, so the statuses *before* a change are not known (the previous-status fields stay empty), and when an
 * order changes twice between two polls only the latest combination fires.
 */

export const statusChangeId = (order: Pick<EcwidOrder, 'id' | 'paymentStatus' | 'fulfillmentStatus'>): string =>
  `${order.id}:${order.paymentStatus ?? ''}:${order.fulfillmentStatus ?? ''}`;

/** Orders updated in the window (with the chosen statuses as Ecwid filters), one record per status combination. */
export const statusChangeWindow = (filter: OrderFilter): WindowSpec<EcwidOrder> => ({
  ...orderWindow(filter),
  from: 'updatedFrom',
  to: 'updatedTo',
  timeOf: (order) => Number(order.updateTimestamp),
  idOf: statusChangeId,
});

/** The order as the order triggers return it (`currency`: the store's, for the invoice fields), named by its statuses. */
export const toStatusChangeOutput = (order: EcwidOrder, currency = '', codes?: XeroCodes) => ({
  ...toOrderOutput(order, currency, codes),
  id: statusChangeId(order),
  orderId: String(order.id),
  // Ecwid keeps no status history; kept as fields (empty) so a Zap mapping them never breaks if that changes.
  previousPaymentStatus: '',
  previousFulfillmentStatus: '',
});

export type StatusChangeOutput = ReturnType<typeof toStatusChangeOutput>;

export const STATUS_CHANGE_OUTPUT_SAMPLE: StatusChangeOutput = toStatusChangeOutput(
  ECWID_SAMPLE_ORDER,
  SAMPLE_CURRENCY,
);

/** The order's fields, with `id` now naming the status change and the order's own id under `orderId`. */
export const STATUS_CHANGE_OUTPUT_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Status Change ID' },
  { key: 'orderId', label: 'Order ID' },
  ...ORDER_OUTPUT_FIELDS.filter((field) => field.key !== 'id'),
  { key: 'previousPaymentStatus', label: 'Previous Payment Status (If Known)' },
  { key: 'previousFulfillmentStatus', label: 'Previous Fulfillment Status (If Known)' },
];

/** The output fields and static sample of Order Status Changed: they travel together into `operation`. */
export const STATUS_CHANGE_OUTPUT = { sample: STATUS_CHANGE_OUTPUT_SAMPLE, outputFields: STATUS_CHANGE_OUTPUT_FIELDS };

/**
 * One poll: the current status combination of every order updated in the window, newest update first. The store's
 * currency (cached: no extra request on a warm process) is read alongside, as the other order triggers do; the
 * dedupe-seeding poll needs neither.
 */
export const pollStatusChanges = (z: ZObject, bundle: Bundle, filter: OrderFilter): Promise<Array<{ id: string }>> => {
  const codes = xeroCodesOf(z, bundle.inputData);
  return pollOrders(
    z,
    bundle,
    filter,
    (order, currency) => toStatusChangeOutput(order, currency, codes),
    statusChangeWindow(filter),
  );
};
