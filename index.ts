import zapier, { defineApp } from 'zapier-platform-core';
import authentication from './authentication.js';
import { addBearerToken } from './lib/auth-header.js';
import { handleEcwidErrors } from './lib/errors.js';
import newOrder from './triggers/new_order.js';
import newPaidOrder from './triggers/new_paid_order.js';
import newCustomer from './triggers/new_customer.js';
import newProduct from './triggers/new_product.js';
import findOrder from './searches/find_order.js';

export default defineApp({
  version: '1.0.0',
  platformVersion: zapier.version,
  authentication,
  // Our error mapper sees 429s first, so the merchant reads Ecwid's limit and the Retry-After delay.
  flags: { throwForThrottlingEarly: false },
  beforeRequest: [addBearerToken],
  afterResponse: [handleEcwidErrors],
  triggers: {
    [newOrder.key]: newOrder,
    [newPaidOrder.key]: newPaidOrder,
    [newCustomer.key]: newCustomer,
    [newProduct.key]: newProduct,
  },
  creates: {},
  searches: {
    [findOrder.key]: findOrder,
  },
});
