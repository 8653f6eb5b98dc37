import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { flatPerson } from '../output/people.js';
import { cachedProfile } from '../ecwid/client.js';
import { SAMPLE_CURRENCY } from '../invoice/invoice.js';
import { toLineItem } from './output.js';
import { matchesFilter, orderWindow, type OrderFilter } from './window.js';
import { idOrNull, isoDateOf, numberOf as num, outputField as field, textOf as str } from '../output/values.js';
import { withinOutputBytes } from '../polling/output-bound.js';
import { pollModeOf, pollWindow } from '../polling/poll.js';
import { SAMPLE_SIZE } from '../polling/poll-limits.js';
import { SAMPLE_ORDER } from './sample-ecwid-order.js';
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
const orderFieldsOf = (order: EcwidOrder, currency: string) => {
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

export type LineItemOutput = ReturnType<typeof toLineItemOutputs>[number];

export const LINE_ITEM_SAMPLE: LineItemOutput = toLineItemOutputs(SAMPLE_ORDER, SAMPLE_CURRENCY)[0];

export const LINE_ITEM_OUTPUT_FIELDS: PlainOutputField[] = [
  field('id', 'Line Item ID (Order and Item)'),
  field('itemId', 'Ecwid Item ID', 'integer'),
  field('position', 'Position in Order', 'integer'),
  field('productId', 'Product ID', 'integer'),
  field('sku', 'SKU'),
  field('name', 'Product Name'),
  field('options', 'Options'),
  field('quantity', 'Quantity', 'number'),
  field('price', 'Unit Price', 'number'),
  field('priceWithoutTax', 'Unit Price Without Tax', 'number'),
  field('lineTotal', 'Line Total', 'number'),
  field('tax', 'Tax', 'number'),
  field('taxRate', 'Tax Rate (%)', 'number'),
  field('taxNames', 'Tax Names'),
  field('couponAmount', 'Coupon Discount', 'number'),
  field('discountAmount', 'Promotion Discount', 'number'),
  field('digital', 'Is Digital', 'boolean'),
  field('imageUrl', 'Image URL'),
  field('orderId', 'Order ID'),
  field('orderInternalId', 'Internal Order ID', 'integer'),
  field('orderCreateDate', 'Order Created At', 'datetime'),
  field('orderUpdateDate', 'Order Updated At', 'datetime'),
  field('orderPaymentStatus', 'Order Payment Status'),
  field('orderFulfillmentStatus', 'Order Fulfillment Status'),
  field('orderPaymentMethod', 'Order Payment Method'),
  field('orderSubtotal', 'Order Subtotal', 'number'),
  field('orderTax', 'Order Tax', 'number'),
  field('orderTotal', 'Order Total', 'number'),
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

/**
 * One poll: the items of the window's orders, newest order first. The dedupe-seeding poll returns item ids only
 * (read with items(id), so turning a Zap on stays small); "Test trigger" returns at most three items.
 */
export const pollLineItems = async (z: ZObject, bundle: Bundle, filter: OrderFilter): Promise<Array<{ id: string }>> => {
  const spec = orderWindow(filter);
  const dedupeSpec = { ...spec, params: { ...spec.params, responseFields: LINE_ITEM_DEDUPE_FIELDS } };
  const mode = pollModeOf(bundle);
  const read = pollWindow(z, bundle, spec, { dedupeSpec, keep: (order) => matchesFilter(order, filter) });
  if (mode === 'dedupe') {
    const { records, settle } = await read;
    await settle([], records.length);
    return records.flatMap((order) => toLineItemOutputs(order)).map(({ id }) => ({ id }));
  }
  // The store's currency (cached: no extra request on a warm process), read alongside the orders.
  const [{ records: orders, settle }, profile] = await Promise.all([read, cachedProfile(z, bundle)]);
  const outputs = orders.map((order) => toLineItemOutputs(order, profile.currency));
  // Whole orders within Zapier's output bound: an order's items fire together or wait together.
  const lines = withinOutputBytes(orders, outputs, spec.timeOf).flat();
  const limit = mode === 'sample' ? SAMPLE_SIZE : Number(bundle.meta?.limit);
  const answer = limit > 0 ? lines.slice(0, limit) : lines;
  // Zapier counts line items, not orders, against what it takes from one poll.
  await settle(
    orders.flatMap((order, i) => outputs[i].map(() => spec.timeOf(order))),
    answer.length,
  );
  return answer;
};
