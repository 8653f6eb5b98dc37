/**
 * Ecwid REST API v3 records as this app reads them (see docs/ecwid-api-notes.md). Every field is optional
 * unless Ecwid always sends it: real orders omit billingPerson, shippingPerson, email, taxes, discounts….
 */

export interface EcwidPerson {
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
  stateOrProvinceName?: string;
  phone?: string;
}

export interface EcwidTax {
  name?: string;
  /** rate in percent */
  value?: number;
  total?: number;
  taxOnDiscountedSubtotal?: number;
  taxOnShipping?: number;
  includeInPrice?: boolean;
  taxClassCode?: string;
}

export interface EcwidSelectedOption {
  name?: string;
  value?: string;
  type?: string;
}

export interface EcwidItemDiscount {
  discountInfo?: { value?: number; type?: string; base?: string; description?: string };
  total?: number;
}

export interface EcwidOrderItem {
  id?: number;
  productId?: number;
  sku?: string;
  name?: string;
  /** unit price, with options, before discounts; gross or net as the order's pricesIncludeTax says */
  price?: number;
  productPrice?: number;
  priceWithoutTax?: number;
  quantity?: number;
  tax?: number;
  taxes?: EcwidTax[];
  shipping?: number;
  couponAmount?: number;
  couponApplied?: boolean;
  discounts?: EcwidItemDiscount[];
  selectedOptions?: EcwidSelectedOption[];
  imageUrl?: string;
  digital?: boolean;
  weight?: number;
  categoryId?: number;
}

export interface EcwidSurcharge {
  id?: string;
  value?: number;
  type?: string;
  total?: number;
  totalWithoutTax?: number;
  description?: string;
  descriptionWithoutTax?: string;
  taxable?: boolean;
  taxes?: EcwidTax[];
}

export interface EcwidCustomDiscount {
  value?: number;
  type?: string;
  base?: string;
  total?: number;
  description?: string;
}

export interface EcwidOrder {
  id: string;
  internalId?: number;
  orderNumber?: number;
  email?: string;
  customerId?: number;
  customerGroup?: string;
  paymentStatus?: string;
  fulfillmentStatus?: string;
  paymentMethod?: string;
  createDate?: string;
  updateDate?: string;
  createTimestamp?: number;
  updateTimestamp?: number;
  subtotal?: number;
  subtotalWithoutTax?: number;
  total?: number;
  totalWithoutTax?: number;
  tax?: number;
  pricesIncludeTax?: boolean;
  couponDiscount?: number;
  discount?: number;
  volumeDiscount?: number;
  membershipBasedDiscount?: number;
  totalAndMembershipBasedDiscount?: number;
  customDiscount?: EcwidCustomDiscount[];
  customSurcharges?: EcwidSurcharge[];
  discountInfo?: Array<{ value?: number; type?: string; base?: string; description?: string }>;
  discountCoupon?: { id?: number; name?: string; code?: string; discountType?: string; discount?: number };
  giftCardRedemption?: number;
  totalBeforeGiftCardRedemption?: number;
  refundedAmount?: number;
  shippingOption?: {
    shippingMethodName?: string;
    shippingRate?: number;
    shippingRateWithoutTax?: number;
    isPickup?: boolean;
    discountedShippingRate?: number;
  };
  handlingFee?: { name?: string; value?: number; valueWithoutTax?: number; description?: string };
  taxesOnShipping?: Array<{ name?: string; value?: number; total?: number }>;
  trackingNumber?: string;
  billingPerson?: EcwidPerson;
  shippingPerson?: EcwidPerson;
  items?: EcwidOrderItem[];
  privateAdminNotes?: string;
  [key: string]: unknown;
}

export interface EcwidCustomer {
  id: number;
  email?: string;
  name?: string;
  registered?: string;
  updated?: string;
  totalOrderCount?: number;
  customerGroupId?: number;
  customerGroupName?: string;
  billingPerson?: EcwidPerson;
  shippingAddresses?: Array<EcwidPerson & { id?: number }>;
  taxId?: string;
  acceptMarketing?: boolean;
  lang?: string;
  [key: string]: unknown;
}

export interface EcwidProduct {
  id: number;
  sku?: string;
  name?: string;
  price?: number;
  compareToPrice?: number;
  quantity?: number;
  unlimited?: boolean;
  inStock?: boolean;
  enabled?: boolean;
  url?: string;
  imageUrl?: string;
  description?: string;
  categoryIds?: number[];
  created?: string;
  updated?: string;
  createTimestamp?: number;
  updateTimestamp?: number;
  [key: string]: unknown;
}

export interface EcwidCoupon {
  id: number;
  name?: string;
  code?: string;
  discountType?: string;
  status?: string;
  discount?: number;
  launchDate?: string;
  expirationDate?: string;
  totalLimit?: number;
  usesLimit?: string;
  applicationLimit?: string;
  creationDate?: string;
  updateDate?: string;
  orderCount?: number;
  catalogLimit?: { products?: number[]; categories?: number[] };
  shippingLimit?: { shippingMethods?: string[] };
  [key: string]: unknown;
}
