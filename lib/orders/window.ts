import type { Bundle, ZObject } from 'zapier-platform-core';
import { pollRecords } from '../polling/poll.js';
import { type WindowSpec } from '../polling/window-reader.js';
import {
  FULFILLMENT_STATUS_INPUT,
  FULFILLMENT_STATUSES,
  PAYMENT_STATUS_INPUT,
  PAYMENT_STATUSES,
  parseStatuses,
} from './statuses.js';
import type { EcwidOrder } from '../ecwid/types.js';
import { invalidInput } from '../inputs/validate.js';

/** What a merchant filters new orders on; empty lists mean "any". */
export interface OrderFilter {
  paymentStatuses: string[];
  fulfillmentStatuses: string[];
}

/** The ids Zapier dedupes on, plus what the dedupe poll needs to stay small (20 MB cap). */
export const ORDER_DEDUPE_FIELDS =
  'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus)';

const orderIdOf = (order: EcwidOrder): string => String(order.id);

/**
 * The window an order trigger reads.
 * - No filter: orders by creation time ("fires once for every new order"). Ecwid leaves unfinished (INCOMPLETE)
 *   orders out unless asked.
 * - A status filter: orders by update time, with the statuses as Ecwid filters, so an order that reaches the
 *   statuses days after it was created is still caught ("when it first matches"); Zapier's dedupe on the order id
 *   makes it fire once however often it is updated afterwards.
 */
export const orderWindow = (filter: OrderFilter): WindowSpec<EcwidOrder> => {
  const filtered = filter.paymentStatuses.length > 0 || filter.fulfillmentStatuses.length > 0;
  return {
    path: '/orders',
    params: { paymentStatus: filter.paymentStatuses, fulfillmentStatus: filter.fulfillmentStatuses },
    from: filtered ? 'updatedFrom' : 'createdFrom',
    to: filtered ? 'updatedTo' : 'createdTo',
    timeOf: (order) => Number(filtered ? order.updateTimestamp : order.createTimestamp),
    idOf: orderIdOf,
  };
};

/** Statuses are checked here too: an order Ecwid should not have returned must never fire. */
export const matchesFilter = (order: EcwidOrder, filter: OrderFilter): boolean =>
  order.paymentStatus !== 'INCOMPLETE' &&
  (filter.paymentStatuses.length === 0 || filter.paymentStatuses.includes(String(order.paymentStatus))) &&
  (filter.fulfillmentStatuses.length === 0 || filter.fulfillmentStatuses.includes(String(order.fulfillmentStatus)));

/** The merchant's status inputs as a filter; an unknown status is an input error naming the field. */
export const orderFilterOf = (z: ZObject, inputData: Record<string, unknown>): OrderFilter => {
  const payment = parseStatuses(inputData.paymentStatus, PAYMENT_STATUSES);
  const fulfillment = parseStatuses(inputData.fulfillmentStatus, FULFILLMENT_STATUSES);
  for (const [field, parsed, labels] of [
    [PAYMENT_STATUS_INPUT.label, payment, PAYMENT_STATUSES],
    [FULFILLMENT_STATUS_INPUT.label, fulfillment, FULFILLMENT_STATUSES],
  ] as const) {
    if (parsed.unknown.length > 0) {
      throw invalidInput(
        z,
        `The ${field} field has "${parsed.unknown.join('", "')}", which is not an Ecwid status. Choose from: ${Object.values(labels).join(', ')}.`,
      );
    }
  }
  return { paymentStatuses: payment.statuses, fulfillmentStatuses: fulfillment.statuses };
};

/**
 * What one poll of an order trigger returns: newest first, unique Ecwid ids, matching the filter.
 * The dedupe-seeding poll reads ids only (a 90-day window), so turning a Zap on is quick and small.
 */
export const pollOrders = <O>(
  z: ZObject,
  bundle: Bundle,
  filter: OrderFilter,
  toOutput: (order: EcwidOrder, currency: string) => O,
  window: WindowSpec<EcwidOrder> = orderWindow(filter),
) =>
  pollRecords(z, bundle, window, {
    dedupeFields: ORDER_DEDUPE_FIELDS,
    keep: (order) => matchesFilter(order, filter),
    toOutput,
    withCurrency: true,
  });
