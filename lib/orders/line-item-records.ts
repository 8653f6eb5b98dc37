import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { flatPerson } from '../output/people.js';
import { SAMPLE_CURRENCY } from '../invoice/fields.js';
import { lineItemOutputFields, toLineItem } from './line-items.js';
import { matchesFilter, orderWindow, type OrderFilter } from './window.js';
import {
  idOrNull,
  isoDateOf,
  numberOf as num,
  outputField as field,
  textOf as str,
  type OutputField,
} from '../output/values.js';
import { ORDER_HEAD_OUTPUT_FIELDS, TOTALS_OUTPUT_FIELDS } from './output.js';
import { pollOrderParts } from './order-parts.js';
import { ECWID_SAMPLE_ORDER } from './sample-ecwid-order.js';
import type { EcwidOrder, EcwidOrderItem } from '../ecwid/types.js';

/**
 * "New Order Line Item": one record per item sold, with the order's key fields flattened onto it (prefixed
 * `order`), for per-product Zaps — stock sheets, CRM opportunities, a fulfilment partner per product.
 * Orders are read exactly as New Order reads them (same window and filter); each item's id is
 * `orderId:itemId` (the item's position when Ecwid gives no item id), so Zapier fires every item once.
 */

/** The dedupe-seeding poll needs every item's id, not just the order's: ids and statuses only, items included. */
const LINE_ITEM_DEDUPE_FIELDS =
  'total,count,offset,limit,items(id,createTimestamp,updateTimestamp,paymentStatus,fulfillmentStatus,items(id))';

export const lineItemId = (order: Pick<EcwidOrder, 'id'>, item: EcwidOrderItem, index: number): string =>
  `${order.id}:${item.id ?? `#${index + 1}`}`;

/** The order's fields every line carries: who bought, what the order came to (in the store's currency), where it ships. */
export const orderFieldsOf = (order: EcwidOrder, currency: string) => {
  const billing = flatPerson(order.billingPerson);
  const shipTo = flatPerson(order.shippingPerson);
  return {
    orderId: String(order.id),
    orderInternalId: idOrNull(order.internalId),
    orderCreateDate: isoDateOf(order.createDate, order.createTimestamp),
    orderUpdateDate: isoDateOf(order.updateDate, order.updateTimestamp),
    orderPaymentStatus: str(order.paymentStatus),
    orderFulfillmentStatus: str(order.fulfillmentStatus),
    orderPaymentMethod: str(order.paymentMethod),
    orderSubtotal: num(order.subtotal),
    orderTax: num(order.tax),
    orderTotal: num(order.total),
    orderCurrency: currency,
    orderCouponCode: str(order.discountCoupon?.code),
    orderItemCount: (order.items ?? []).length,
    orderEmail: str(order.email),
    orderCustomerId: idOrNull(order.customerId),
    // Ecwid may leave out either person: the buyer is read from billing first, then shipping.
    orderCustomerName: billing.name || shipTo.name,
    orderCustomerPhone: billing.phone || shipTo.phone,
    orderShippingMethod: str(order.shippingOption?.shippingMethodName),
    orderShippingName: shipTo.name,
    orderShippingCompany: shipTo.company,
    orderShippingStreet: shipTo.street,
    orderShippingCity: shipTo.city,
    orderShippingRegion: shipTo.region,
    orderShippingPostalCode: shipTo.postalCode,
    orderShippingCountryCode: shipTo.countryCode,
    orderShippingPhone: shipTo.phone,
  };
};

/** Every item of an order as its own record, in the order's item order; none for an order without items. */
export const toLineItemOutputs = (order: EcwidOrder, currency = '') => {
  const orderFields = orderFieldsOf(order, currency);
  return (order.items ?? []).map((item, index) => ({
    id: lineItemId(order, item, index),
    itemId: idOrNull(item.id),
    position: index + 1,
    ...toLineItem(item),
    ...orderFields,
  }));
};

/** The order's totals a part of it carries (its discounts stay on the order). */
const ORDER_TOTALS_ON_PARTS = ['subtotal', 'tax', 'total'];

/** An order's field as its parts carry it: `paymentStatus` "Payment Status" is `orderPaymentStatus` "Order Payment Status". */
const asOrderField = ({ key, label, type }: OutputField) =>
  field(`order${key[0].toUpperCase()}${key.slice(1)}`, label.includes('Order') ? label : `Order ${label}`, type);

/** Labels of `orderFieldsOf`: the order's key fields on a record made from one part of an order. */
export const ORDER_KEY_OUTPUT_FIELDS: PlainOutputField[] = [
  ...ORDER_HEAD_OUTPUT_FIELDS.map(asOrderField),
  ...TOTALS_OUTPUT_FIELDS.filter(({ key }) => ORDER_TOTALS_ON_PARTS.includes(key)).map(asOrderField),
  field('orderCurrency', 'Order Currency'),
  field('orderCouponCode', 'Order Coupon Code'),
  field('orderItemCount', 'Number of Items in Order', 'integer'),
  field('orderEmail', 'Customer Email'),
  field('orderCustomerId', 'Customer ID', 'integer'),
  field('orderCustomerName', 'Customer Name'),
  field('orderCustomerPhone', 'Customer Phone'),
  field('orderShippingMethod', 'Shipping Method'),
  field('orderShippingName', 'Ship To Name'),
  field('orderShippingCompany', 'Ship To Company'),
  field('orderShippingStreet', 'Ship To Street'),
  field('orderShippingCity', 'Ship To City'),
  field('orderShippingRegion', 'Ship To State or Province'),
  field('orderShippingPostalCode', 'Ship To Postal Code'),
  field('orderShippingCountryCode', 'Ship To Country Code'),
  field('orderShippingPhone', 'Ship To Phone'),
];

export type LineItemOutput = ReturnType<typeof toLineItemOutputs>[number];

export const LINE_ITEM_OUTPUT_SAMPLE: LineItemOutput = toLineItemOutputs(ECWID_SAMPLE_ORDER, SAMPLE_CURRENCY)[0];

export const LINE_ITEM_OUTPUT_FIELDS: PlainOutputField[] = [
  field('id', 'Line Item ID (Order and Item)'),
  field('itemId', 'Ecwid Item ID', 'integer'),
  field('position', 'Position in Order', 'integer'),
  ...lineItemOutputFields(),
  ...ORDER_KEY_OUTPUT_FIELDS,
];

/** The output fields and static sample of New Order Line Item: they travel together into `operation`. */
export const LINE_ITEM_OUTPUT = { sample: LINE_ITEM_OUTPUT_SAMPLE, outputFields: LINE_ITEM_OUTPUT_FIELDS };

/**
 * One poll: the items of the window's orders, newest order first. The dedupe-seeding poll returns item ids only
 * (read with items(id), so turning a Zap on stays small); "Test trigger" returns at most three items.
 */
export const pollLineItems = (z: ZObject, bundle: Bundle, filter: OrderFilter): Promise<Array<{ id: string }>> =>
  pollOrderParts(z, bundle, orderWindow(filter), {
    dedupeFields: LINE_ITEM_DEDUPE_FIELDS,
    keep: (order) => matchesFilter(order, filter),
    toOutputs: toLineItemOutputs,
  });
