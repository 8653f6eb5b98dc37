import { buyerOf, flatPerson, type FlatPerson } from '../output/people.js';
import { withIsoDates } from '../ecwid/dates.js';
import { INVOICE_OUTPUT_FIELDS, SAMPLE_CURRENCY } from '../invoice/fields.js';
import { toInvoice } from '../invoice/invoice.js';
import type { XeroCodes } from '../invoice/xero-codes.js';
import { ECWID_SAMPLE_ORDER } from './sample-ecwid-order.js';
import { lineItemOutputFields, toLineItem } from './line-items.js';
import { keyCompleter } from '../output/sample-keys.js';
import { PAYMENT_OUTPUT_FIELDS, paymentFieldsOf } from './payments.js';
import { outputField as field } from '../output/values.js';
import type { EcwidOrder } from '../ecwid/types.js';

/**
 * One order as every order trigger and search returns it: Ecwid's record with ISO-8601 dates, plus flat
 * `lineItems` (lib/orders/line-items.ts), the buyer, both addresses and the invoice fields.
 */

type AddressPrefix = 'billing' | 'shipping';

/** The flat address keys of an order output (`<prefix>AddressLine1`…): the person's field each shows, and its label. */
const ADDRESS_PARTS: Array<[suffix: string, field: keyof FlatPerson, label: string]> = [
  ['Name', 'name', 'Name'],
  ['Company', 'company', 'Company'],
  ['Phone', 'phone', 'Phone'],
  ['AddressLine1', 'addressLine1', 'Address Line 1'],
  ['AddressLine2', 'addressLine2', 'Address Line 2'],
  ['City', 'city', 'City'],
  ['Region', 'region', 'State or Region'],
  ['PostalCode', 'postalCode', 'Postal Code'],
  ['CountryCode', 'countryCode', 'Country Code'],
  ['CountryName', 'countryName', 'Country'],
];

/** The keys spelled out once per prefix, not once per order. */
const ADDRESS_KEYS: Record<AddressPrefix, Array<[key: string, field: keyof FlatPerson]>> = {
  billing: ADDRESS_PARTS.map(([suffix, field]) => [`billing${suffix}`, field]),
  shipping: ADDRESS_PARTS.map(([suffix, field]) => [`shipping${suffix}`, field]),
};

/** An address as flat `<prefix>AddressLine1`, `<prefix>City`… keys, all present even when Ecwid sent no person. */
const addressFields = (prefix: AddressPrefix, person: FlatPerson): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const [key, field] of ADDRESS_KEYS[prefix]) fields[key] = person[field];
  return fields;
};

const orderOutput = (order: EcwidOrder, currency: string, codes?: XeroCodes) => {
  const billing = flatPerson(order.billingPerson);
  const shipping = flatPerson(order.shippingPerson);
  const buyer = buyerOf(order, billing, shipping);
  return {
    ...withIsoDates(order),
    id: String(order.id),
    lineItems: (order.items ?? []).map(toLineItem),
    customerName: buyer.name,
    customerEmail: buyer.email,
    customerFirstName: buyer.firstName,
    customerLastName: buyer.lastName,
    customerCompany: buyer.company,
    customerPhone: buyer.phone,
    ...addressFields('billing', billing),
    ...addressFields('shipping', shipping),
    ...paymentFieldsOf(order),
    ...toInvoice(order, currency, { buyer, codes }),
  };
};

export type OrderOutput = ReturnType<typeof toOrderOutput>;

/** What an order or cart came to: the same keys and labels on both. */
export const TOTALS_OUTPUT_FIELDS = [
  field('subtotal', 'Subtotal', 'number'),
  field('couponDiscount', 'Coupon Discount', 'number'),
  field('discount', 'Promotion Discount', 'number'),
  field('tax', 'Tax', 'number'),
  field('total', 'Total', 'number'),
];

/** Which order it is and where it stands: the head of an order's fields, and carried by each of its line items. */
export const ORDER_HEAD_OUTPUT_FIELDS = [
  field('id', 'Order ID'),
  field('internalId', 'Internal Order ID', 'integer'),
  field('createDate', 'Created At', 'datetime'),
  field('updateDate', 'Updated At', 'datetime'),
  field('paymentStatus', 'Payment Status'),
  field('fulfillmentStatus', 'Fulfillment Status'),
  field('paymentMethod', 'Payment Method'),
];

/** Labels for what an order trigger returns; the primary key `id` is Ecwid's order id. */
export const ORDER_OUTPUT_FIELDS = [
  ...ORDER_HEAD_OUTPUT_FIELDS,
  field('email', 'Customer Email (as Entered at Checkout)'),
  field('customerId', 'Customer ID', 'integer'),
  ...TOTALS_OUTPUT_FIELDS,
  field('totalWithoutTax', 'Total Without Tax', 'number'),
  field('giftCardRedemption', 'Gift Card Redemption', 'number'),
  field('pricesIncludeTax', 'Prices Include Tax', 'boolean'),
  field('shippingOption__shippingMethodName', 'Shipping Method'),
  field('shippingOption__shippingRate', 'Shipping Rate', 'number'),
  field('handlingFee__value', 'Handling Fee', 'number'),
  field('discountCoupon__code', 'Coupon Code'),
  field('trackingNumber', 'Tracking Number'),
  ...lineItemOutputFields({ listKey: 'lineItems' }),
  field('customerName', 'Customer Name'),
  field('customerEmail', 'Customer Email'),
  field('customerFirstName', 'Customer First Name'),
  field('customerLastName', 'Customer Last Name'),
  field('customerCompany', 'Customer Company'),
  field('customerPhone', 'Customer Phone'),
  ...(['Billing', 'Shipping'] as const).flatMap((title) =>
    ADDRESS_PARTS.map(([suffix, , label]) => field(`${title.toLowerCase()}${suffix}`, `${title} ${label}`)),
  ),
  ...PAYMENT_OUTPUT_FIELDS,
  ...INVOICE_OUTPUT_FIELDS,
];

/** The static sample of every order trigger and search: the sample order through the live output code. */
export const ORDER_OUTPUT_SAMPLE = orderOutput(ECWID_SAMPLE_ORDER, SAMPLE_CURRENCY);

/** The output fields and static sample of every order step (triggers, Update Order, Find Order): they travel together into `operation`. */
export const ORDER_OUTPUT = { sample: ORDER_OUTPUT_SAMPLE, outputFields: ORDER_OUTPUT_FIELDS };

const withOrderSampleKeys = keyCompleter(ORDER_OUTPUT_SAMPLE);

/**
 * The order as every trigger and search returns it, with every key of the sample (empty when Ecwid left it out).
 * `currency` is the store's (from its profile), used by the invoice fields; Ecwid's order record has none.
 * `codes`: the Xero tax rates and accounts of the order trigger's inputs (defaults without).
 */
export const toOrderOutput = (order: EcwidOrder, currency = '', codes?: XeroCodes) =>
  withOrderSampleKeys(orderOutput(order, currency, codes));
