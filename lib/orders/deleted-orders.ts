import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { parseUserDate } from '../ecwid/dates.js';
import type { EcwidOrder } from '../ecwid/types.js';
import { toInvoice } from '../invoice/invoice.js';
import { pollRecords } from '../polling/poll.js';
import { type WindowSpec } from '../polling/window-reader.js';
import { idOrNull, isoDateOf, outputField as field, textOf as str } from '../output/values.js';

/**
 * "Deleted Order": one firing per order deleted in Ecwid, from `GET /orders/deleted` (from_date/to_date in unix
 * seconds; rows `{id (number), orderId (string), date}` as Ecwid's Java client reads them: `DeletedOrder`,
 * `DeletedOrdersSearchRequest`). A deletion never changes, so the window is on the deletion time like New Order's
 * on creation time, and the id is the order's id (the string every other trigger uses): an order is deleted once.
 */
export interface EcwidDeletedOrder {
  /** Ecwid's internal order number. */
  id?: number;
  orderId?: string;
  /** "yyyy-MM-dd HH:mm:ss +0000" (the Java client's date format); unix seconds are read too. */
  date?: string | number;
}

const deletedOrderId = (row: EcwidDeletedOrder): string => str(row.orderId ?? row.id);

const deletedAt = (row: EcwidDeletedOrder): number => {
  const date = parseUserDate(row.date);
  return date ? Math.floor(date.getTime() / 1000) : Number.NaN;
};

export const DELETED_ORDER_WINDOW: WindowSpec<EcwidDeletedOrder> = {
  path: '/orders/deleted',
  params: {},
  from: 'from_date',
  to: 'to_date',
  timeOf: deletedAt,
  idOf: deletedOrderId,
};

export const toDeletedOrderOutput = (row: EcwidDeletedOrder) => {
  const orderId = deletedOrderId(row);
  return {
    id: orderId,
    orderId,
    internalId: idOrNull(row.id),
    // The reference the order's invoice was created with (New Paid Order → Xero), to find and void it.
    invoiceReference: toInvoice({ id: orderId } as EcwidOrder, '').invoiceReference,
    deleteDate: typeof row.date === 'number' ? isoDateOf(undefined, row.date) : isoDateOf(row.date, deletedAt(row)),
  };
};

export type DeletedOrderOutput = ReturnType<typeof toDeletedOrderOutput>;

export const DELETED_ORDER_OUTPUT_SAMPLE: DeletedOrderOutput = toDeletedOrderOutput({
  id: 516723402,
  orderId: 'SHOP-X8UYE',
  date: '2026-11-12 09:30:00 +0000',
});

export const DELETED_ORDER_OUTPUT_FIELDS: PlainOutputField[] = [
  field('id', 'Order ID'),
  field('orderId', 'Order ID (Same as ID)'),
  field('internalId', 'Internal Order ID', 'integer'),
  field('invoiceReference', 'Invoice Reference (Order ID)'),
  field('deleteDate', 'Deleted At', 'datetime'),
];

/** The output fields and static sample of Deleted Order: they travel together into `operation`. */
export const DELETED_ORDER_OUTPUT = { sample: DELETED_ORDER_OUTPUT_SAMPLE, outputFields: DELETED_ORDER_OUTPUT_FIELDS };

/** One poll: the orders deleted in the window, newest deletion first; the Zap-on seed is the live window itself. */
export const pollDeletedOrders = (z: ZObject, bundle: Bundle): Promise<Array<{ id: string }>> =>
  pollRecords(z, bundle, DELETED_ORDER_WINDOW, {
    dedupeFields: 'total,count,offset,limit,items(id,orderId,date)',
    toOutput: toDeletedOrderOutput,
  });
