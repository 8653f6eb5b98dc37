import type { Bundle, ZObject } from 'zapier-platform-core';
import { outputField as field, outputListField as listField } from '../output/values.js';
import { ecwidStatusOf, isRetryLater } from '../ecwid/errors.js';
import { parseUserDate, toEcwidDate, withIsoDates } from '../ecwid/dates.js';
import { createdRecord, ecwidRequest, ecwidSearch, pathSegment, postNewRecord, storeIdOf } from '../ecwid/client.js';
import type { EcwidCoupon } from '../ecwid/types.js';
import { checkCodeText, codeKey, derivedCode, GENERATED_CODE_LENGTH, MAX_CODE_LENGTH, randomCode } from './codes.js';
import {
  idList,
  invalidInput,
  isDateOnly,
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  requiredText,
  textList,
} from '../inputs/validate.js';

// ─── What the merchant chooses from ─────────────────────────────────────────────────────────────────────

export type DiscountType = 'ABS' | 'PERCENT' | 'SHIPPING' | 'ABS_AND_SHIPPING' | 'PERCENT_AND_SHIPPING';

export const DISCOUNT_TYPES: Readonly<Record<DiscountType, string>> = {
  PERCENT: 'Percentage off',
  ABS: 'Fixed amount off',
  SHIPPING: 'Free shipping',
  PERCENT_AND_SHIPPING: 'Percentage off and free shipping',
  ABS_AND_SHIPPING: 'Fixed amount off and free shipping',
};

/** EXPIRED and USEDUP exist too, but only Ecwid sets them. */
export const COUPON_STATUSES = { ACTIVE: 'Active', PAUSED: 'Paused' } as const;

export const USES_LIMITS = {
  UNLIMITED: 'Unlimited',
  ONCEPERCUSTOMER: 'Once per customer',
  SINGLE: 'Single use (one order in total)',
} as const;

export const APPLICATION_LIMITS = {
  UNLIMITED: 'All customers',
  NEW_CUSTOMER_ONLY: 'New customers only',
  REPEAT_CUSTOMER_ONLY: 'Returning customers only',
} as const;

/** The labels of the create action's fields: error messages name the field exactly as the merchant sees it. */
export const COUPON_LABELS = {
  name: 'Coupon Name',
  code: 'Code',
  codePrefix: 'Code Prefix',
  uniqueFor: 'One Coupon Per',
  discountType: 'Discount Type',
  discount: 'Discount',
  status: 'Status',
  launchDate: 'Valid From',
  expirationDate: 'Valid Until',
  totalLimit: 'Minimum Order Subtotal',
  usesLimit: 'Number of Uses',
  applicationLimit: 'Eligible Customers',
  productIds: 'Products',
  categoryIds: 'Categories',
  shippingMethods: 'Shipping Methods',
} as const;

const PERCENT_TYPES: ReadonlySet<string> = new Set(['PERCENT', 'PERCENT_AND_SHIPPING']);
const SHIPPING_TYPES: ReadonlySet<string> = new Set(['SHIPPING', 'ABS_AND_SHIPPING', 'PERCENT_AND_SHIPPING']);

// ─── The request ────────────────────────────────────────────────────────────────────────────────────────

/** The body of POST /discount_coupons, as Ecwid names it. Only what the merchant set is sent. */
export type CouponBody = Pick<
  EcwidCoupon,
  'discount' | 'launchDate' | 'expirationDate' | 'totalLimit' | 'usesLimit' | 'applicationLimit'
> & {
  name: string;
  code: string;
  discountType: DiscountType;
  status: 'ACTIVE' | 'PAUSED';
  catalogLimit?: { products: number[]; categories: number[] };
  shippingLimit?: { shippingMethods: string[] };
};

export interface CouponRequest {
  body: CouponBody;
  /** The "One Coupon Per" value the code was derived from, when it was. */
  derivedFor?: string;
}

/** Ecwid reads an end date without a time as the whole day (its admin ends coupons at 23:59:59 UTC). */
const END_OF_DAY_MS = (24 * 60 * 60 - 1) * 1000;

/** The amount or percentage off: required unless the coupon only ships free, and then it must be empty. */
const discountOf = (z: ZObject, input: unknown, discountType: DiscountType): number | undefined => {
  const L = COUPON_LABELS;
  const isPercent = PERCENT_TYPES.has(discountType);
  const typeLabel = DISCOUNT_TYPES[discountType];
  const discount = optionalNumber(z, input, L.discount, {
    min: 0,
    max: isPercent ? 100 : undefined,
    what: isPercent ? `(a percentage) for a "${typeLabel}" coupon` : undefined,
  });
  if (discountType === 'SHIPPING') {
    if (discount !== undefined && discount !== 0) {
      throw invalidInput(
        z,
        `${L.discount} must be empty for a "Free shipping" coupon, which takes no amount off (got ${discount}). Choose a Discount Type with an amount, or clear the field.`,
      );
    }
  } else if (discount === undefined) {
    throw invalidInput(
      z,
      `${L.discount} is required for a "${typeLabel}" coupon: ${isPercent ? 'the percentage off, like 10' : 'the amount off, like 5'}.`,
    );
  }
  return discount;
};

/** The merchant's own code, or one made for them: derived from "One Coupon Per" when it is filled, random otherwise. */
const codeOf = (
  z: ZObject,
  bundle: Bundle,
  inputData: Record<string, unknown>,
  name: string,
): { code: string; derivedFor?: string } => {
  const L = COUPON_LABELS;
  const givenCode = optionalText(z, inputData.code, L.code);
  const uniqueFor = optionalText(z, inputData.uniqueFor, L.uniqueFor);
  if (givenCode !== undefined) return { code: checkCodeText(z, givenCode, L.code, MAX_CODE_LENGTH) };
  const prefixText = optionalText(z, inputData.codePrefix, L.codePrefix);
  const prefix =
    prefixText === undefined ? '' : checkCodeText(z, prefixText, L.codePrefix, MAX_CODE_LENGTH - GENERATED_CODE_LENGTH);
  if (uniqueFor === undefined) return { code: randomCode(prefix) };
  return { code: derivedCode(codeKey(bundle), storeIdOf(z, bundle), prefix, name, uniqueFor), derivedFor: uniqueFor };
};

/**
 * Every check before anything is sent: a clear error naming the field, or the exact body.
 * `inputData` is what Zapier hands over, of any shape.
 */
export const couponRequestFrom = (z: ZObject, bundle: Bundle, inputData: Record<string, unknown>): CouponRequest => {
  const L = COUPON_LABELS;
  const name = requiredText(z, inputData.name, L.name);
  const discountType = optionalChoice<DiscountType>(z, inputData.discountType, L.discountType, DISCOUNT_TYPES);
  if (!discountType) throw invalidInput(z, `${L.discountType} is required. Choose what the coupon takes off.`);
  const typeLabel = DISCOUNT_TYPES[discountType];
  const discount = discountOf(z, inputData.discount, discountType);

  const status = optionalChoice<'ACTIVE' | 'PAUSED'>(z, inputData.status, L.status, COUPON_STATUSES) ?? 'ACTIVE';
  const launch = optionalDate(z, inputData.launchDate, L.launchDate);
  let expiration = optionalDate(z, inputData.expirationDate, L.expirationDate);
  if (expiration && isDateOnly(inputData.expirationDate)) expiration = new Date(expiration.getTime() + END_OF_DAY_MS);
  // Compared at Ecwid's precision (seconds), so what is sent is really later.
  if (launch && expiration && Math.floor(expiration.getTime() / 1000) <= Math.floor(launch.getTime() / 1000)) {
    throw invalidInput(
      z,
      `${L.expirationDate} must be after ${L.launchDate} (got ${toEcwidDate(expiration)}, which is not after ${toEcwidDate(launch)}).`,
    );
  }
  const totalLimit = optionalNumber(z, inputData.totalLimit, L.totalLimit, { min: 0 });
  const usesLimit = optionalChoice(z, inputData.usesLimit, L.usesLimit, USES_LIMITS);
  const applicationLimit = optionalChoice(z, inputData.applicationLimit, L.applicationLimit, APPLICATION_LIMITS);
  const products = idList(z, inputData.productIds, L.productIds);
  const categories = idList(z, inputData.categoryIds, L.categoryIds);
  const shippingMethods = textList(z, inputData.shippingMethods, L.shippingMethods);
  if (shippingMethods.length > 0 && !SHIPPING_TYPES.has(discountType)) {
    throw invalidInput(
      z,
      `${L.shippingMethods} apply only to coupons with free shipping; "${typeLabel}" has none. Clear the field or choose a Discount Type with free shipping.`,
    );
  }

  const { code, derivedFor } = codeOf(z, bundle, inputData, name);

  const body: CouponBody = { name, code, discountType, status };
  if (discount !== undefined && discountType !== 'SHIPPING') body.discount = discount;
  if (launch) body.launchDate = toEcwidDate(launch);
  if (expiration) body.expirationDate = toEcwidDate(expiration);
  if (totalLimit !== undefined) body.totalLimit = totalLimit;
  if (usesLimit) body.usesLimit = usesLimit;
  if (applicationLimit) body.applicationLimit = applicationLimit;
  if (products.length > 0 || categories.length > 0) body.catalogLimit = { products, categories };
  if (shippingMethods.length > 0) body.shippingLimit = { shippingMethods };
  return { body, derivedFor };
};

// ─── Ecwid calls ────────────────────────────────────────────────────────────────────────────────────────

export const fetchCoupon = (z: ZObject, bundle: Bundle, id: number | string): Promise<EcwidCoupon> =>
  ecwidRequest<EcwidCoupon>(z, bundle, {
    path: `/discount_coupons/${pathSegment(z, id, 'Coupon')}`,
    subject: { noun: 'discount coupon', id },
  });

/**
 * The coupon with exactly this code (codes are case-insensitive in Ecwid), or undefined. Uses the search,
 * not GET /discount_coupons/{code}: that path takes an id too, so a numeric code could return another coupon.
 * Whether `code=` matches exactly is UNVERIFIED: the match is checked here.
 */
export const findCouponByCode = async (z: ZObject, bundle: Bundle, code: string): Promise<EcwidCoupon | undefined> => {
  try {
    const page = await ecwidSearch<EcwidCoupon>(z, bundle, '/discount_coupons', { code });
    const wanted = code.toLowerCase();
    return page.items.find((coupon) => String(coupon.code ?? '').toLowerCase() === wanted);
  } catch (error) {
    if (ecwidStatusOf(error) === 404) return undefined;
    throw error;
  }
};

const sameInstant = (stored: unknown, sent: string): boolean => {
  const a = parseUserDate(stored);
  const b = parseUserDate(sent);
  return !!a && !!b && Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
};

const sameSet = <T>(stored: readonly T[] | undefined, sent: readonly T[]): boolean => {
  const a = new Set((stored ?? []).map(String));
  return a.size === new Set(sent.map(String)).size && sent.every((item) => a.has(String(item)));
};

/** What Ecwid means when it leaves applicationLimit out: the deprecated flag, or no limit. */
const storedApplicationLimit = (coupon: EcwidCoupon): string =>
  coupon.applicationLimit ?? (coupon.repeatCustomerOnly === true ? 'REPEAT_CUSTOMER_ONLY' : 'UNLIMITED');

/**
 * The labels of the fields in which a stored coupon differs from what this step would create; empty when
 * it is the same coupon. Fields the step did not set are not compared (Ecwid filled its defaults), and a
 * status Ecwid set itself (EXPIRED, USEDUP) is not a difference.
 */
export const couponDifferences = (stored: EcwidCoupon, body: CouponBody): string[] => {
  const L = COUPON_LABELS;
  const differs: string[] = [];
  const check = (label: string, same: boolean) => {
    if (!same) differs.push(label);
  };
  check(L.name, String(stored.name ?? '').trim() === body.name);
  check(L.code, String(stored.code ?? '').toLowerCase() === body.code.toLowerCase());
  check(L.discountType, (stored.discountType ?? 'ABS') === body.discountType);
  if (body.discount !== undefined) check(L.discount, Math.abs(Number(stored.discount ?? 0) - body.discount) < 1e-9);
  if (stored.status === 'ACTIVE' || stored.status === 'PAUSED') check(L.status, stored.status === body.status);
  if (body.launchDate) check(L.launchDate, sameInstant(stored.launchDate, body.launchDate));
  if (body.expirationDate) check(L.expirationDate, sameInstant(stored.expirationDate, body.expirationDate));
  if (body.totalLimit !== undefined)
    check(L.totalLimit, Math.abs(Number(stored.totalLimit ?? 0) - body.totalLimit) < 1e-9);
  if (body.usesLimit) check(L.usesLimit, (stored.usesLimit ?? 'UNLIMITED') === body.usesLimit);
  if (body.applicationLimit) check(L.applicationLimit, storedApplicationLimit(stored) === body.applicationLimit);
  if (body.catalogLimit) {
    check(L.productIds, sameSet(stored.catalogLimit?.products, body.catalogLimit.products));
    check(L.categoryIds, sameSet(stored.catalogLimit?.categories, body.catalogLimit.categories));
  }
  if (body.shippingLimit)
    check(L.shippingMethods, sameSet(stored.shippingLimit?.shippingMethods, body.shippingLimit.shippingMethods));
  return differs;
};

/** A coupon already holds the code: ours from an earlier attempt (return it), or another one (say so). */
const existingOrConflict = (z: ZObject, request: CouponRequest, existing: EcwidCoupon): EcwidCoupon => {
  const differences = couponDifferences(existing, request.body);
  if (differences.length === 0) return existing;
  const { code } = request.body;
  const whose =
    request.derivedFor === undefined ? '' : ` (the coupon made earlier for "${request.derivedFor.slice(0, 60)}")`;
  throw new z.errors.Error(
    `A discount coupon with the code "${code}"${whose} already exists in this Ecwid store with a different ${differences.join(', ')}. ` +
      `Change or delete it in Ecwid (Marketing → Discount Coupons), or use another ${COUPON_LABELS.code}.`,
    'DuplicateCouponCode',
    409,
  );
};

/**
 * Creates the coupon and returns it as Ecwid stores it. Safe to retry (Zapier replays a step that failed, and
 * a merchant may re-run a Zap):
 * - a code Ecwid refuses with 409 (the merchant's own, or derived from "One Coupon Per") is looked up: the same
 *   coupon is an earlier attempt of this step and is returned; a different one is an error naming the code. (An
 *   identical coupon made by someone else is indistinguishable from a retry — and is what the step asked for.)
 * - when the POST itself failed in a way Zapier retries (5xx, timeout, rate limit), the code is looked up
 *   before giving up: if it landed, it is returned instead of letting the retry make a second coupon (this
 *   covers random codes too, whose retry would otherwise pick a new code);
 * - once the coupon exists, nothing throws: if reading it back fails, the step returns what was sent plus the
 *   id Ecwid gave.
 * Left open: a random code whose POST landed while both the POST's answer and the look-up failed.
 */
export const createCoupon = async (z: ZObject, bundle: Bundle, request: CouponRequest): Promise<EcwidCoupon> => {
  const { body } = request;
  let created: { id?: number };
  try {
    created = await postNewRecord(z, bundle, '/discount_coupons', body, {
      noun: 'discount coupon',
      id: body.code,
      field: COUPON_LABELS.code,
    });
  } catch (error) {
    const conflict = ecwidStatusOf(error) === 409;
    if (!conflict && !isRetryLater(error)) throw error;
    const existing = await findCouponByCode(z, bundle, body.code).catch(() => undefined);
    if (existing && (conflict || couponDifferences(existing, body).length === 0))
      return existingOrConflict(z, request, existing);
    throw error;
  }
  return createdRecord(created.id, {
    read: (id) => fetchCoupon(z, bundle, id),
    // No id: read it back by code rather than guess.
    lookUp: () => findCouponByCode(z, bundle, body.code),
    asSent: (id) => asStored(body, id),
  });
};

/** The coupon as it was sent, when Ecwid's stored copy cannot be read back. */
const asStored = (body: CouponBody, id: number): EcwidCoupon => ({ ...body, id }) as EcwidCoupon;

// ─── Output ─────────────────────────────────────────────────────────────────────────────────────────────

export const COUPON_OUTPUT_FIELDS = [
  field('id', 'Coupon ID', 'integer'),
  field('name', 'Coupon Name'),
  field('code', 'Code'),
  field('discountType', 'Discount Type'),
  field('discount', 'Discount', 'number'),
  field('status', 'Status'),
  field('launchDate', 'Valid From', 'datetime'),
  field('expirationDate', 'Valid Until', 'datetime'),
  field('totalLimit', 'Minimum Order Subtotal', 'number'),
  field('usesLimit', 'Number of Uses'),
  field('applicationLimit', 'Eligible Customers'),
  field('orderCount', 'Times Used', 'integer'),
  field('creationDate', 'Created At', 'datetime'),
  field('updateDate', 'Updated At', 'datetime'),
  listField('catalogLimit__products', 'Product IDs', 'integer'),
  listField('catalogLimit__categories', 'Category IDs', 'integer'),
  listField('shippingLimit__shippingMethods', 'Shipping Method IDs'),
] as const;

export interface CouponOutput {
  id: number;
  name: string;
  code: string;
  discountType: string;
  discount: number;
  status: string;
  launchDate: string | null;
  expirationDate: string | null;
  totalLimit: number;
  usesLimit: string;
  applicationLimit: string;
  orderCount: number;
  creationDate: string | null;
  updateDate: string | null;
  catalogLimit: { products: number[]; categories: number[] };
  shippingLimit: { shippingMethods: string[] };
  [key: string]: unknown;
}

/**
 * The coupon as Ecwid stores it, dates in ISO-8601, with every output field present: Ecwid leaves out
 * what is at its default (no limits, no end date), and Zapier's field lists need the keys.
 */
export const toCouponOutput = (coupon: EcwidCoupon): CouponOutput => {
  const iso = withIsoDates(coupon);
  return {
    ...iso,
    id: Number(coupon.id),
    name: String(coupon.name ?? ''),
    code: String(coupon.code ?? ''),
    discountType: coupon.discountType ?? 'ABS',
    discount: Number(coupon.discount ?? 0),
    status: String(coupon.status ?? ''),
    launchDate: iso.launchDate || null,
    expirationDate: iso.expirationDate || null,
    totalLimit: Number(coupon.totalLimit ?? 0),
    usesLimit: coupon.usesLimit ?? 'UNLIMITED',
    applicationLimit: storedApplicationLimit(coupon),
    orderCount: Number(coupon.orderCount ?? 0),
    creationDate: iso.creationDate || null,
    updateDate: iso.updateDate || null,
    catalogLimit: { products: coupon.catalogLimit?.products ?? [], categories: coupon.catalogLimit?.categories ?? [] },
    shippingLimit: { shippingMethods: coupon.shippingLimit?.shippingMethods ?? [] },
  };
};

/** A coupon as Ecwid answers GET /discount_coupons/{id}; the static sample is it through the live output code. */
const ECWID_SAMPLE_COUPON: EcwidCoupon = {
  id: 358845013,
  name: 'Welcome: 10% off your first order',
  code: 'WELCOME7KQ4M9XHTP2C',
  discountType: 'PERCENT',
  status: 'ACTIVE',
  discount: 10,
  launchDate: '2025-06-01 00:00:00 +0000',
  expirationDate: '2025-06-30 23:59:59 +0000',
  totalLimit: 50,
  usesLimit: 'SINGLE',
  applicationLimit: 'NEW_CUSTOMER_ONLY',
  creationDate: '2025-06-01 09:15:42 +0000',
  updateDate: '2025-06-01 09:15:42 +0000',
  orderCount: 0,
  catalogLimit: { products: [37208342], categories: [9691094] },
  shippingLimit: { shippingMethods: [] },
};

export const COUPON_OUTPUT_SAMPLE: CouponOutput = toCouponOutput(ECWID_SAMPLE_COUPON);

/** The output fields and static sample of both coupon steps: they travel together into `operation`. */
export const COUPON_OUTPUT = { sample: COUPON_OUTPUT_SAMPLE, outputFields: [...COUPON_OUTPUT_FIELDS] };

// ─── Shipping methods (for the Shipping Methods dropdown) ───────────────────────────────────────────────

interface ShippingOption {
  id?: string;
  title?: string;
  enabled?: boolean;
}

/**
 * The store's shipping methods as dropdown choices. GET /profile/shippingOptions answers with a bare array,
 * which the app's client refuses by design (it reads only JSON objects); the same list sits in the profile
 * under shipping.shippingOptions, which every token may read. Disabled methods are listed last, marked.
 */
export const shippingMethodChoices = async (
  z: ZObject,
  bundle: Bundle,
): Promise<Array<{ id: string; name: string }>> => {
  const profile = await ecwidRequest<{ shipping?: { shippingOptions?: ShippingOption[] } }>(z, bundle, {
    path: '/profile',
    params: { responseFields: 'shipping(shippingOptions(id,title,enabled))' },
  });
  const options = (profile.shipping?.shippingOptions ?? []).filter((o) => o.id !== undefined && String(o.id) !== '');
  return options
    .map((o) => ({
      id: String(o.id),
      name: `${o.title || String(o.id)}${o.enabled === false ? ' (disabled)' : ''}`,
      enabled: o.enabled !== false,
    }))
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.name.localeCompare(b.name))
    .map(({ id, name }) => ({ id, name }));
};
