/**
 * What the invoice needs from an Ecwid order, read once into integer minor units: the items with their taxes and
 * discount shares, the shipping taxes, the surcharges, shipping and handling. How Ecwid's money fields add up is
 * in Ecwid's order documentation ("Order money"); where a field can be read two ways, readings.ts decides.
 */
import { Money, PERCENT } from './money.js';
import type { EcwidOrder, EcwidOrderItem, EcwidSurcharge, EcwidTax } from '../ecwid/types.js';

export interface TaxRateRef {
  name: string;
  rate: number;
}

export interface TaxPart extends TaxRateRef {
  amount: number;
}

export interface ParsedItem {
  description: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  /** Ecwid's taxes on the discounted line (per tax), or undefined when the item lists no taxes[]. */
  taxes?: Array<TaxRateRef & { onDiscounted: number }>;
  /** The item's `tax` when it lists no taxes[]: rate unknown. */
  unlistedTax: number;
  couponApplied?: boolean;
  couponAmount: number;
  promotionAmounts: Map<string, number>;
}

export interface ShippingTax extends TaxRateRef {
  total: number;
}

export interface SurchargeInfo {
  description: string;
  total: number;
  taxes: TaxPart[];
}

export interface OrderFacts {
  money: Money;
  order: EcwidOrder;
  inclusive: boolean;
  /** The order carries tax at all (else every line is untaxed: NoTax). */
  taxed: boolean;
  items: ParsedItem[];
  shippingTaxes: ShippingTax[];
  surcharges: SurchargeInfo[];
  shippingRate: number;
  discountedShippingRate?: number;
  handling: number;
}

export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The name of a tax Ecwid left unnamed. */
const UNNAMED_TAX = 'Tax';

/** Decimals kept of a rate worked out from two amounts (a surcharge's net and gross). */
const DERIVED_RATE_DECIMALS = 2;

/** "Mug (Color: White, Size: 11oz)". */
const productDescription = (item: EcwidOrderItem): string => {
  const name = text(item.name) || (item.sku ? `SKU ${item.sku}` : 'Product');
  const options = (item.selectedOptions ?? [])
    .map((o) => ({ name: text(o.name), value: text(o.value) }))
    .filter((o) => o.value !== '')
    .map((o) => (o.name ? `${o.name}: ${o.value}` : o.value));
  return options.length > 0 ? `${name} (${options.join(', ')})` : name;
};

const finiteOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

function parseItem(money: Money, item: EcwidOrderItem): ParsedItem {
  const quantity = finiteOr(item.quantity, 1);
  const unitPrice = finiteOr(item.price, 0);
  const listed = Array.isArray(item.taxes) ? item.taxes : undefined;
  const taxes = listed?.map((t: EcwidTax) => ({
    name: text(t.name) || UNNAMED_TAX,
    rate: typeof t.value === 'number' ? t.value : 0,
    // Tax on the discounted line only: `total` also holds the item's share of shipping tax.
    onDiscounted:
      t.taxOnDiscountedSubtotal !== undefined
        ? money.units(t.taxOnDiscountedSubtotal)
        : money.units(t.total) - money.units(t.taxOnShipping),
  }));
  const promotionAmounts = new Map<string, number>();
  for (const d of item.discounts ?? []) {
    const base = text(d.discountInfo?.base) || 'OTHER';
    promotionAmounts.set(base, (promotionAmounts.get(base) ?? 0) + money.units(d.total));
  }
  return {
    description: productDescription(item),
    sku: text(item.sku),
    quantity,
    unitPrice,
    amount: money.units(unitPrice * quantity),
    taxes,
    unlistedTax: taxes ? 0 : money.units(item.tax),
    couponApplied: item.couponApplied,
    couponAmount: money.units(item.couponAmount),
    promotionAmounts,
  };
}

/** A custom discount is documented both as a number and as an object: read either. */
export const customDiscountAmount = (money: Money, entry: unknown): number => {
  if (typeof entry === 'number') return money.units(entry);
  const { total, value, type } = (entry ?? {}) as { total?: number; value?: number; type?: string };
  return money.units(total ?? (type === 'PERCENT' ? 0 : value));
};

/** Shipping tax lives in `taxesOnShipping[]` or in the items' `taxOnShipping`: the same money, never both. */
function shippingTaxes(money: Money, order: EcwidOrder): ShippingTax[] {
  const listed = (order.taxesOnShipping ?? []).filter((t) => money.units(t.total) !== 0);
  if (listed.length > 0) {
    return listed.map((t) => ({ name: text(t.name) || UNNAMED_TAX, rate: t.value ?? 0, total: money.units(t.total) }));
  }
  const byName = new Map<string, ShippingTax>();
  for (const item of order.items ?? []) {
    for (const t of item.taxes ?? []) {
      const amount = money.units(t.taxOnShipping);
      if (amount === 0) continue;
      const name = text(t.name) || UNNAMED_TAX;
      const entry = byName.get(name) ?? { name, rate: t.value ?? 0, total: 0 };
      entry.total += amount;
      byName.set(name, entry);
    }
  }
  return [...byName.values()];
}

/** A surcharge's taxes: listed per tax, or (older records) only as the difference between its total and net. */
function surchargeTaxes(money: Money, surcharge: EcwidSurcharge, total: number): TaxPart[] {
  const listed = (surcharge as { taxes?: EcwidTax[] }).taxes;
  if (Array.isArray(listed) && listed.length > 0) {
    return listed
      .map((t) => ({ name: text(t.name) || UNNAMED_TAX, rate: t.value ?? 0, amount: money.units(t.total) }))
      .filter((t) => t.amount !== 0);
  }
  if (
    surcharge.taxable &&
    surcharge.totalWithoutTax !== undefined &&
    money.units(surcharge.totalWithoutTax) !== total
  ) {
    const net = money.units(surcharge.totalWithoutTax);
    const tax = total - net;
    const rate = net !== 0 ? Number(((PERCENT * tax) / net).toFixed(DERIVED_RATE_DECIMALS)) : 0;
    return [{ name: UNNAMED_TAX, rate, amount: tax }];
  }
  return [];
}

function surcharges(money: Money, order: EcwidOrder): SurchargeInfo[] {
  return (order.customSurcharges ?? []).map((s) => {
    const total = money.units(s.total ?? s.value);
    return {
      description: text(s.description) || text(s.id) || 'Surcharge',
      total,
      taxes: surchargeTaxes(money, s, total),
    };
  });
}

/** The order read into minor units. An order with `tax: 0` has no tax at all, whatever rates its items list. */
export function orderFacts(order: EcwidOrder, money: Money): OrderFacts {
  const items = (order.items ?? []).map((item) => parseItem(money, item));
  const facts: OrderFacts = {
    money,
    order,
    inclusive: order.pricesIncludeTax === true,
    taxed: false,
    items,
    shippingTaxes: shippingTaxes(money, order),
    surcharges: surcharges(money, order),
    shippingRate: money.units(order.shippingOption?.shippingRate),
    discountedShippingRate:
      order.shippingOption?.discountedShippingRate !== undefined
        ? money.units(order.shippingOption.discountedShippingRate)
        : undefined,
    handling: money.units(order.handlingFee?.value),
  };
  // Tax-exempt buyers and reverse charge: Ecwid says `tax: 0` while the items still list their rates.
  const itemisedTax =
    items.some((i) => i.unlistedTax !== 0 || (i.taxes ?? []).some((t) => t.onDiscounted !== 0)) ||
    facts.shippingTaxes.length > 0 ||
    facts.surcharges.some((s) => s.taxes.length > 0);
  facts.taxed = order.tax !== undefined ? money.units(order.tax) !== 0 : itemisedTax;
  return facts;
}
