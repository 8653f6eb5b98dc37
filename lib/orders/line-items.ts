import { numberOf as num, outputField as field, textOf as str, type OutputType } from '../output/values.js';
import type { EcwidOrderItem } from '../ecwid/types.js';

/**
 * One item of an order or cart as a flat record (every key on every item, so Zapier's per-field lists stay
 * aligned), and its output fields: the one set of labels shared by New Order (`lineItems[]…`), New Abandoned Cart
 * and New Order Line Item (one record per item).
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
    taxNames: applied
      .map((tax) => str(tax.name))
      .filter(Boolean)
      .join(', '),
    couponAmount: num(item.couponAmount),
    discountAmount: cents((item.discounts ?? []).reduce((sum, discount) => sum + num(discount.total), 0)),
    digital: Boolean(item.digital),
    imageUrl: str(item.imageUrl),
  };
};

/** Every line-item field with its label and type, in the order Zapier lists them. */
const LINE_ITEM_FIELDS: ReadonlyArray<[key: keyof LineItem, label: string, type: OutputType]> = [
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

/**
 * The line-item output fields. Under a list key (`lineItems`) they are `lineItems[]sku` … labelled "Line Item SKU" …;
 * without one (a record per item) they are the record's own keys and labels. `only` keeps the keys that record fills.
 */
export const lineItemOutputFields = ({
  listKey,
  only,
}: { listKey?: string; only?: ReadonlyArray<keyof LineItem> } = {}) =>
  LINE_ITEM_FIELDS.filter(([key]) => !only || only.includes(key)).map(([key, label, type]) =>
    listKey ? field(`${listKey}[]${key}`, `Line Item ${label}`, type) : field(key, label, type),
  );
