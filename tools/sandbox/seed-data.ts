/** Seeded store settings, categories, products, customers and coupons for the generator. */
import { formatEcwidDate } from './dates.js';
import { CATEGORY_NAMES, OPTION_SETS, emailFor, productName, randomName, randomPerson, slug } from './fixtures.js';
import type { Random } from './random.js';
import type {
  Category,
  Customer,
  CustomerGroup,
  DiscountCoupon,
  DiscountType,
  Product,
  StoreSettings,
  TaxClassCode,
} from './types.js';

const DAY = 86400;

/** First ids per kind: distinct ranges, so an app that mixes up a product id and a customer id gets a 404. */
export const ID_BASE = {
  order: 512_000_001,
  customer: 277_000_001,
  product: 560_000_001,
  category: 170_000_001,
  coupon: 98_000_001,
  /** Numbers the items of abandoned carts (their ids are UUIDs). */
  cart: 731_000_001,
} as const;

export const CUSTOMER_GROUPS: CustomerGroup[] = [
  { id: 0, name: 'General' },
  { id: 4001, name: 'Wholesale' },
  { id: 4002, name: 'VIP' },
];

export interface SettingsInput {
  storeId: number;
  storeName?: string;
  pricesIncludeTax: boolean;
  currency?: string;
  orderIdPrefix?: string;
  orderIdSuffix?: string;
}

/** A US-style store adds sales taxes to net prices; an EU-style store shows VAT-inclusive prices. */
export function storeSettings(input: SettingsInput): StoreSettings {
  const gross = input.pricesIncludeTax;
  const taxClasses: Record<TaxClassCode, { name: string; rate: number }[]> = gross
    ? { standard: [{ name: 'VAT', rate: 19 }], reduced: [{ name: 'VAT reduced', rate: 7 }], exempt: [] }
    : {
        standard: [
          { name: 'State tax', rate: 6.25 },
          { name: 'City tax', rate: 2 },
        ],
        reduced: [{ name: 'State tax', rate: 6.25 }],
        exempt: [],
      };
  return {
    storeId: input.storeId,
    storeName: input.storeName ?? 'Sandbox Goods',
    storeUrl: `https://store${input.storeId}.example.com`,
    ownerEmail: `owner.${input.storeId}@example.com`,
    currency: input.currency ?? (gross ? 'EUR' : 'USD'),
    timezone: gross ? 'Europe/Berlin' : 'America/Chicago',
    pricesIncludeTax: gross,
    taxClasses,
    shippingTaxes: gross ? [{ name: 'VAT', rate: 19 }] : [{ name: 'State tax', rate: 6.25 }],
    shippingMethods: [
      {
        id: 'standard',
        name: 'Standard shipping',
        rate: 5.99,
        isPickup: false,
        freeAbove: 100,
        estimatedTransitTime: '3-5',
      },
      { id: 'express', name: 'Express', rate: 14.99, isPickup: false, estimatedTransitTime: '1-2' },
      { id: 'pickup', name: 'Store pickup', rate: 0, isPickup: true },
      { id: 'freight', name: 'Freight', rate: 49, isPickup: false, enabled: false, estimatedTransitTime: '7-14' },
    ],
    handlingFee: { name: 'Handling fee', value: 1.5, description: 'Careful packing' },
    paymentMethods: [
      { name: 'Credit or debit card', module: 'Stripe', offline: false },
      { name: 'PayPal', module: 'PayPalStandard', offline: false },
      { name: 'Bank transfer', module: 'CUSTOM_OFFLINE', offline: true },
      { name: 'Cash on delivery', module: 'CUSTOM_OFFLINE', offline: true },
    ],
    volumeDiscount: { threshold: 150, percent: 5 },
    membershipDiscount: { customerGroupId: 4001, percent: 10 },
    orderIdPrefix: input.orderIdPrefix ?? '',
    orderIdSuffix: input.orderIdSuffix ?? '',
  };
}

/** Three quarters are root categories; the rest hang under one of them. */
export function generateCategories(random: Random, count: number, storeUrl: string): Category[] {
  const roots = Math.max(1, Math.ceil(count * 0.75));
  return Array.from({ length: count }, (_, i) => {
    const id = ID_BASE.category + i;
    const base = CATEGORY_NAMES[i % CATEGORY_NAMES.length];
    const name = i < CATEGORY_NAMES.length ? base : `${base} ${Math.floor(i / CATEGORY_NAMES.length) + 1}`;
    const category: Category = {
      id,
      orderBy: i + 1,
      name,
      enabled: random.chance(0.9),
      url: `${storeUrl}/${slug(name)}-c${id}`,
      description: `<p>${name}</p>`,
    };
    if (i >= roots) category.parentId = ID_BASE.category + random.int(0, roots - 1);
    return category;
  });
}

/** Products sorted by creation; most predate the generated span, some are new arrivals inside it. */
export function generateProducts(
  random: Random,
  count: number,
  categories: readonly Category[],
  spanStart: number,
  now: number,
  storeUrl: string,
): Product[] {
  const times = Array.from({ length: count }, (_, i) =>
    // The first product always predates the span, so the earliest orders have something to buy.
    i > 0 && random.chance(0.2) ? random.int(spanStart, now) : spanStart - random.int(1, 700) * DAY,
  ).sort((a, b) => a - b);
  return times.map((createTimestamp, i) => {
    const id = ID_BASE.product + i;
    const name = productName(random);
    const taxClassCode = random.weighted<TaxClassCode>([
      ['standard', 75],
      ['reduced', 15],
      ['exempt', 10],
    ]);
    const digital = taxClassCode === 'exempt';
    const unlimited = digital || random.chance(0.15);
    const updateTimestamp = random.chance(0.4)
      ? Math.min(now, createTimestamp + random.int(1, 90) * DAY)
      : createTimestamp;
    const categoryIds =
      categories.length === 0
        ? []
        : [...new Set([random.pick(categories).id, ...(random.chance(0.3) ? [random.pick(categories).id] : [])])];
    const quantity = random.chance(0.1) ? 0 : random.int(1, 250);
    const product: Product = {
      id,
      sku: `SKU-${String(i + 1).padStart(5, '0')}`,
      name: digital ? `${name} (Digital)` : name,
      price: random.int(3, 149) + random.pick([0, 0.5, 0.99]),
      unlimited,
      inStock: unlimited || quantity > 0,
      enabled: random.chance(0.9),
      url: `${storeUrl}/${slug(name)}-p${id}`,
      imageUrl: `https://images.example.com/${id}.jpg`,
      description: `<p>${name}: a sandbox product.</p>`,
      categoryIds,
      defaultCategoryId: categoryIds[0] ?? 0,
      created: formatEcwidDate(createTimestamp),
      updated: formatEcwidDate(updateTimestamp),
      createTimestamp,
      updateTimestamp,
      weight: digital ? 0 : random.int(1, 40) / 10,
      isShippingRequired: !digital,
      tax: { taxable: taxClassCode !== 'exempt', taxClassCode },
      options: digital
        ? []
        : OPTION_SETS.filter(() => random.chance(0.25)).map((set) => ({
            type: 'SELECT' as const,
            name: set.name,
            choices: set.choices.map(([text, priceModifier]) => ({
              text,
              priceModifier,
              priceModifierType: 'ABSOLUTE' as const,
            })),
            defaultChoice: 0,
            required: true,
          })),
    };
    if (!unlimited) product.quantity = quantity;
    if (random.chance(0.1)) product.compareToPrice = Math.round(product.price * 1.3);
    return product;
  });
}

/** Registration times (unix seconds), sorted: the order `generateCustomers` builds customers in. */
export function registrationTimes(random: Random, count: number, spanStart: number, now: number): number[] {
  return Array.from({ length: count }, () =>
    random.chance(0.3) ? random.int(spanStart, now) : spanStart - random.int(1, 365 * DAY),
  ).sort((a, b) => a - b);
}

/** Customers registered at these times; some lack a billing address or an e-mail (point-of-sale sign-ups). */
export function generateCustomers(random: Random, registeredAt: readonly number[], now: number): Customer[] {
  return registeredAt.map((registered, i) => {
    const id = ID_BASE.customer + i;
    const named = randomName(random);
    const email = random.chance(0.02) ? '' : emailFor(named, id);
    const billingPerson = random.chance(0.15) ? undefined : randomPerson(random, named);
    const group = random.weighted<CustomerGroup>([
      [CUSTOMER_GROUPS[0], 80],
      [CUSTOMER_GROUPS[1], 12],
      [CUSTOMER_GROUPS[2], 8],
    ]);
    const updated = random.chance(0.3) ? Math.min(now, registered + random.int(1, 60) * DAY) : registered;
    const customer: Customer = {
      id,
      email,
      name: named.name,
      registered: formatEcwidDate(registered),
      updated: formatEcwidDate(updated),
      totalOrderCount: 0,
      customerGroupId: group.id,
      customerGroupName: group.name,
      shippingAddresses: billingPerson ? [{ id: id * 10 + 1, ...billingPerson }] : [],
      contacts: email ? [{ id: id * 10 + 1, contact: email, type: 'EMAIL', default: true }] : [],
      taxId: '',
      taxIdValid: true,
      taxExempt: false,
      acceptMarketing: random.chance(0.4),
      lang: 'en',
      stats: { numberOfOrders: 0, salesValue: 0, averageOrderValue: 0 },
    };
    if (billingPerson) customer.billingPerson = billingPerson;
    return customer;
  });
}

const COUPON_WORDS = ['SAVE', 'WELCOME', 'SPRING', 'VIP', 'FREESHIP', 'FLASH', 'THANKS', 'BUNDLE'];

/** Coupons of every kind and status, most created before the span. */
export function generateCoupons(
  random: Random,
  count: number,
  products: readonly Product[],
  categories: readonly Category[],
  spanStart: number,
  now: number,
): DiscountCoupon[] {
  return Array.from({ length: count }, (_, i) => {
    const discountType = random.weighted<DiscountType>([
      ['PERCENT', 40],
      ['ABS', 35],
      ['SHIPPING', 10],
      ['ABS_AND_SHIPPING', 5],
      ['PERCENT_AND_SHIPPING', 10],
    ]);
    const percent = discountType.startsWith('PERCENT');
    const discount =
      discountType === 'SHIPPING' ? 0 : percent ? random.pick([5, 10, 15, 20]) : random.pick([5, 10, 20]);
    const created = spanStart - random.int(0, 120) * DAY + random.int(0, DAY);
    const updated = random.chance(0.3) ? Math.min(now, created + random.int(1, 30) * DAY) : created;
    const applicationLimit = random.weighted([
      ['UNLIMITED', 80],
      ['NEW_CUSTOMER_ONLY', 10],
      ['REPEAT_CUSTOMER_ONLY', 10],
    ] as const);
    const coupon: DiscountCoupon = {
      id: ID_BASE.coupon + i,
      name: `${random.pick(COUPON_WORDS)} ${discount}${percent ? '%' : ''}`.trim(),
      code: `${random.pick(COUPON_WORDS)}${discount}-${String(i + 1).padStart(3, '0')}`,
      discountType,
      status: random.chance(0.1) ? 'PAUSED' : 'ACTIVE',
      discount,
      launchDate: formatEcwidDate(created),
      usesLimit: random.weighted([
        ['UNLIMITED', 85],
        ['ONCEPERCUSTOMER', 10],
        ['SINGLE', 5],
      ] as const),
      applicationLimit,
      repeatCustomerOnly: applicationLimit === 'REPEAT_CUSTOMER_ONLY',
      creationDate: formatEcwidDate(created),
      updateDate: formatEcwidDate(updated),
      orderCount: 0,
    };
    // Some expire inside the span, so the API reports them EXPIRED later on.
    if (random.chance(0.3)) coupon.expirationDate = formatEcwidDate(random.int(spanStart, now + 30 * DAY));
    if (random.chance(0.3)) coupon.totalLimit = random.pick([25, 50, 100]);
    if (random.chance(0.25) && products.length > 0) {
      coupon.catalogLimit =
        random.chance(0.5) || categories.length === 0
          ? { products: [random.pick(products).id], categories: [] }
          : { products: [], categories: [random.pick(categories).id] };
    }
    if (random.chance(0.05)) coupon.shippingLimit = { shippingMethods: ['standard'] };
    return coupon;
  });
}
