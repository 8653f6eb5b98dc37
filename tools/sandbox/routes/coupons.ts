/** `/discount_coupons`, with Ecwid's validation of coupon bodies; `{idOrCode}` paths take an id or a code. */
import { ApiError, wrongParameter } from '../api-error.js';
import { formatEcwidDate, parseEcwidDate, storedDateSeconds } from '../dates.js';
import type { BodyReader } from '../input.js';
import type { CouponInput, EcwidStore } from '../store.js';
import {
  COUPON_APPLICATION_LIMITS,
  COUPON_STATUSES,
  COUPON_USES_LIMITS,
  DISCOUNT_TYPES,
  type DiscountCoupon,
} from '../types.js';
import { notFound, page, type Route, type RouteContext } from './route.js';

const SETTABLE_STATUSES = ['ACTIVE', 'PAUSED'] as const;

function findCoupon({ store, params }: RouteContext): DiscountCoupon {
  const coupon = store.getCoupon(params.idOrCode);
  if (!coupon) throw notFound('DISCOUNT_COUPON_NOT_FOUND', `Discount coupon ${params.idOrCode}`);
  return coupon;
}

/** What the API shows: the stored coupon with its effective status (EXPIRED / USEDUP). */
const couponView =
  (store: EcwidStore) =>
  (coupon: DiscountCoupon): DiscountCoupon => ({ ...coupon, status: store.effectiveCouponStatus(coupon) });

function assertCodeFree(store: EcwidStore, code: string, self?: DiscountCoupon): void {
  const owner = store.findCouponByCode(code);
  if (owner && owner !== self)
    throw new ApiError(409, 'DISCOUNT_COUPON_ALREADY_EXISTS', 'The coupon with the given code already exists');
}

/** `"yyyy-MM-dd HH:mm:ss Z"` in any offset → stored in UTC. */
function readDate(body: BodyReader, name: string): string | undefined {
  const text = body.string(name);
  if (text === undefined) return undefined;
  const seconds = parseEcwidDate(text);
  if (seconds === undefined)
    throw wrongParameter(`Field '${name}' must look like '2024-09-04 07:22:09 +0000', got '${text}'`);
  return formatEcwidDate(seconds);
}

/** The fields present in a coupon body, each validated; `existing` supplies the rest when checking combinations. */
function couponFields(body: BodyReader, existing?: DiscountCoupon): Partial<CouponInput> {
  const creating = existing === undefined;
  const status = body.string('status');
  if (
    status !== undefined &&
    (COUPON_STATUSES as readonly string[]).includes(status) &&
    !(SETTABLE_STATUSES as readonly string[]).includes(status)
  ) {
    throw wrongParameter(`Field 'status' can only be set to ACTIVE or PAUSED; Ecwid itself sets ${status}`);
  }
  const catalogLimit = body.object('catalogLimit');
  const shippingLimit = body.object('shippingLimit');
  const repeatCustomerOnly = body.boolean('repeatCustomerOnly');
  const fields: Partial<CouponInput> = {
    name: body.string('name', { required: creating, nonEmpty: true }),
    code: body.string('code', { required: creating, nonEmpty: true, maxLength: 128 }),
    discountType: body.oneOf('discountType', DISCOUNT_TYPES),
    status: body.oneOf('status', SETTABLE_STATUSES),
    discount: body.number('discount', 0),
    launchDate: readDate(body, 'launchDate'),
    expirationDate: readDate(body, 'expirationDate'),
    totalLimit: body.number('totalLimit', 0),
    usesLimit: body.oneOf('usesLimit', COUPON_USES_LIMITS),
    // The deprecated boolean still works when the new field is absent.
    applicationLimit:
      body.oneOf('applicationLimit', COUPON_APPLICATION_LIMITS) ??
      (repeatCustomerOnly === undefined ? undefined : repeatCustomerOnly ? 'REPEAT_CUSTOMER_ONLY' : 'UNLIMITED'),
    catalogLimit: catalogLimit && {
      products: catalogLimit.intArray('products') ?? [],
      categories: catalogLimit.intArray('categories') ?? [],
    },
    shippingLimit: shippingLimit && { shippingMethods: shippingLimit.stringArray('shippingMethods') ?? [] },
  };
  if (fields.applicationLimit !== undefined)
    fields.repeatCustomerOnly = fields.applicationLimit === 'REPEAT_CUSTOMER_ONLY';

  const discountType = fields.discountType ?? existing?.discountType ?? 'ABS';
  const discount = fields.discount ?? existing?.discount ?? 0;
  if (discountType.startsWith('PERCENT') && discount > 100)
    throw wrongParameter(`A ${discountType} coupon's discount is a percent: at most 100, got ${discount}`);
  const launch = fields.launchDate ?? existing?.launchDate;
  const expiration = fields.expirationDate ?? existing?.expirationDate;
  if (launch && expiration && storedDateSeconds(expiration) < storedDateSeconds(launch)) {
    throw wrongParameter(`expirationDate (${expiration}) is before launchDate (${launch})`);
  }
  return fields;
}

function newCoupon(fields: Partial<CouponInput>): CouponInput {
  const applicationLimit = fields.applicationLimit ?? 'UNLIMITED';
  return {
    ...fields,
    name: fields.name!,
    code: fields.code!,
    discountType: fields.discountType ?? 'ABS',
    status: fields.status ?? 'ACTIVE',
    discount: fields.discount ?? 0,
    usesLimit: fields.usesLimit ?? 'UNLIMITED',
    applicationLimit,
    repeatCustomerOnly: applicationLimit === 'REPEAT_CUSTOMER_ONLY',
  };
}

export const couponRoutes: Route[] = [
  {
    method: 'GET',
    path: '/discount_coupons',
    scope: 'read_discount_coupons',
    needsDiscounts: true,
    handle: (ctx) => {
      const { query, store } = ctx;
      const rows = store.searchCoupons({
        code: query.string('code'),
        discountTypes: query.listOf('discount_type', DISCOUNT_TYPES),
        availability: query.oneOf('availability', COUPON_STATUSES),
        createdFrom: query.date('createdFrom'),
        updatedFrom: query.date('updatedFrom'),
      });
      return page(rows, ctx, couponView(store));
    },
  },
  {
    method: 'POST',
    path: '/discount_coupons',
    scope: 'create_discount_coupons',
    needsDiscounts: true,
    handle: ({ body, store }) => {
      const coupon = newCoupon(couponFields(body));
      assertCodeFree(store, coupon.code);
      const created = store.createCoupon(coupon);
      return { id: created.id, code: created.code };
    },
  },
  {
    method: 'GET',
    path: '/discount_coupons/:idOrCode',
    scope: 'read_discount_coupons',
    needsDiscounts: true,
    handle: (ctx) => couponView(ctx.store)(findCoupon(ctx)),
  },
  {
    method: 'PUT',
    path: '/discount_coupons/:idOrCode',
    scope: 'update_discount_coupons',
    needsDiscounts: true,
    handle: (ctx) => {
      const coupon = findCoupon(ctx);
      const fields = couponFields(ctx.body, coupon);
      if (fields.code !== undefined) assertCodeFree(ctx.store, fields.code, coupon);
      ctx.store.updateCoupon(coupon, fields);
      return { updateCount: 1 };
    },
  },
  {
    method: 'DELETE',
    path: '/discount_coupons/:idOrCode',
    scope: 'update_discount_coupons',
    needsDiscounts: true,
    handle: (ctx) => {
      ctx.store.deleteCoupon(findCoupon(ctx));
      return { deleteCount: 1 };
    },
  },
];
