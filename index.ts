import zapier, { defineApp } from 'zapier-platform-core';
import authentication from './authentication.js';
import { addBearerToken } from './lib/ecwid/auth-header.js';
import { handleEcwidErrors } from './lib/ecwid/errors.js';
import newOrder from './triggers/new_order.js';
import newPaidOrder from './triggers/new_paid_order.js';
import newCustomer from './triggers/new_customer.js';
import newProduct from './triggers/new_product.js';
import orderStatusChanged from './triggers/order_status_changed.js';
import newOrderLineItem from './triggers/new_order_line_item.js';
import newAbandonedCart from './triggers/new_abandoned_cart.js';
import newRefund from './triggers/new_refund.js';
import deletedOrder from './triggers/deleted_order.js';
import orderList from './triggers/order_list.js';
import updateOrder from './creates/update_order.js';
import createCustomer from './creates/create_customer.js';
import createDiscountCoupon from './creates/create_discount_coupon.js';
import createProduct from './creates/create_product.js';
import updateProduct from './creates/update_product.js';
import adjustProductStock from './creates/adjust_product_stock.js';
import findCustomer, { findOrCreateCustomer } from './searches/find_customer.js';
import findDiscountCoupon, { findOrCreateDiscountCoupon } from './searches/find_discount_coupon.js';
import findProduct from './searches/find_product.js';
import categoryList from './triggers/category_list.js';
import customerGroupList from './triggers/customer_group_list.js';
import productList from './triggers/product_list.js';
import shippingMethodList from './triggers/shipping_method_list.js';
import findOrder from './searches/find_order.js';

/** Zapier wants each kind of step as an object keyed by the step's key. */
const byKey = <T extends { key: string }>(steps: readonly T[]): Record<string, T> =>
  Object.fromEntries(steps.map((step) => [step.key, step]));

export default defineApp({
  version: '1.0.0',
  platformVersion: zapier.version,
  authentication,
  // Our error mapper sees 429s first, so the merchant reads Ecwid's limit and the Retry-After delay.
  flags: { throwForThrottlingEarly: false },
  beforeRequest: [addBearerToken],
  afterResponse: [handleEcwidErrors],
  triggers: byKey([
    newOrder,
    newPaidOrder,
    newCustomer,
    newProduct,
    orderStatusChanged,
    newOrderLineItem,
    newAbandonedCart,
    newRefund,
    deletedOrder,
    orderList,
    categoryList,
    productList,
    customerGroupList,
    shippingMethodList,
  ]),
  creates: byKey([createDiscountCoupon, createCustomer, updateOrder, createProduct, updateProduct, adjustProductStock]),
  searches: byKey([findOrder, findDiscountCoupon, findCustomer, findProduct]),
  searchOrCreates: byKey([findOrCreateCustomer, findOrCreateDiscountCoupon]),
});
