/**
 * fast-check arbitraries for Ecwid orders, priced the way docs/ecwid-api-notes.md says Ecwid prices them — written
 * independently of lib/invoice/ (and of the sandbox), so the invoice code is checked against a second reading.
 *
 * In integer cents: promotions on the full line, the coupon on what they left (only on the items it covers),
 * tax per item on the discounted line (rate × line when net, line × rate / (100 + Σ rates) when gross), shipping
 * tax on shipping + handling, shown in `taxesOnShipping[]`, in the items' `taxOnShipping`, or both;
 * totalBeforeGiftCardRedemption = subtotal − coupon − promotions + shipping + handling + surcharges
 * (+ tax when net); the gift card after that. Ambiguous fields are generated both ways (`discount` with or without
 * the coupon, custom discounts inside `discount` or not, taxable surcharges net with their tax in `tax`).
 */
import fc from 'fast-check';
import type { EcwidOrder, EcwidOrderItem, EcwidPerson } from '../../lib/ecwid/types.js';

export const RATES = [0, 0.5, 2, 5, 6.25, 7, 7.7, 8.875, 10, 12, 19, 20, 21] as const;

export interface TaxDef {
  name: string;
  rate: number;
}

export interface ItemSpec {
  name: string;
  sku: string;
  /** Unit price as Ecwid stores it (may have a third decimal). */
  price: number;
  quantity: number;
  taxClass: number;
  couponCovers: boolean;
  options: Array<{ name: string; value: string }>;
}

export interface PromotionSpec {
  base: 'ON_TOTAL' | 'ON_MEMBERSHIP' | 'ON_TOTAL_AND_MEMBERSHIP';
  type: 'PERCENT' | 'ABS';
  value: number;
}

export interface OrderSpec {
  id: string;
  pricesIncludeTax: boolean;
  /** Tax classes: each a list of taxes applied together (several taxes per item). */
  taxClasses: TaxDef[][];
  items: ItemSpec[];
  promotions: PromotionSpec[];
  customDiscounts: number[];
  customInsideDiscount: boolean;
  coupon?: { type: 'ABS' | 'PERCENT'; value: number; code: string };
  discountIncludesCoupon: boolean;
  shipping?: {
    rate: number;
    methodName: string;
    handling: number;
    taxClass: number;
    shownOn: 'list' | 'items' | 'both';
  };
  surcharges: Array<{ amount: number; taxClass?: number; description: string }>;
  giftCardBalance: number;
  people: { billing?: EcwidPerson; shipping?: EcwidPerson; email?: string };
}

// ---------------------------------------------------------------------------------------------------------------
// Cents

const cents = (amount: number): number => Math.round(Number((amount * 100).toPrecision(15)));
const money = (c: number): number => Number((c / 100).toFixed(2));
const total = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Tax of one rate on an amount (cents), half away from zero; float-safe for 4-decimal rates. */
const taxOn = (amount: number, rate: number, allRates: number, gross: boolean): number => {
  const numerator = amount * Math.round(rate * 10000);
  const denominator = gross ? 1_000_000 + Math.round(allRates * 10000) : 1_000_000;
  const q = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 ? -q : q;
};

/** Largest-remainder split of `amount` over weights (all zero → nothing to split on → first weight). */
const split = (amount: number, weights: readonly number[]): number[] => {
  const sumW = total(weights);
  if (weights.length === 0) return [];
  if (sumW <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (amount * w) / sumW);
  const parts = exact.map(Math.floor);
  let rest = amount - total(parts);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i] += 1;
    rest -= 1;
  }
  return parts;
};

// ---------------------------------------------------------------------------------------------------------------
// Pricing a spec into an Ecwid order

export function buildOrder(spec: OrderSpec): EcwidOrder {
  const gross = spec.pricesIncludeTax;
  const classOf = (i: number) => spec.taxClasses[i % Math.max(1, spec.taxClasses.length)] ?? [];
  const lines = spec.items.map((item) => cents(item.price * item.quantity));

  // Promotions (a percent of the full line, or an amount spread by line), then custom discounts (apps); none
  // takes a line below zero.
  const afterPromotions = [...lines];
  const promotionShares = spec.promotions.map((p) => {
    const shares =
      p.type === 'PERCENT'
        ? lines.map((l, i) => Math.min(afterPromotions[i], Math.round((l * p.value) / 100)))
        : split(Math.min(cents(p.value), total(afterPromotions)), afterPromotions);
    shares.forEach((s, i) => (afterPromotions[i] -= s));
    return shares;
  });
  const customShares = spec.customDiscounts.map((d) =>
    split(
      Math.min(cents(d), Math.max(0, total(afterPromotions))),
      afterPromotions.map((a) => Math.max(0, a)),
    ),
  );
  const afterCustom = afterPromotions.map((a, i) => a - total(customShares.map((s) => s[i])));

  // The coupon on the items it covers, after promotions.
  const eligible = afterCustom.map((a, i) => (spec.coupon && spec.items[i].couponCovers ? Math.max(0, a) : 0));
  const couponShares = !spec.coupon
    ? lines.map(() => 0)
    : spec.coupon.type === 'PERCENT'
      ? eligible.map((a) => Math.round((a * spec.coupon!.value) / 100))
      : total(eligible) > 0
        ? split(Math.min(cents(spec.coupon.value), total(eligible)), eligible)
        : lines.map(() => 0);
  const discounted = afterCustom.map((a, i) => a - couponShares[i]);

  const itemTaxes = spec.items.map((item, i) => {
    const taxes = classOf(item.taxClass);
    const rates = total(taxes.map((t) => t.rate));
    return taxes.map((t) => ({ ...t, onDiscounted: taxOn(discounted[i], t.rate, rates, gross), onShipping: 0 }));
  });

  // Shipping and handling, taxed together.
  const shipping = spec.items.length > 0 ? spec.shipping : undefined;
  const shippingBase = shipping ? cents(shipping.rate) + cents(shipping.handling) : 0;
  const shippingTaxDefs = shipping ? classOf(shipping.taxClass) : [];
  const shippingRates = total(shippingTaxDefs.map((t) => t.rate));
  const shippingTaxes = shippingTaxDefs.map((t) => ({
    ...t,
    total: taxOn(shippingBase, t.rate, shippingRates, gross),
  }));
  let listShippingTaxes = shipping?.shownOn !== 'items';
  if (shipping && shipping.shownOn !== 'list') {
    for (const st of shippingTaxes) {
      const carriers = itemTaxes.map((taxes) => (taxes.some((t) => t.name === st.name) ? 1 : 0));
      if (total(carriers) === 0) {
        listShippingTaxes = true; // no item carries this tax: Ecwid can only list it
        continue;
      }
      split(
        st.total,
        lines.map((l, i) => (carriers[i] ? l + 1 : 0)),
      ).forEach((share, i) => {
        const tax = itemTaxes[i].find((t) => t.name === st.name);
        if (tax) tax.onShipping = share;
      });
    }
  }

  // Surcharges: untaxed, or net with their tax added (gross stores: gross with their tax inside).
  const surchargeRows = spec.surcharges.map((s) => {
    const amount = cents(s.amount);
    const taxes = s.taxClass === undefined ? [] : classOf(s.taxClass);
    const rates = total(taxes.map((t) => t.rate));
    const taxRows = taxes.map((t) => ({
      name: t.name,
      value: t.rate,
      total: money(taxOn(amount, t.rate, rates, gross)),
    }));
    const tax = total(taxRows.map((t) => cents(t.total)));
    return {
      amount,
      tax,
      row: {
        id: s.description.toLowerCase().replace(/\W+/g, '-'),
        value: money(amount),
        type: 'ABSOLUTE',
        total: money(amount),
        totalWithoutTax: money(gross ? amount - tax : amount),
        description: s.description,
        taxable: taxes.length > 0,
        ...(taxRows.length > 0 ? { taxes: taxRows } : {}),
      },
    };
  });

  const subtotal = total(lines);
  const couponDiscount = total(couponShares);
  const promotionTotal = total(promotionShares.flat());
  const customTotal = total(customShares.flat());
  const tax =
    total(itemTaxes.flat().map((t) => t.onDiscounted)) +
    total(shippingTaxes.map((t) => t.total)) +
    total(surchargeRows.map((s) => s.tax));
  const totalBefore =
    subtotal -
    couponDiscount -
    promotionTotal -
    customTotal +
    shippingBase +
    total(surchargeRows.map((s) => s.amount)) +
    (gross ? 0 : tax);
  const giftCard = Math.max(0, Math.min(cents(spec.giftCardBalance), totalBefore));
  const byBase = (base: PromotionSpec['base']) =>
    total(spec.promotions.flatMap((p, k) => (p.base === base ? promotionShares[k] : [])));

  const items: EcwidOrderItem[] = spec.items.map((item, i) => ({
    id: 1000 + i,
    productId: 500 + i,
    sku: item.sku,
    name: item.name,
    price: item.price,
    productPrice: item.price,
    quantity: item.quantity,
    tax: money(total(itemTaxes[i].map((t) => t.onDiscounted + t.onShipping))),
    taxes: itemTaxes[i].map((t) => ({
      name: t.name,
      value: t.rate,
      total: money(t.onDiscounted + t.onShipping),
      taxOnDiscountedSubtotal: money(t.onDiscounted),
      taxOnShipping: money(t.onShipping),
      includeInPrice: gross,
    })),
    couponAmount: money(couponShares[i]),
    couponApplied: couponShares[i] > 0,
    discounts: [
      ...spec.promotions.map((p, k) => ({
        discountInfo: { value: p.value, type: p.type, base: p.base },
        total: money(promotionShares[k][i]),
      })),
      ...spec.customDiscounts.map((d, k) => ({
        discountInfo: { value: d, type: 'ABS', base: 'CUSTOM' },
        total: money(customShares[k][i]),
      })),
    ].filter((d) => d.total !== 0),
    selectedOptions: item.options.map((o) => ({ ...o, type: 'CHOICE' })),
  }));

  const order: EcwidOrder = {
    id: spec.id,
    pricesIncludeTax: gross,
    subtotal: money(subtotal),
    total: money(totalBefore - giftCard),
    totalBeforeGiftCardRedemption: money(totalBefore),
    giftCardRedemption: money(giftCard),
    totalWithoutTax: money(totalBefore - giftCard - tax),
    tax: money(tax),
    couponDiscount: money(couponDiscount),
    discount: money(
      promotionTotal +
        (spec.customInsideDiscount ? customTotal : 0) +
        (spec.discountIncludesCoupon ? couponDiscount : 0),
    ),
    volumeDiscount: money(byBase('ON_TOTAL')),
    membershipBasedDiscount: money(byBase('ON_MEMBERSHIP')),
    totalAndMembershipBasedDiscount: money(byBase('ON_TOTAL_AND_MEMBERSHIP')),
    customDiscount: spec.customDiscounts.map((d, k) => ({
      value: d,
      type: 'ABS',
      base: 'CUSTOM',
      total: money(total(customShares[k])),
      description: `App discount ${k + 1}`,
    })),
    customSurcharges: surchargeRows.map((s) => s.row),
    items,
    email: spec.people.email,
    billingPerson: spec.people.billing,
    shippingPerson: spec.people.shipping,
  };
  if (spec.coupon) {
    order.discountCoupon = {
      name: `Coupon ${spec.coupon.code}`,
      code: spec.coupon.code,
      discountType: spec.coupon.type,
      discount: spec.coupon.value,
    };
  }
  if (shipping) {
    order.shippingOption = { shippingMethodName: shipping.methodName, shippingRate: shipping.rate };
    if (shipping.handling > 0) order.handlingFee = { name: 'Handling fee', value: shipping.handling };
    order.taxesOnShipping = listShippingTaxes
      ? shippingTaxes.map((t) => ({ name: t.name, value: t.rate, total: money(t.total) }))
      : [];
  }
  return order;
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

/** Rounding-prone prices: thirds, .99s, half cents of a third decimal, zero, and anything up to 999.99. */
const priceArb = fc.oneof(
  fc.constantFrom(0, 0.01, 0.333, 0.335, 0.995, 1.005, 9.995, 19.99, 33.33, 0.07),
  fc.integer({ min: 0, max: 99_999 }).map((c) => c / 100),
  fc.integer({ min: 0, max: 9_999 }).map((m) => m / 1000),
);

const nameArb = fc.constantFrom('Mug', 'T-shirt', 'Coffee beans 1kg', 'Gift box', 'Sticker', 'Poster A2', 'Tea');

const itemArb = fc.record({
  name: nameArb,
  sku: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z]{2}-\d{3}$/)),
  price: priceArb,
  quantity: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 })),
  taxClass: fc.nat({ max: 3 }),
  couponCovers: fc.boolean(),
  options: fc.array(
    fc.record({ name: fc.constantFrom('Size', 'Color'), value: fc.constantFrom('S', 'XL', 'Red', '11oz') }),
    { maxLength: 2 },
  ),
});

/** One rate per tax name (as in a store), grouped into classes: an item's class may apply several taxes. */
const taxClassesArb = fc
  .uniqueArray(
    fc.record({ name: fc.constantFrom('VAT', 'State tax', 'City tax', 'GST', 'PST'), rate: fc.constantFrom(...RATES) }),
    {
      selector: (t) => t.name,
      minLength: 1,
      maxLength: 4,
    },
  )
  .chain((pool) =>
    fc.array(fc.subarray(pool, { maxLength: Math.min(3, pool.length) }), { minLength: 1, maxLength: 4 }),
  );

const promotionArb: fc.Arbitrary<PromotionSpec> = fc.record({
  base: fc.constantFrom('ON_TOTAL', 'ON_MEMBERSHIP', 'ON_TOTAL_AND_MEMBERSHIP'),
  type: fc.constantFrom('PERCENT', 'ABS'),
  value: fc.oneof(
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 1, max: 2000 }).map((c) => c / 100),
  ),
});

const personArb: fc.Arbitrary<EcwidPerson> = fc.record(
  {
    name: fc.constantFrom('Michael Scott', 'Ana', 'Jean-Luc de la Tour', ''),
    firstName: fc.constantFrom('Support', 'Ana'),
    lastName: fc.constantFrom('Team', 'Silva'),
    companyName: fc.constantFrom('', 'Dunder Mifflin'),
    street: fc.constantFrom('555 Lackawanna Ave', 'Anhalter Strasse 98\nHinterhaus', ''),
    city: fc.constantFrom('Scranton', 'Berlin'),
    countryCode: fc.constantFrom('US', 'DE'),
    postalCode: fc.constantFrom('18508', '10963'),
    stateOrProvinceCode: fc.constantFrom('PA', ''),
    phone: fc.constantFrom('', '+1 570 555 0100'),
  },
  { requiredKeys: [] },
);

export const orderSpecArb: fc.Arbitrary<OrderSpec> = fc.record({
  id: fc.stringMatching(/^[A-Z2-9]{5}$/),
  pricesIncludeTax: fc.boolean(),
  taxClasses: fc.oneof(
    { weight: 1, arbitrary: fc.constant([[]] as TaxDef[][]) },
    { weight: 5, arbitrary: taxClassesArb },
  ),
  items: fc.array(itemArb, { minLength: 0, maxLength: 6 }),
  promotions: fc.uniqueArray(promotionArb, { selector: (p) => p.base, maxLength: 3 }),
  customDiscounts: fc.array(
    fc.integer({ min: 1, max: 1500 }).map((c) => c / 100),
    { maxLength: 2 },
  ),
  customInsideDiscount: fc.boolean(),
  coupon: fc.option(
    fc.record({
      type: fc.constantFrom('ABS' as const, 'PERCENT' as const),
      value: fc.oneof(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 5000 }).map((c) => c / 100),
      ),
      code: fc.constantFrom('SAVE10', 'WELCOME', 'SPRING-5'),
    }),
    { nil: undefined },
  ),
  discountIncludesCoupon: fc.boolean(),
  shipping: fc.option(
    fc.record({
      rate: fc.oneof(
        fc.constantFrom(0, 5.99, 471.85, 10),
        fc.integer({ min: 0, max: 5000 }).map((c) => c / 100),
      ),
      methodName: fc.constantFrom('USPS Priority Mail', 'Standard shipping', 'Store pickup'),
      handling: fc.oneof(
        fc.constant(0),
        fc.constantFrom(1.5, 4),
        fc.integer({ min: 1, max: 999 }).map((c) => c / 100),
      ),
      taxClass: fc.nat({ max: 3 }),
      shownOn: fc.constantFrom('list' as const, 'items' as const, 'both' as const),
    }),
    { nil: undefined },
  ),
  surcharges: fc.array(
    fc.record(
      {
        amount: fc.integer({ min: 1, max: 2500 }).map((c) => c / 100),
        taxClass: fc.nat({ max: 3 }),
        description: fc.constantFrom('Eco packaging', 'Card fee'),
      },
      { requiredKeys: ['amount', 'description'] },
    ),
    { maxLength: 2 },
  ),
  giftCardBalance: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constantFrom(5, 10, 25, 100, 10_000) },
  ),
  people: fc.record(
    { billing: personArb, shipping: personArb, email: fc.constantFrom('', 'buyer@example.com') },
    { requiredKeys: [] },
  ),
});

export const orderArb: fc.Arbitrary<EcwidOrder> = orderSpecArb.map(buildOrder);
