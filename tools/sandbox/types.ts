/**
 * The records the sandbox stores, shaped as Ecwid REST API v3 returns them (field names, units, optional fields).
 * Money is in the store currency as a number rounded to cents; dates are `"yyyy-MM-dd HH:mm:ss +0000"` strings,
 * `*Timestamp` fields are unix seconds.
 */

export const PAYMENT_STATUSES = [
  'AWAITING_PAYMENT',
  'PAID',
  'CANCELLED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
  'INCOMPLETE',
  'CUSTOM_PAYMENT_STATUS_1',
  'CUSTOM_PAYMENT_STATUS_2',
  'CUSTOM_PAYMENT_STATUS_3',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const FULFILLMENT_STATUSES = [
  'AWAITING_PROCESSING',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'WILL_NOT_DELIVER',
  'RETURNED',
  'READY_FOR_PICKUP',
  'OUT_FOR_DELIVERY',
  'CUSTOM_FULFILLMENT_STATUS_1',
  'CUSTOM_FULFILLMENT_STATUS_2',
  'CUSTOM_FULFILLMENT_STATUS_3',
] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export const SCOPES = [
  'read_store_profile',
  'read_orders',
  'update_orders',
  'read_customers',
  'create_customers',
  'update_customers',
  'read_catalog',
  'update_catalog',
  'create_catalog',
  'read_discount_coupons',
  'create_discount_coupons',
  'update_discount_coupons',
] as const;
export type Scope = (typeof SCOPES)[number];

export const DISCOUNT_TYPES = ['ABS', 'PERCENT', 'SHIPPING', 'ABS_AND_SHIPPING', 'PERCENT_AND_SHIPPING'] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];
/** Merchants (and the API) set ACTIVE or PAUSED; Ecwid itself reports EXPIRED and USEDUP. */
export const COUPON_STATUSES = ['ACTIVE', 'PAUSED', 'EXPIRED', 'USEDUP'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];
export const COUPON_USES_LIMITS = ['UNLIMITED', 'ONCEPERCUSTOMER', 'SINGLE'] as const;
export type CouponUsesLimit = (typeof COUPON_USES_LIMITS)[number];
export const COUPON_APPLICATION_LIMITS = ['UNLIMITED', 'NEW_CUSTOMER_ONLY', 'REPEAT_CUSTOMER_ONLY'] as const;
export type CouponApplicationLimit = (typeof COUPON_APPLICATION_LIMITS)[number];

export interface Person {
  name?: string;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  street?: string;
  city?: string;
  countryCode?: string;
  countryName?: string;
  postalCode?: string;
  stateOrProvinceCode?: string;
  phone?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Orders

export interface OrderItemTax {
  name: string;
  /** Rate in percent. */
  value: number;
  /** taxOnDiscountedSubtotal + taxOnShipping. */
  total: number;
  taxOnDiscountedSubtotal: number;
  taxOnShipping: number;
  /** Echoes the store setting; Ecwid's own examples contradict it, so read the order's `pricesIncludeTax`. */
  includeInPrice: boolean;
}

export interface DiscountInfo {
  value: number;
  type: 'PERCENT' | 'ABS';
  base: 'ON_TOTAL' | 'ON_MEMBERSHIP' | 'ON_TOTAL_AND_MEMBERSHIP';
  orderTotal?: number;
  membershipId?: number;
  description: string;
}

export interface OrderItemDiscount {
  discountInfo: DiscountInfo;
  total: number;
}

export interface SelectedOption {
  name: string;
  value: string;
  type: 'CHOICE';
}

export interface OrderItem {
  id: number;
  productId: number;
  categoryId: number;
  sku: string;
  name: string;
  /** Unit price with option modifiers, before discounts; gross or net as the order's `pricesIncludeTax` says. */
  price: number;
  /** The product's base unit price (no options). */
  productPrice: number;
  priceWithoutTax: number;
  quantity: number;
  /** Σ taxes[].total for this line. */
  tax: number;
  taxes: OrderItemTax[];
  /** This line's share of `shippingOption.shippingRate`. */
  shipping: number;
  couponAmount: number;
  couponApplied: boolean;
  discounts: OrderItemDiscount[];
  selectedOptions?: SelectedOption[];
  imageUrl: string;
  digital: boolean;
  isShippingRequired: boolean;
  weight: number;
}

export interface ShippingOption {
  shippingMethodId: string;
  shippingMethodName: string;
  shippingRate: number;
  shippingRateWithoutTax: number;
  isPickup: boolean;
  fulfillmentType: 'SHIPPING' | 'PICKUP';
  estimatedTransitTime?: string;
}

export interface HandlingFee {
  name: string;
  value: number;
  description: string;
}

export interface TaxOnShipping {
  name: string;
  value: number;
  total: number;
}

export interface CustomSurcharge {
  id: string;
  value: number;
  type: 'ABSOLUTE' | 'PERCENT';
  total: number;
  totalWithoutTax: number;
  description: string;
  taxable: boolean;
}

export interface Refund {
  /** `"yyyy-MM-dd HH:mm:ss +0000"`, when the refund was made. */
  date: string;
  source: 'CP' | 'API' | 'EXTERNAL';
  reason: string;
  amount: number;
}

export interface OrderCoupon {
  id: number;
  name: string;
  code: string;
  discountType: DiscountType;
  status: CouponStatus;
  discount: number;
  launchDate?: string;
  usesLimit: CouponUsesLimit;
  applicationLimit: CouponApplicationLimit;
  creationDate: string;
  orderCount: number;
  catalogLimit?: CatalogLimit;
}

export interface Order {
  /** The primary id: a string such as "K8XTQ", or "SHOP-K8XTQ" with the store's prefix. */
  id: string;
  internalId: number;
  /** Deprecated by Ecwid; kept because old apps read it. */
  orderNumber: number;
  vendorOrderNumber: string;
  email: string;
  customerId?: number;
  customerGroupId: number;
  customerGroup: string;
  paymentMethod?: string;
  paymentModule?: string;
  /** The gateway's transaction id, once an online payment went through (absent for offline methods). */
  externalTransactionId?: string;
  /** The gateway's payment reference, likewise (a `/orders` filter). */
  paymentReference?: string;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  createDate: string;
  createTimestamp: number;
  updateDate: string;
  updateTimestamp: number;
  pricesIncludeTax: boolean;
  subtotal: number;
  subtotalWithoutTax: number;
  total: number;
  totalWithoutTax: number;
  totalBeforeGiftCardRedemption: number;
  /** Present only when a gift card paid part of the order. */
  giftCardRedemption?: number;
  giftCardCode?: string;
  tax: number;
  couponDiscount: number;
  /** Promotions only (Σ items[].discounts[].total); never includes the coupon. */
  discount: number;
  volumeDiscount: number;
  membershipBasedDiscount: number;
  totalAndMembershipBasedDiscount: number;
  discountInfo: DiscountInfo[];
  discountCoupon?: OrderCoupon;
  customDiscount: number[];
  customSurcharges: CustomSurcharge[];
  refundedAmount: number;
  refunds: Refund[];
  /** Absent when nothing needs shipping. */
  shippingOption?: ShippingOption;
  handlingFee?: HandlingFee;
  taxesOnShipping: TaxOnShipping[];
  trackingNumber?: string;
  billingPerson?: Person;
  shippingPerson?: Person;
  items: OrderItem[];
  ipAddress: string;
  hidden: boolean;
  orderComments?: string;
  privateAdminNotes?: string;
  acceptMarketing: boolean;
  customerTaxExempt: boolean;
  externalFulfillment: boolean;
}

/** A row of `GET /orders/deleted` (Ecwid's Java client `DeletedOrder`): the order's internal number, its id, when. */
export interface DeletedOrder {
  id: number;
  orderId: string;
  date: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Abandoned carts

/**
 * A checkout the shopper started and left (`GET /carts`): the order fields of what was in the cart, under a
 * `cartId` instead of an order id, without the order's statuses, refunds or admin fields.
 */
export type AbandonedCart = Omit<
  Order,
  | 'id'
  | 'internalId'
  | 'orderNumber'
  | 'vendorOrderNumber'
  | 'paymentStatus'
  | 'fulfillmentStatus'
  | 'refunds'
  | 'trackingNumber'
  | 'privateAdminNotes'
  | 'externalFulfillment'
> & {
  /** A UUID in capitals, e.g. "0B299518-FB54-491A-A6E0-5B6BA6E20868". */
  cartId: string;
  /** Present once the cart became an order: that order's `internalId` and its `id`. */
  recoveredOrderId?: number;
  recoveredPublicUid?: string;
};

// ---------------------------------------------------------------------------------------------------------------
// Customers

export interface CustomerStats {
  numberOfOrders: number;
  salesValue: number;
  averageOrderValue: number;
  firstOrderDate?: string;
  lastOrderDate?: string;
}

export interface ShippingAddress extends Person {
  id: number;
  addressFormatted?: string;
}

export interface CustomerContact {
  id: number;
  contact: string;
  type: 'EMAIL' | 'PHONE';
  default: boolean;
}

export interface Customer {
  id: number;
  /** `""` for customers created without one (point-of-sale). */
  email: string;
  name: string;
  registered: string;
  updated: string;
  totalOrderCount: number;
  customerGroupId: number;
  customerGroupName: string;
  billingPerson?: Person;
  shippingAddresses: ShippingAddress[];
  contacts: CustomerContact[];
  taxId: string;
  taxIdValid: boolean;
  taxExempt: boolean;
  acceptMarketing: boolean;
  lang: string;
  privateAdminNotes?: string;
  stats: CustomerStats;
}

export interface CustomerGroup {
  id: number;
  name: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Catalog

export interface ProductOptionChoice {
  text: string;
  priceModifier: number;
  priceModifierType: 'ABSOLUTE';
}

export interface ProductOption {
  type: 'SELECT';
  name: string;
  choices: ProductOptionChoice[];
  defaultChoice: number;
  required: boolean;
}

/** Which of the store's tax sets applies (standard, reduced rate, or none). */
export type TaxClassCode = 'standard' | 'reduced' | 'exempt';

export interface Product {
  id: number;
  sku: string;
  name: string;
  price: number;
  /** Absent when `unlimited`. */
  quantity?: number;
  unlimited: boolean;
  inStock: boolean;
  enabled: boolean;
  url: string;
  imageUrl: string;
  description: string;
  categoryIds: number[];
  defaultCategoryId: number;
  created: string;
  updated: string;
  createTimestamp: number;
  updateTimestamp: number;
  weight: number;
  isShippingRequired: boolean;
  tax: { taxable: boolean; taxClassCode: TaxClassCode };
  options: ProductOption[];
  compareToPrice?: number;
}

export interface Category {
  id: number;
  /** Absent for root categories. */
  parentId?: number;
  orderBy: number;
  name: string;
  enabled: boolean;
  url: string;
  description: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Discount coupons

export interface CatalogLimit {
  products: number[];
  categories: number[];
}

export interface DiscountCoupon {
  id: number;
  name: string;
  code: string;
  discountType: DiscountType;
  /** As stored; the API reports EXPIRED / USEDUP when dates or uses say so (see `effectiveCouponStatus`). */
  status: CouponStatus;
  discount: number;
  launchDate?: string;
  expirationDate?: string;
  totalLimit?: number;
  usesLimit: CouponUsesLimit;
  applicationLimit: CouponApplicationLimit;
  /** Deprecated twin of applicationLimit = REPEAT_CUSTOMER_ONLY. */
  repeatCustomerOnly: boolean;
  creationDate: string;
  updateDate: string;
  orderCount: number;
  catalogLimit?: CatalogLimit;
  shippingLimit?: { shippingMethods: string[] };
}

// ---------------------------------------------------------------------------------------------------------------
// Store settings the generator and the money rules read

export interface TaxRate {
  name: string;
  /** Percent. */
  rate: number;
}

export interface ShippingMethod {
  id: string;
  name: string;
  rate: number;
  isPickup: boolean;
  /** Default true. A disabled method is listed in the profile but never offered at checkout. */
  enabled?: boolean;
  /** Replaces the flat rate when the subtotal reaches it. */
  freeAbove?: number;
  estimatedTransitTime?: string;
}

export interface PaymentMethod {
  name: string;
  module: string;
  /** Offline methods (bank transfer, cash) stay AWAITING_PAYMENT for hours or days. */
  offline: boolean;
}

export interface StoreSettings {
  storeId: number;
  storeName: string;
  storeUrl: string;
  ownerEmail: string;
  currency: string;
  timezone: string;
  pricesIncludeTax: boolean;
  taxClasses: Record<TaxClassCode, TaxRate[]>;
  /** Taxes charged on shipping + handling. */
  shippingTaxes: TaxRate[];
  shippingMethods: ShippingMethod[];
  handlingFee?: { name: string; value: number; description: string };
  paymentMethods: PaymentMethod[];
  /** Promotion: percent off the whole order from a subtotal threshold. */
  volumeDiscount: { threshold: number; percent: number };
  /** Promotion: percent off for one customer group. */
  membershipDiscount: { customerGroupId: number; percent: number };
  orderIdPrefix: string;
  orderIdSuffix: string;
}
