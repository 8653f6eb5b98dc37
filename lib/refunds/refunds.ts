import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { ecwidDateToIso } from '../ecwid/dates.js';
import type { EcwidOrder } from '../ecwid/types.js';
import { SAMPLE_CURRENCY } from '../invoice/fields.js';
import { toInvoice } from '../invoice/invoice.js';
import type { XeroCodes } from '../invoice/xero-codes.js';
import { CREDIT_NOTE_OUTPUT_FIELDS, creditNoteOf } from './credit-note.js';
import { ORDER_KEY_OUTPUT_FIELDS, orderFieldsOf } from '../orders/line-item-records.js';
import { pollOrderParts } from '../orders/order-parts.js';
import { ECWID_SAMPLE_ORDER } from '../orders/sample-ecwid-order.js';
import { matchesFilter, orderWindow, type OrderFilter } from '../orders/window.js';
import { isoDateOf, numberOf as num, outputField as field, textOf as str } from '../output/values.js';

/**
 * "New Refund": one record per refund of an order, for a Xero credit note.
 *
 * What Ecwid gives (docs/ecwid-api-notes.md "Refunds, payments, deleted orders"): refunds live on the order —
 * `refunds[]` entries {date, source, reason, amount}, `refundedAmount` (filled for some gateways only), and the payment status
 * REFUNDED or PARTIALLY_REFUNDED; a refund moves the order's update time; `total` is never reduced. Whether a refund
 * marked by changing the status by hand gets an entry is not documented, so both shapes are read:
 * - each `refunds[]` entry is a refund, taken in date order;
 * - when the order says more was refunded than its entries add up to — status REFUNDED (the whole total) or a
 *   larger `refundedAmount` — the difference is one more refund, dated at the order's last update ("by status").
 *
 * The id scheme: `<order id>:refund:<refunded so far, after this refund>` (e.g. `SHOP-X8UYE:refund:12.50`), the
 * cumulative refunded amount in the store's currency with two decimals. Zapier fires each id once, so:
 * - a second partial refund has a new cumulative amount and fires again, for its own amount;
 * - an order marked REFUNDED with no entry fires once, for what was not yet refunded, under the total's id; when the
 *   gateway's entry for that money is recorded later, the entries again add up to the total: the same id, no second
 *   firing.
 * Known limit: if money refunded by status alone is later recorded as several smaller entries, the entries below the
 * total have new ids and fire (a stateless poll cannot tell them from new refunds). A PARTIALLY_REFUNDED status with
 * neither an entry nor `refundedAmount` names no amount, and does not fire until one appears.
 *
 * Orders are read on the update-time axis with Ecwid's paymentStatus filter REFUNDED,PARTIALLY_REFUNDED, by the same
 * window reader as the other order triggers (a refund is assumed to leave one of those statuses on the order).
 */

/** The statuses a refunded order has; Ecwid filters on them. */
export const REFUND_FILTER: OrderFilter = {
  paymentStatuses: ['REFUNDED', 'PARTIALLY_REFUNDED'],
  fulfillmentStatuses: [],
};

/** The dedupe-seeding poll needs what the ids are made of: statuses, total, refunded amount, each refund's amount and date. */
const REFUND_DEDUPE_FIELDS =
  'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus,total,refundedAmount,refunds(amount,date))';

/** Hundredths of the store currency: refunds are compared and added without binary-fraction drift. */
const hundredths = (amount: unknown): number => Math.round(num(amount) * 100);
const fromHundredths = (units: number): number => units / 100;

export interface RefundEvent {
  id: string;
  /** Hundredths. */
  amount: number;
  /** Hundredths refunded on the order once this refund is counted. */
  refundedSoFar: number;
  /** ISO-8601 with offset. */
  date: string;
  reason: string;
  source: string;
  /** False for a refund known only from the order's status or `refundedAmount`. */
  recorded: boolean;
}

export const refundId = (orderId: string, refundedSoFar: number): string =>
  `${orderId}:refund:${fromHundredths(refundedSoFar).toFixed(2)}`;

type RefundEntry = { date?: unknown; source?: unknown; reason?: unknown; amount?: unknown };

const entryTime = (entry: RefundEntry): number => {
  const time = typeof entry.date === 'string' ? Date.parse(ecwidDateToIso(entry.date)) : NaN;
  return Number.isFinite(time) ? time : Infinity;
};

/** The refunds of an order, oldest first (see the id scheme above). */
export const refundEventsOf = (order: EcwidOrder): RefundEvent[] => {
  const orderId = String(order.id);
  const entries = (Array.isArray(order.refunds) ? (order.refunds as RefundEntry[]) : [])
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry && hundredths(entry.amount) > 0)
    // Date order, whatever order Ecwid lists them in, so the cumulative ids never change between polls.
    .sort((a, b) => entryTime(a.entry) - entryTime(b.entry) || a.index - b.index);
  const events: RefundEvent[] = [];
  let refundedSoFar = 0;
  for (const { entry } of entries) {
    const amount = hundredths(entry.amount);
    refundedSoFar += amount;
    events.push({
      id: refundId(orderId, refundedSoFar),
      amount,
      refundedSoFar,
      date: isoDateOf(entry.date, undefined) || isoDateOf(order.updateDate, order.updateTimestamp),
      reason: str(entry.reason),
      source: str(entry.source),
      recorded: true,
    });
  }
  const byStatus = order.paymentStatus === 'REFUNDED' ? hundredths(order.total) : 0;
  const refundedTotal = Math.max(byStatus, hundredths(order.refundedAmount));
  if (refundedTotal > refundedSoFar) {
    events.push({
      id: refundId(orderId, refundedTotal),
      amount: refundedTotal - refundedSoFar,
      refundedSoFar: refundedTotal,
      date: isoDateOf(order.updateDate, order.updateTimestamp),
      reason: '',
      source: '',
      recorded: false,
    });
  }
  return events;
};

/**
 * Every refund of an order as its own record, newest first, with the order's key fields and the lines of its Xero
 * credit note (credit-note.ts), made from the order's invoice with the same Xero codes (`codes`: the trigger's inputs).
 */
export const toRefundOutputs = (order: EcwidOrder, currency = '', codes?: XeroCodes) => {
  const events = refundEventsOf(order);
  if (events.length === 0) return [];
  const orderFields = orderFieldsOf(order, currency);
  const orderTotal = hundredths(order.total);
  // The invoice's reference and contact, so the credit note lands on the same Xero contact and names the invoice.
  const invoice = toInvoice(order, currency, { codes });
  const { invoiceReference, contactName, contactEmail } = invoice;
  return events.reverse().map((event) => ({
    id: event.id,
    invoiceReference,
    contactName,
    contactEmail,
    amount: fromHundredths(event.amount),
    date: event.date,
    reason: event.reason,
    source: event.source,
    currency,
    refundedSoFar: fromHundredths(event.refundedSoFar),
    isFullRefund: event.amount >= orderTotal,
    isOrderFullyRefunded: event.refundedSoFar >= orderTotal,
    recordedByEcwid: event.recorded,
    ...creditNoteOf(invoice, event.amount, event.reason),
    ...orderFields,
  }));
};

export type RefundOutput = ReturnType<typeof toRefundOutputs>[number];

/** The sample order, partly refunded once (a damaged item). */
export const ECWID_SAMPLE_REFUNDED_ORDER: EcwidOrder = {
  ...ECWID_SAMPLE_ORDER,
  paymentStatus: 'PARTIALLY_REFUNDED',
  updateDate: '2026-11-09 10:12:30 +0000',
  updateTimestamp: 1794219150,
  refundedAmount: 12.5,
  refunds: [{ date: '2026-11-09 10:12:30 +0000', source: 'CP', reason: 'Damaged item', amount: 12.5 }],
};

export const REFUND_OUTPUT_SAMPLE: RefundOutput = toRefundOutputs(ECWID_SAMPLE_REFUNDED_ORDER, SAMPLE_CURRENCY)[0];

export const REFUND_OUTPUT_FIELDS: PlainOutputField[] = [
  field('id', 'Refund ID (Order and Amount Refunded So Far)'),
  field('invoiceReference', 'Invoice Reference (Order ID)'),
  field('contactName', 'Contact Name (as on the Invoice)'),
  field('contactEmail', 'Contact Email (as on the Invoice)'),
  field('amount', 'Refund Amount', 'number'),
  field('date', 'Refunded At', 'datetime'),
  field('reason', 'Reason'),
  field('source', 'Source (CP, API, EXTERNAL; Empty When Refunded by Status)'),
  field('currency', 'Currency'),
  field('refundedSoFar', 'Refunded on the Order So Far (With This Refund)', 'number'),
  field('isFullRefund', 'Is a Full Refund (the Whole Order Total at Once)', 'boolean'),
  field('isOrderFullyRefunded', 'Is the Order Now Fully Refunded', 'boolean'),
  field('recordedByEcwid', 'Recorded as a Refund by Ecwid (False When Known Only From the Status)', 'boolean'),
  ...CREDIT_NOTE_OUTPUT_FIELDS,
  ...ORDER_KEY_OUTPUT_FIELDS,
];

/** The output fields and static sample of New Refund: they travel together into `operation`. */
export const REFUND_OUTPUT = { sample: REFUND_OUTPUT_SAMPLE, outputFields: REFUND_OUTPUT_FIELDS };

/** Orders of the window that have a refund to report. */
const hasRefunds = (order: EcwidOrder): boolean =>
  matchesFilter(order, REFUND_FILTER) && refundEventsOf(order).length > 0;

/**
 * One poll: the refunds of the orders updated in the window with a refunded status, newest first. The Zap-on seed
 * reads 90 days of such orders (ids only), so refunds made before the Zap was on never fire.
 */
export const pollRefunds = (z: ZObject, bundle: Bundle, codes: XeroCodes): Promise<Array<{ id: string }>> =>
  pollOrderParts(z, bundle, orderWindow(REFUND_FILTER), {
    dedupeFields: REFUND_DEDUPE_FIELDS,
    keep: hasRefunds,
    toOutputs: (order, currency) => toRefundOutputs(order, currency, codes),
  });
