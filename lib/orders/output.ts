import { buyerOf, flatPerson, type FlatPerson } from '../output/people.js';
import { withIsoDates } from '../ecwid/dates.js';
import { INVOICE_OUTPUT_FIELDS, SAMPLE_CURRENCY } from '../invoice/fields.js';
import { toInvoice } from '../invoice/invoice.js';
import type { XeroCodes } from '../invoice/xero-codes.js';
import { SAMPLE_ORDER } from './sample-ecwid-order.js';
import { keyCompleter } from '../output/sample-keys.js';
import { PAYMENT_OUTPUT_FIELDS, paymentFieldsOf } from './payments.js';
import { numberOf as num, outputField as field, textOf as str, type OutputType } from '../output/values.js';
import type { EcwidOrder, EcwidOrderItem } from '../ecwid/types.js';

/**
 * One order as every order trigger and search returns it: Ecwid's record with ISO-8601 dates, plus flat
 * `lineItems` (one object per item, every key on every object, so Zapier's per-field lists stay aligned).
 */

export interface LineItem {
  productId: number | '';
  sku: string;
  name: string;
  /** "Size: L; Color: Red" */
  options: string;
  quantity: number;
  /** unit price with options, before discounts (gross or net as the order's pricesIncludeTax says) */
  price: number;
  priceWithoutTax: number;
  /** price × quantity */
  lineTotal: number;
  tax: number;
  /** sum of the rates (%) of the taxes applied to the item */
  taxRate: number;
  taxNames: string;
  couponAmount: number;
  discountAmount: number;
  digital: boolean;
  imageUrl: string;
}

const cents = (value: number): number => Math.round(value * 100) / 100;

export const optionsText = (item: EcwidOrderItem): string =>
  (item.selectedOptions ?? [])
    .filter((option) => option && (option.name || option.value))
    .map((option) => `${str(option.name)}: ${str(option.value)}`)
    .join('; ');

export const toLineItem = (item: EcwidOrderItem): LineItem => {
  const applied = (item.taxes ?? []).filter((tax) => num(tax.total) !== 0 || num(tax.value) !== 0);
  return {
    productId: typeof item.productId === 'number' ? item.productId : '',
    sku: str(item.sku),
    name: str(item.name),
    options: optionsText(item),
    quantity: num(item.quantity),
    price: num(item.price),
    priceWithoutTax: num(item.priceWithoutTax ?? item.price),
    lineTotal: cents(num(item.price) * num(item.quantity)),
    tax: num(item.tax),
    taxRate: cents(applied.reduce((sum, tax) => sum + num(tax.value), 0)),
    taxNames: applied.map((tax) => str(tax.name)).filter(Boolean).join(', '),
    couponAmount: num(item.couponAmount),
    discountAmount: cents((item.discounts ?? []).reduce((sum, discount) => sum + num(discount.total), 0)),
    digital: Boolean(item.digital),
    imageUrl: str(item.imageUrl),
  };
};

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

/** The line-item fields as Zapier shows them under a list key (`lineItems[]sku` …), in one order for every resource. */
const LINE_ITEM_FIELDS: Array<[keyof LineItem, string, OutputType]> = [
  ['productId', 'Product ID', 'integer'],
  ['sku', 'SKU', 'string'],
  ['name', 'Name', 'string'],
  ['options', 'Options', 'string'],
  ['quantity', 'Quantity', 'number'],
  ['price', 'Unit Price', 'number'],
  ['priceWithoutTax', 'Unit Price Without Tax', 'number'],
  ['lineTotal', 'Total', 'number'],
  ['tax', 'Tax', 'number'],
  ['taxRate', 'Tax Rate (%)', 'number'],
  ['taxNames', 'Tax Names', 'string'],
  ['couponAmount', 'Coupon Discount', 'number'],
  ['discountAmount', 'Promotion Discount', 'number'],
  ['digital', 'Is Digital', 'boolean'],
  ['imageUrl', 'Image URL', 'string'],
];

/** Output fields for `lineItems` of an order or cart; `only` keeps the keys that record fills. */
export const lineItemOutputFields = (only?: ReadonlyArray<keyof LineItem>) =>
  LINE_ITEM_FIELDS.filter(([key]) => !only || only.includes(key)).map(([key, label, type]) =>
    field(`lineItems[]${key}`, `Line Item ${label}`, type),
  );

/** Labels for what an order trigger returns; the primary key `id` is Ecwid's order id. */
export const ORDER_OUTPUT_FIELDS = [
  field('id', 'Order ID'),
  field('internalId', 'Internal Order ID', 'integer'),
  field('createDate', 'Created At', 'datetime'),
  field('updateDate', 'Updated At', 'datetime'),
  field('paymentStatus', 'Payment Status'),
  field('fulfillmentStatus', 'Fulfillment Status'),
  field('paymentMethod', 'Payment Method'),
  field('email', 'Customer Email (as Entered at Checkout)'),
  field('customerId', 'Customer ID', 'integer'),
  field('subtotal', 'Subtotal', 'number'),
  field('couponDiscount', 'Coupon Discount', 'number'),
  field('discount', 'Promotion Discount', 'number'),
  field('tax', 'Tax', 'number'),
  field('total', 'Total', 'number'),
  field('totalWithoutTax', 'Total Without Tax', 'number'),
  field('giftCardRedemption', 'Gift Card Redemption', 'number'),
  field('pricesIncludeTax', 'Prices Include Tax', 'boolean'),
  field('shippingOption__shippingMethodName', 'Shipping Method'),
  field('shippingOption__shippingRate', 'Shipping Rate', 'number'),
  field('handlingFee__value', 'Handling Fee', 'number'),
  field('discountCoupon__code', 'Coupon Code'),
  field('trackingNumber', 'Tracking Number'),
  ...lineItemOutputFields(),
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
export const ORDER_SAMPLE = orderOutput(SAMPLE_ORDER, SAMPLE_CURRENCY);

const withOrderSampleKeys = keyCompleter(ORDER_SAMPLE);

/**
 * The order as every trigger and search returns it, with every key of the sample (empty when Ecwid left it out).
 * `currency` is the store's (from its profile), used by the invoice fields; Ecwid's order record has none.
 * `codes`: the Xero tax rates and accounts of the order trigger's inputs (defaults without).
 */
export const toOrderOutput = (order: EcwidOrder, currency = '', codes?: XeroCodes) =>
  withOrderSampleKeys(orderOutput(order, currency, codes));
