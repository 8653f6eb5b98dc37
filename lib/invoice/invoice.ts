/**
 * Accounting-ready invoice lines for an Ecwid order (what Xero's "Create Sales Invoice" takes): one line per
 * product, shipping, handling fee, surcharge and discount, every line with the same keys, and the rule
 *
 *     Σ lineAmount (+ Σ taxAmount when Exclusive) = what the order was charged before gift cards, to the cent.
 *
 * How Ecwid's money fields add up is in docs/ecwid-api-notes.md ("Order money"). Everything here is integer minor
 * units (cents), so no float drift can move a total. The design, in order:
 *
 * 1. Product lines carry the full line (price × quantity) and its tax; each discount (coupon, volume, membership,
 *    both, custom, unexplained rest) is its own negative line carrying the tax it takes off. A discount that covers
 *    products of different tax rates is split into one line per rate, because a Xero line has one tax rate.
 * 2. Discount lines get rate × amount (per tax group the total is rounded once and shared out, so each line is within
 *    a cent); each product line gets Ecwid's own tax on its discounted line plus a share of what the discount lines
 *    took off, chosen to bring it closest to rate × its full amount. So Σ line taxes is exactly Ecwid's item taxes
 *    and every line stays within about a cent of rate × amount (measured: ≤ 1.12 cents over thousands of orders).
 * 3. Where Ecwid's fields are ambiguous, every reading is built and the one whose lines add up to Ecwid's total is
 *    taken (documented reading first): does `discount` include the coupon, is `customDiscount[]` inside `discount`,
 *    is a shipping coupon shown as `discountedShippingRate`, is shipping net in a tax-inclusive store, are
 *    surcharges net or gross. Shipping tax is read from `taxesOnShipping[]` when it has entries, else from the items'
 *    `taxOnShipping` — the same money, never both.
 * 4. What still differs from Ecwid's total: one minor unit (rounding) goes onto the largest tax, or the largest
 *    single-quantity line (see `absorbRounding`); more becomes an explicit "adjustment" line, so an invoice never
 *    silently fails to add up.
 */
import type { PlainOutputField } from 'zapier-platform-core';
import { buyerOf, type Buyer } from '../output/people.js';
import { SAMPLE_ORDER } from '../orders/sample-ecwid-order.js';
import type { EcwidOrder, EcwidOrderItem, EcwidTax } from '../ecwid/types.js';

export type InvoiceLineKind = 'product' | 'shipping' | 'handling' | 'surcharge' | 'discount' | 'adjustment';
export type LineAmountTypes = 'Inclusive' | 'Exclusive' | 'NoTax';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  /** The SKU for products; "" otherwise. */
  itemCode: string;
  quantity: number;
  unitAmount: number;
  taxAmount: number;
  /** Percent; the sum of the rates when several taxes apply to the line. */
  taxRate: number;
  /** Tax names joined with " + " ("State tax + City tax"); "" when untaxed. */
  taxName: string;
  /** quantity × unitAmount, rounded to the currency's precision; tax-inclusive when lineAmountTypes is Inclusive. */
  lineAmount: number;
}

export interface Invoice {
  invoiceLines: InvoiceLine[];
  lineAmountTypes: LineAmountTypes;
  /** What the order was charged before gift cards: Σ lineAmount (+ Σ taxAmount when Exclusive). */
  invoiceTotal: number;
  invoiceTaxTotal: number;
  /** A gift card pays for the order: record it as a payment against the invoice, not as a discount line. */
  giftCardRedemption: number;
  currency: string;
  invoiceReference: string;
  contactName: string;
  contactEmail: string;
  contactFirstName: string;
  contactLastName: string;
  contactCompany: string;
  contactPhone: string;
  contactAddressLine1: string;
  contactAddressLine2: string;
  contactCity: string;
  contactRegion: string;
  contactPostalCode: string;
  contactCountry: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Integer money

/** Digits after the decimal point for ISO-4217 currencies that do not use two. */
const CURRENCY_DIGITS: Record<string, number> = {
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0,
  XOF: 0, XPF: 0,
};

export const currencyDigits = (currency: string): number => CURRENCY_DIGITS[currency.toUpperCase()] ?? 2;

/** Rounds half away from zero: n / d for integers, d > 0. */
const divRound = (n: number, d: number): number => {
  const q = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 ? -q : q;
};

/** Rates are percents with up to 4 decimals (6.25, 8.875, 7.7): kept as integers in 1/10000 of a percent. */
const RATE_SCALE = 10_000;
const rateUnits = (rate: number): number => Math.round(rate * RATE_SCALE);

const taxDenominator = (allRates: number, inclusive: boolean): number =>
  inclusive ? 100 * RATE_SCALE + rateUnits(allRates) : 100 * RATE_SCALE;

class Money {
  readonly scale: number;
  constructor(readonly digits: number) {
    this.scale = 10 ** digits;
  }

  /** A decimal from Ecwid as integer minor units; toPrecision strips float noise (1.005 × 100 = 100.4999…). */
  units(value: unknown): number {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    if (!Number.isFinite(n)) return 0;
    const scaled = Number((n * this.scale).toPrecision(15));
    return scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
  }

  amount(units: number): number {
    return Number((units / this.scale).toFixed(this.digits));
  }

  /**
   * The tax of one rate on an amount: added on top (net prices) or contained in it (gross prices, where `allRates`
   * is the sum of the rates on that amount).
   */
  tax(amount: number, rate: number, allRates: number, inclusive: boolean): number {
    return divRound(amount * rateUnits(rate), taxDenominator(allRates, inclusive));
  }

  /** The same, unrounded. */
  exactTax(amount: number, rate: number, allRates: number, inclusive: boolean): number {
    return (amount * rateUnits(rate)) / taxDenominator(allRates, inclusive);
  }
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Splits `total` over `weights` in proportion, largest remainders first (earlier index on ties), so the parts add up
 * to `total` exactly. Negative weights count as zero; all-zero weights split evenly.
 */
export const allocate = (total: number, weights: readonly number[]): number[] => {
  if (weights.length === 0) return [];
  if (total < 0) return allocate(-total, weights).map((part) => -part);
  const clean = weights.map((w) => (w > 0 ? w : 0));
  const effective = sum(clean) > 0 ? clean : clean.map(() => 1);
  const weightSum = sum(effective);
  const parts = effective.map((w) => Math.floor((total * w) / weightSum));
  const order = effective
    .map((w, i) => ({ i, fraction: (total * w) / weightSum - parts[i] }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  let remainder = total - sum(parts);
  for (const { i } of order) {
    if (remainder <= 0) break;
    parts[i] += 1;
    remainder -= 1;
  }
  return parts;
};

/**
 * Integers adding up to `total`, each as close as it can be to its (real) target: rounded targets, then the
 * difference handed out one unit at a time to the parts furthest below (or above) their target, earlier first.
 */
export const apportion = (total: number, targets: readonly number[]): number[] => {
  const parts = targets.map((t) => (t < 0 ? -Math.round(-t) : Math.round(t)));
  let difference = total - sum(parts);
  while (difference !== 0 && parts.length > 0) {
    const step = difference > 0 ? 1 : -1;
    let pick = 0;
    for (let i = 1; i < parts.length; i++) {
      if (step * (targets[i] - parts[i]) > step * (targets[pick] - parts[pick])) pick = i;
    }
    parts[pick] += step;
    difference -= step;
  }
  return parts;
};

// ---------------------------------------------------------------------------------------------------------------
// Reading the order

interface TaxPart {
  name: string;
  rate: number;
  amount: number;
}

interface DraftLine {
  kind: InvoiceLineKind;
  description: string;
  itemCode: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  taxes: TaxPart[];
}

interface TaxRateRef {
  name: string;
  rate: number;
}

interface ParsedItem {
  description: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  /** Ecwid's taxes on the discounted line (per tax), or undefined when the item lists no taxes[]. */
  taxes?: Array<TaxRateRef & { onDiscounted: number }>;
  /** The item's `tax` when it lists no taxes[]: rate unknown. */
  unlistedTax: number;
  /** Same key ⇔ same tax rates: discounts are split per key. */
  group: string;
  couponApplied?: boolean;
  couponAmount: number;
  promotionAmounts: Map<string, number>;
}

/** Ecwid's promotion bases, each with the order field that totals it. */
const PROMOTIONS = [
  { base: 'ON_TOTAL', field: 'volumeDiscount', label: 'Volume discount' },
  { base: 'ON_MEMBERSHIP', field: 'membershipBasedDiscount', label: 'Membership discount' },
  { base: 'ON_TOTAL_AND_MEMBERSHIP', field: 'totalAndMembershipBasedDiscount', label: 'Volume and membership discount' },
] as const;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

const formatRate = (rate: number): string => `${Number(rate.toFixed(4))}%`;

const taxLabel = (taxes: readonly TaxRateRef[]): string =>
  taxes.length === 0 ? 'no tax' : taxes.map((t) => `${t.name} ${formatRate(t.rate)}`).join(' + ');

/** "Mug (Color: White, Size: 11oz)". */
const productDescription = (item: EcwidOrderItem): string => {
  const name = text(item.name) || (item.sku ? `SKU ${item.sku}` : 'Product');
  const options = (item.selectedOptions ?? [])
    .map((o) => ({ name: text(o.name), value: text(o.value) }))
    .filter((o) => o.value !== '')
    .map((o) => (o.name ? `${o.name}: ${o.value}` : o.value));
  return options.length > 0 ? `${name} (${options.join(', ')})` : name;
};

function parseItem(money: Money, item: EcwidOrderItem, index: number): ParsedItem {
  const quantity = typeof item.quantity === 'number' && Number.isFinite(item.quantity) ? item.quantity : 1;
  const unitPrice = typeof item.price === 'number' && Number.isFinite(item.price) ? item.price : 0;
  const listed = Array.isArray(item.taxes) ? item.taxes : undefined;
  const taxes = listed?.map((t: EcwidTax) => ({
    name: text(t.name) || 'Tax',
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
    group: taxes
      ? taxes
          .map((t) => `${t.name}@${rateUnits(t.rate)}`)
          .sort()
          .join('|')
      : `unlisted#${index}`,
    couponApplied: item.couponApplied,
    couponAmount: money.units(item.couponAmount),
    promotionAmounts,
  };
}

interface Discount {
  description: string;
  amount: number;
  /** How the amount spreads over the items (their share decides each tax-rate split). */
  weights: number[];
}

/** A custom discount is documented both as a number and as an object: read either. */
const customDiscountAmount = (money: Money, entry: unknown): number => {
  if (typeof entry === 'number') return money.units(entry);
  const { total, value, type } = (entry ?? {}) as { total?: number; value?: number; type?: string };
  return money.units(total ?? (type === 'PERCENT' ? 0 : value));
};

interface ShippingTax extends TaxRateRef {
  total: number;
}

/** Shipping tax lives in `taxesOnShipping[]` or in the items' `taxOnShipping`: the same money, never both. */
function shippingTaxes(money: Money, order: EcwidOrder): ShippingTax[] {
  const listed = (order.taxesOnShipping ?? []).filter((t) => money.units(t.total) !== 0);
  if (listed.length > 0) {
    return listed.map((t) => ({ name: text(t.name) || 'Tax', rate: t.value ?? 0, total: money.units(t.total) }));
  }
  const byName = new Map<string, ShippingTax>();
  for (const item of order.items ?? []) {
    for (const t of item.taxes ?? []) {
      const amount = money.units(t.taxOnShipping);
      if (amount === 0) continue;
      const name = text(t.name) || 'Tax';
      const entry = byName.get(name) ?? { name, rate: t.value ?? 0, total: 0 };
      entry.total += amount;
      byName.set(name, entry);
    }
  }
  return [...byName.values()];
}

interface SurchargeInfo {
  description: string;
  total: number;
  taxes: TaxPart[];
}

function surcharges(money: Money, order: EcwidOrder): SurchargeInfo[] {
  return (order.customSurcharges ?? []).map((s) => {
    const total = money.units(s.total ?? s.value);
    const listed = (s as { taxes?: EcwidTax[] }).taxes;
    let taxes: TaxPart[] = [];
    if (Array.isArray(listed) && listed.length > 0) {
      taxes = listed
        .map((t) => ({ name: text(t.name) || 'Tax', rate: t.value ?? 0, amount: money.units(t.total) }))
        .filter((t) => t.amount !== 0);
    } else if (s.taxable && s.totalWithoutTax !== undefined && money.units(s.totalWithoutTax) !== total) {
      const net = money.units(s.totalWithoutTax);
      const tax = total - net;
      taxes = [{ name: 'Tax', rate: net !== 0 ? Number(((100 * tax) / net).toFixed(2)) : 0, amount: tax }];
    }
    return { description: text(s.description) || text(s.id) || 'Surcharge', total, taxes };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Readings of the ambiguous fields

export interface Reading {
  /** `discount` includes `couponDiscount` (one Ecwid description says so; every example says not). */
  couponInDiscount: boolean;
  /** `customDiscount[]` is on top of `discount` rather than inside it. */
  customOutsideDiscount: boolean;
  /** A shipping coupon shows as `discountedShippingRate` below `shippingRate`: a separate discount line. */
  shippingDiscountLine: boolean;
  /** A tax-inclusive store charged shipping and handling net, with their tax added. */
  netShippingInGrossStore: boolean;
  /** Surcharge totals are net, their tax added on top. */
  netSurcharges: boolean;
}

const READING_FLAGS = [
  'couponInDiscount',
  'customOutsideDiscount',
  'shippingDiscountLine',
  'netShippingInGrossStore',
  'netSurcharges',
] as const satisfies ReadonlyArray<keyof Reading>;

interface OrderFacts {
  money: Money;
  order: EcwidOrder;
  inclusive: boolean;
  taxed: boolean;
  items: ParsedItem[];
  shippingTaxes: ShippingTax[];
  surcharges: SurchargeInfo[];
  shippingRate: number;
  discountedShippingRate?: number;
  handling: number;
}

/** Which flags can change anything for this order: the others stay at the documented reading (false). */
function relevantFlags(facts: OrderFacts): Array<keyof Reading> {
  const { money, order } = facts;
  const relevant: Record<keyof Reading, boolean> = {
    couponInDiscount: money.units(order.couponDiscount) !== 0 && order.discount !== undefined,
    customOutsideDiscount: (order.customDiscount ?? []).some((d) => customDiscountAmount(money, d) !== 0),
    shippingDiscountLine: facts.discountedShippingRate !== undefined && facts.discountedShippingRate < facts.shippingRate,
    netShippingInGrossStore: facts.inclusive && facts.shippingTaxes.length > 0,
    netSurcharges: facts.surcharges.some((s) => s.taxes.length > 0),
  };
  return READING_FLAGS.filter((flag) => relevant[flag]);
}

/** The reading with the given flags set, the others false (none: the documented reading). */
const readingWith = (flags: ReadonlyArray<keyof Reading>): Reading => {
  const reading: Reading = {
    couponInDiscount: false,
    customOutsideDiscount: false,
    shippingDiscountLine: false,
    netShippingInGrossStore: false,
    netSurcharges: false,
  };
  for (const flag of flags) reading[flag] = true;
  return reading;
};

/**
 * Every combination of the relevant flags, the documented reading first. Lazy: almost every order adds up under
 * the documented reading, and then the others are never worked out.
 */
function* readings(facts: OrderFacts): Generator<Reading> {
  yield readingWith([]);
  const flags = relevantFlags(facts);
  for (let mask = 1; mask < 2 ** flags.length; mask++) yield readingWith(flags.filter((_, bit) => (mask & (1 << bit)) !== 0));
}

// ---------------------------------------------------------------------------------------------------------------
// Building the lines for one reading

/** The merchant's name for a promotion ("Autumn sale"), when the order names exactly one for that base. */
function promotionName(order: EcwidOrder, base: string): string {
  const infos = [...(order.discountInfo ?? []), ...(order.items ?? []).flatMap((i) => (i.discounts ?? []).map((d) => d.discountInfo ?? {}))];
  const names = new Set(infos.filter((info) => info.base === base).map((info) => text(info.description)).filter(Boolean));
  return names.size === 1 ? [...names][0] : '';
}

/** The discounts of the order under a reading; undefined when the reading leaves a negative promotion total. */
function discountsOf(facts: OrderFacts, reading: Reading): Discount[] | undefined {
  const { money, order, items } = facts;
  const lineAmounts = items.map((i) => i.amount);
  const orElse = (weights: number[]): number[] => (sum(weights) > 0 ? weights : lineAmounts);
  const discounts: Discount[] = [];

  const coupon = money.units(order.couponDiscount);
  if (coupon !== 0) {
    const flagged = items.map((i) => (i.couponApplied === true ? i.amount : 0));
    const c = order.discountCoupon;
    const label = [text(c?.name), text(c?.code) && `(${text(c?.code)})`].filter(Boolean).join(' ');
    discounts.push({
      description: label ? `Discount coupon: ${label}` : 'Discount coupon',
      amount: coupon,
      weights: orElse(items.map((i) => i.couponAmount).some((a) => a > 0) ? items.map((i) => i.couponAmount) : flagged),
    });
  }

  let named = 0;
  for (const promotion of PROMOTIONS) {
    const amount = money.units(order[promotion.field]);
    if (amount === 0) continue;
    named += amount;
    const membership = promotion.base === 'ON_MEMBERSHIP' && text(order.customerGroup) ? ` (${text(order.customerGroup)})` : '';
    const name = promotionName(order, promotion.base);
    discounts.push({
      description: `${promotion.label}${membership}${name ? `: ${name}` : ''}`,
      amount,
      weights: orElse(items.map((i) => i.promotionAmounts.get(promotion.base) ?? 0)),
    });
  }

  let custom = 0;
  const customWeights = orElse(items.map((i) => i.promotionAmounts.get('CUSTOM') ?? 0));
  for (const entry of order.customDiscount ?? []) {
    const amount = customDiscountAmount(money, entry);
    if (amount === 0) continue;
    custom += amount;
    const description = typeof entry === 'object' && entry ? text((entry as { description?: string }).description) : '';
    discounts.push({ description: description || 'Custom discount', amount, weights: customWeights });
  }

  // `discount` is the promotions' total; what its named parts do not explain still reaches the invoice.
  if (order.discount !== undefined) {
    const promotions = money.units(order.discount) - (reading.couponInDiscount ? coupon : 0);
    const rest = promotions - named - (reading.customOutsideDiscount ? 0 : custom);
    if (rest < 0) return undefined;
    if (rest > 0) {
      const known = new Set(['ON_TOTAL', 'ON_MEMBERSHIP', 'ON_TOTAL_AND_MEMBERSHIP', 'CUSTOM']);
      const other = items.map((i) => sum([...i.promotionAmounts].filter(([base]) => !known.has(base)).map(([, a]) => a)));
      discounts.push({ description: 'Discount', amount: rest, weights: orElse(other) });
    }
  } else if (reading.couponInDiscount || reading.customOutsideDiscount) {
    return undefined;
  }
  return discounts;
}

const ratesOf = (taxes: readonly TaxRateRef[]): number => sum(taxes.map((t) => t.rate));

/** Product and discount lines: discounts split per tax group, taxes as the module comment says (point 2). */
function productAndDiscountLines(facts: OrderFacts, discounts: Discount[]): DraftLine[] {
  const { money, items, inclusive } = facts;
  const groups = [...new Set(items.map((i) => i.group))];
  const groupTaxes = new Map(groups.map((g) => [g, items.find((i) => i.group === g)?.taxes ?? []]));

  // share[k][i]: the part of discount k on item i.
  const share = discounts.map((d) => (items.length > 0 ? allocate(d.amount, d.weights) : []));

  // One line per discount and tax group it touches.
  const pieces = discounts.flatMap((discount, k) => {
    const spans = items.length === 0 ? [''] : groups.filter((g) => items.some((item, i) => item.group === g && share[k][i] !== 0));
    return spans.map((group) => ({
      group,
      description: spans.length > 1 ? `${discount.description} (${taxLabel(groupTaxes.get(group) ?? [])})` : discount.description,
      amount: items.length === 0 ? discount.amount : sum(items.map((item, i) => (item.group === group ? share[k][i] : 0))),
      taxes: [] as TaxPart[],
    }));
  });
  // Per group and tax, the tax of all its discount lines is rounded once, then shared out so that each line's tax
  // is within a unit of rate × its amount (rounding each line alone could drift a unit per line).
  /** Per group, per tax name: what the discount lines of that group took off. */
  const takenOff = new Map<string, Map<string, number>>();
  for (const group of new Set(pieces.map((p) => p.group))) {
    const taxes = groupTaxes.get(group) ?? [];
    const ofGroup = pieces.filter((p) => p.group === group);
    const byName = new Map<string, number>();
    for (const t of taxes) {
      const total = money.tax(sum(ofGroup.map((p) => p.amount)), t.rate, ratesOf(taxes), inclusive);
      const parts = apportion(total, ofGroup.map((p) => money.exactTax(p.amount, t.rate, ratesOf(taxes), inclusive)));
      ofGroup.forEach((p, n) => p.taxes.push({ name: t.name, rate: t.rate, amount: parts[n] }));
      byName.set(t.name, total);
    }
    takenOff.set(group, byName);
  }
  const discountLines: DraftLine[] = pieces.map((p) => ({
    kind: 'discount',
    description: p.description,
    itemCode: '',
    quantity: 1,
    unitAmount: money.amount(-p.amount),
    amount: -p.amount,
    taxes: p.taxes.map((t) => ({ ...t, amount: -t.amount })),
  }));

  // Each product line: Ecwid's tax on its discounted line + a share of what its group's discount lines took off,
  // shares chosen so that each line's tax comes as close as it can to rate × its full amount.
  const discountOnItem = items.map((_, i) => sum(share.map((s) => s[i] ?? 0)));
  const addBack = new Map<number, Map<string, number>>();
  for (const group of groups) {
    const inGroup = items.map((item, i) => (item.group === group ? i : -1)).filter((i) => i >= 0);
    const discounted = inGroup.filter((i) => discountOnItem[i] !== 0);
    const members = discounted.length > 0 ? discounted : inGroup;
    const taxes = groupTaxes.get(group) ?? [];
    for (const [name, total] of takenOff.get(group) ?? []) {
      const tax = taxes.find((t) => t.name === name);
      if (!tax || members.length === 0) continue;
      const ideal = members.map((i) => {
        const onDiscounted = items[i].taxes?.find((t) => t.name === name)?.onDiscounted ?? 0;
        return money.exactTax(items[i].amount, tax.rate, ratesOf(taxes), inclusive) - onDiscounted;
      });
      apportion(total, ideal).forEach((part, m) => {
        const byName = addBack.get(members[m]) ?? new Map<string, number>();
        byName.set(name, part);
        addBack.set(members[m], byName);
      });
    }
  }

  const productLines: DraftLine[] = items.map((item, i) => {
    const added = addBack.get(i);
    const taxes: TaxPart[] = item.taxes
      ? item.taxes.map((t) => ({ name: t.name, rate: t.rate, amount: t.onDiscounted + (added?.get(t.name) ?? 0) }))
      : item.unlistedTax !== 0
        ? [{ name: 'Tax', rate: unlistedRate(item, discountOnItem[i], inclusive), amount: item.unlistedTax }]
        : [];
    return {
      kind: 'product',
      description: item.description,
      itemCode: item.sku,
      quantity: item.quantity,
      unitAmount: Number(item.unitPrice.toFixed(Math.max(4, money.digits))),
      amount: item.amount,
      taxes,
    };
  });
  return [...productLines, ...discountLines];
}

/** The rate of a tax Ecwid did not itemise: what the tax is of the discounted line (for display only). */
function unlistedRate(item: ParsedItem, discount: number, inclusive: boolean): number {
  const base = item.amount - discount - (inclusive ? item.unlistedTax : 0);
  return base > 0 ? Number(((100 * item.unlistedTax) / base).toFixed(2)) : 0;
}

/** Shipping and handling lines; the shipping tax (on rate + fee together) split between them. */
function shippingLines(facts: OrderFacts, reading: Reading): DraftLine[] {
  const { money, order, inclusive } = facts;
  const rates = ratesOf(facts.shippingTaxes);
  const shippingDiscount =
    reading.shippingDiscountLine && facts.discountedShippingRate !== undefined ? facts.shippingRate - facts.discountedShippingRate : 0;
  const discountTaxes = facts.shippingTaxes.map((t) => money.tax(shippingDiscount, t.rate, rates, inclusive));
  const method = text(order.shippingOption?.shippingMethodName);
  const charges = [
    { kind: 'shipping' as const, description: method ? `Shipping: ${method}` : 'Shipping', amount: facts.shippingRate },
    { kind: 'handling' as const, description: text(order.handlingFee?.name) || 'Handling fee', amount: facts.handling },
  ].filter((c, index) => c.amount !== 0 || (index === 0 && facts.handling === 0 && facts.shippingTaxes.length > 0));

  const taxesPerCharge = charges.map(() => [] as TaxPart[]);
  if (charges.length > 0) {
    const largest = charges.reduce((best, c, i) => (Math.abs(c.amount) > Math.abs(charges[best].amount) ? i : best), 0);
    facts.shippingTaxes.forEach((t, ti) => {
      const total = t.total + discountTaxes[ti];
      // Every charge but the largest gets exactly rate × amount; the largest takes the rest of Ecwid's figure.
      const parts = charges.map((c, i) => (i === largest ? 0 : money.tax(c.amount, t.rate, rates, inclusive)));
      parts[largest] = total - sum(parts);
      parts.forEach((amount, i) => taxesPerCharge[i].push({ name: t.name, rate: t.rate, amount }));
    });
  }

  const lines: DraftLine[] = charges.map((c, i) => {
    const gross = reading.netShippingInGrossStore ? c.amount + sum(taxesPerCharge[i].map((t) => t.amount)) : c.amount;
    return { kind: c.kind, description: c.description, itemCode: '', quantity: 1, unitAmount: money.amount(gross), amount: gross, taxes: taxesPerCharge[i] };
  });
  if (shippingDiscount !== 0) {
    lines.push({
      kind: 'discount',
      description: 'Shipping discount',
      itemCode: '',
      quantity: 1,
      unitAmount: money.amount(-shippingDiscount),
      amount: -shippingDiscount,
      taxes: facts.shippingTaxes.map((t, ti) => ({ name: t.name, rate: t.rate, amount: -discountTaxes[ti] })),
    });
  }
  return lines;
}

function surchargeLines(facts: OrderFacts, reading: Reading): DraftLine[] {
  const { money, inclusive } = facts;
  return facts.surcharges
    .filter((s) => s.total !== 0 || s.taxes.length > 0)
    .map((s) => {
      const tax = sum(s.taxes.map((t) => t.amount));
      // Gross totals (the default): the line shows the net part when amounts are tax-exclusive.
      const amount = reading.netSurcharges ? (inclusive ? s.total + tax : s.total) : inclusive ? s.total : s.total - tax;
      return { kind: 'surcharge' as const, description: s.description, itemCode: '', quantity: 1, unitAmount: money.amount(amount), amount, taxes: s.taxes };
    });
}

function buildLines(facts: OrderFacts, reading: Reading): DraftLine[] | undefined {
  const discounts = discountsOf(facts, reading);
  if (!discounts) return undefined;
  const lines = [...productAndDiscountLines(facts, discounts), ...shippingLines(facts, reading), ...surchargeLines(facts, reading)];
  if (!facts.taxed) for (const line of lines) line.taxes = [];
  return lines;
}

const lineTax = (line: DraftLine): number => sum(line.taxes.map((t) => t.amount));

/** Σ lineAmount (+ Σ taxAmount when Exclusive): what Xero will total. */
const invoiceSum = (lines: readonly DraftLine[], exclusive: boolean): number =>
  sum(lines.map((l) => l.amount + (exclusive ? lineTax(l) : 0)));

/**
 * A difference of one minor unit is Ecwid's rounding: it goes onto the tax of the line with the largest tax when
 * amounts are tax-exclusive (the line amounts stay quantity × unit price), else onto the largest line of quantity 1
 * (its unit amount follows). First such line on ties. Returns false when no line can take it.
 */
function absorbRounding(lines: DraftLine[], difference: number, exclusive: boolean, money: Money): boolean {
  const pickLargest = (candidates: DraftLine[], size: (l: DraftLine) => number) =>
    candidates.reduce<DraftLine | undefined>((best, l) => (!best || Math.abs(size(l)) > Math.abs(size(best)) ? l : best), undefined);
  if (exclusive) {
    const taxed = pickLargest(lines.filter((l) => l.taxes.length > 0 && lineTax(l) !== 0), lineTax);
    if (taxed) {
      const biggest = taxed.taxes.reduce((best, t) => (Math.abs(t.amount) > Math.abs(best.amount) ? t : best));
      biggest.amount += difference;
      return true;
    }
  }
  const single = pickLargest(lines.filter((l) => l.quantity === 1 && l.amount !== 0), (l) => l.amount);
  if (!single) return false;
  single.amount += difference;
  single.unitAmount = money.amount(single.amount);
  return true;
}

/** How a reading fared: exact match first, then whether its taxes are Ecwid's `tax`. */
interface Candidate {
  lines: DraftLine[];
  residual: number;
  taxMatches: boolean;
}

/** Diagnostics for tests and the demo: how far Ecwid's total was from the lines before any correction. */
export interface InvoiceDiagnostics {
  /** Ecwid's total minus what the lines add up to, in minor units, before rounding or adjustment. */
  residualUnits: number;
  adjusted: 'none' | 'rounding' | 'adjustment';
  reading: Reading;
}

/** `buyer`: the order's buyer, when the caller has already worked it out. */
export function invoiceWithDiagnostics(
  order: EcwidOrder,
  currency: string,
  buyer: Buyer = buyerOf(order),
): { invoice: Invoice; diagnostics: InvoiceDiagnostics } {
  const money = new Money(currencyDigits(currency));
  const items = (order.items ?? []).map((item, i) => parseItem(money, item, i));
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
      order.shippingOption?.discountedShippingRate !== undefined ? money.units(order.shippingOption.discountedShippingRate) : undefined,
    handling: money.units(order.handlingFee?.value),
  };
  // An order with `tax: 0` has no tax at all, whatever rates its items list (tax-exempt buyers, reverse charge).
  const itemisedTax =
    items.some((i) => i.unlistedTax !== 0 || (i.taxes ?? []).some((t) => t.onDiscounted !== 0)) ||
    facts.shippingTaxes.length > 0 ||
    facts.surcharges.some((s) => s.taxes.length > 0);
  facts.taxed = order.tax !== undefined ? money.units(order.tax) !== 0 : itemisedTax;
  const lineAmountTypes: LineAmountTypes = !facts.taxed ? 'NoTax' : facts.inclusive ? 'Inclusive' : 'Exclusive';
  const exclusive = lineAmountTypes === 'Exclusive';

  const target =
    order.totalBeforeGiftCardRedemption !== undefined
      ? money.units(order.totalBeforeGiftCardRedemption)
      : order.total !== undefined
        ? money.units(order.total) + money.units(order.giftCardRedemption)
        : undefined;
  const orderTax = order.tax !== undefined ? money.units(order.tax) : undefined;

  // Readings in order of preference; stop at the first that adds up with Ecwid's own tax.
  let exact: { reading: Reading; candidate: Candidate } | undefined;
  let first: { reading: Reading; candidate: Candidate } | undefined;
  for (const reading of readings(facts)) {
    const lines = buildLines(facts, reading);
    if (!lines) continue;
    const residual = target === undefined ? 0 : target - invoiceSum(lines, exclusive);
    const taxMatches = orderTax === undefined || sum(lines.map(lineTax)) === orderTax;
    const evaluated = { reading, candidate: { lines, residual, taxMatches } };
    first ??= evaluated;
    if (residual === 0 && taxMatches) {
      exact = evaluated;
      break;
    }
    if (residual === 0) exact ??= evaluated;
  }
  const documented = readingWith([]);
  const chosen = exact ?? first ?? { reading: documented, candidate: fallbackCandidate(facts, documented, target, exclusive) };

  const { lines, residual } = chosen.candidate;
  let adjusted: InvoiceDiagnostics['adjusted'] = 'none';
  if (residual !== 0) {
    if (Math.abs(residual) <= 1 && absorbRounding(lines, residual, exclusive, money)) {
      adjusted = 'rounding';
    } else {
      adjusted = 'adjustment';
      lines.push({
        kind: 'adjustment',
        description: `Adjustment: Ecwid's order total is ${money.amount(target ?? 0).toFixed(money.digits)}, its parts add up to ${money
          .amount((target ?? 0) - residual)
          .toFixed(money.digits)}`,
        itemCode: '',
        quantity: 1,
        unitAmount: money.amount(residual),
        amount: residual,
        taxes: [],
      });
    }
  }

  const invoiceLines = lines.map((line) => toInvoiceLine(line, money));
  const invoice: Invoice = {
    invoiceLines,
    lineAmountTypes,
    invoiceTotal: money.amount(invoiceSum(lines, exclusive)),
    invoiceTaxTotal: money.amount(sum(lines.map(lineTax))),
    giftCardRedemption: money.amount(money.units(order.giftCardRedemption)),
    currency,
    invoiceReference: String(order.id ?? ''),
    contactName: buyer.name,
    contactEmail: buyer.email,
    contactFirstName: buyer.firstName,
    contactLastName: buyer.lastName,
    contactCompany: buyer.company,
    contactPhone: buyer.phone,
    contactAddressLine1: buyer.addressLine1,
    contactAddressLine2: buyer.addressLine2,
    contactCity: buyer.city,
    contactRegion: buyer.region,
    contactPostalCode: buyer.postalCode,
    contactCountry: buyer.countryCode,
  };
  return { invoice, diagnostics: { residualUnits: residual, adjusted, reading: chosen.reading } };
}

/** No reading is consistent (e.g. promotions below their parts): lines from the parts alone, so the rest shows. */
function fallbackCandidate(facts: OrderFacts, reading: Reading, target: number | undefined, exclusive: boolean): Candidate {
  const withoutDiscountField = { ...facts, order: { ...facts.order, discount: undefined } };
  const lines = buildLines(withoutDiscountField, { ...reading, couponInDiscount: false, customOutsideDiscount: false }) ?? [];
  return { lines, residual: target === undefined ? 0 : target - invoiceSum(lines, exclusive), taxMatches: false };
}

function toInvoiceLine(line: DraftLine, money: Money): InvoiceLine {
  return {
    kind: line.kind,
    description: line.description,
    itemCode: line.itemCode,
    quantity: line.quantity,
    unitAmount: line.unitAmount,
    taxAmount: money.amount(lineTax(line)),
    taxRate: Number(ratesOf(line.taxes).toFixed(4)),
    taxName: line.taxes.map((t) => t.name).join(' + '),
    lineAmount: money.amount(line.amount),
  };
}

/** The invoice fields of an order output (all order triggers and Find Order). */
export const toInvoice = (order: EcwidOrder, currency: string, buyer?: Buyer): Invoice =>
  invoiceWithDiagnostics(order, currency, buyer).invoice;

// ---------------------------------------------------------------------------------------------------------------
// What Zapier shows

const LINE_FIELDS: Array<[keyof InvoiceLine, string, 'string' | 'number']> = [
  ['kind', 'Kind (product, shipping, handling, surcharge, discount or adjustment)', 'string'],
  ['description', 'Description', 'string'],
  ['itemCode', 'Item Code (SKU)', 'string'],
  ['quantity', 'Quantity', 'number'],
  ['unitAmount', 'Unit Amount', 'number'],
  ['taxAmount', 'Tax Amount', 'number'],
  ['taxRate', 'Tax Rate (%)', 'number'],
  ['taxName', 'Tax Name', 'string'],
  ['lineAmount', 'Line Amount', 'number'],
];

const INVOICE_FIELDS: Array<[keyof Omit<Invoice, 'invoiceLines'>, string, 'string' | 'number']> = [
  ['lineAmountTypes', 'Invoice Line Amount Types (Inclusive, Exclusive or NoTax)', 'string'],
  ['invoiceTotal', 'Invoice Total (Before Gift Cards)', 'number'],
  ['invoiceTaxTotal', 'Invoice Tax Total', 'number'],
  ['giftCardRedemption', 'Gift Card Redemption (Record as a Payment)', 'number'],
  ['currency', 'Invoice Currency', 'string'],
  ['invoiceReference', 'Invoice Reference (Order ID)', 'string'],
  ['contactName', 'Invoice Contact Name', 'string'],
  ['contactEmail', 'Invoice Contact Email', 'string'],
  ['contactFirstName', 'Invoice Contact First Name', 'string'],
  ['contactLastName', 'Invoice Contact Last Name', 'string'],
  ['contactCompany', 'Invoice Contact Company', 'string'],
  ['contactPhone', 'Invoice Contact Phone', 'string'],
  ['contactAddressLine1', 'Invoice Contact Address Line 1', 'string'],
  ['contactAddressLine2', 'Invoice Contact Address Line 2', 'string'],
  ['contactCity', 'Invoice Contact City', 'string'],
  ['contactRegion', 'Invoice Contact Region', 'string'],
  ['contactPostalCode', 'Invoice Contact Postal Code', 'string'],
  ['contactCountry', 'Invoice Contact Country Code', 'string'],
];

/** Zapier output fields of the invoice part of every order output; line items as `invoiceLines[]…`. */
export const INVOICE_OUTPUT_FIELDS: PlainOutputField[] = [
  ...LINE_FIELDS.map(([key, label, type]) => ({ key: `invoiceLines[]${key}`, label: `Invoice Line ${label}`, type })),
  ...INVOICE_FIELDS.map(([key, label, type]) => ({ key, label, type })),
];

/** The currency the static samples are shown in. */
export const SAMPLE_CURRENCY = 'USD';

/**
 * The invoice part of the static order sample: the sample order (lib/samples.ts) through the same code as live
 * orders, so the sample always adds up and matches the sample's items.
 */
export const INVOICE_SAMPLE: Invoice = toInvoice(SAMPLE_ORDER, SAMPLE_CURRENCY);
