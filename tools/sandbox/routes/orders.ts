/** `/orders`: search (no sortBy: row order is a knob), one order, the last order, and updates. */
import { wrongParameter } from '../api-error.js';
import type { OrderFilter, OrderPatch } from '../store.js';
import { formatEcwidDate } from '../dates.js';
import { FULFILLMENT_STATUSES, PAYMENT_STATUSES, type DeletedOrder, type Order } from '../types.js';
import { inRowOrder, notFound, page, readPerson, type Route, type RouteContext } from './route.js';

function orderFilter({ query }: RouteContext): OrderFilter {
  return {
    ids: query.list('ids'),
    keywords: query.string('keywords'),
    email: query.string('email'),
    customerId: query.int('customerId'),
    productId: query.int('productId'),
    totalFrom: query.number('totalFrom'),
    totalTo: query.number('totalTo'),
    ...query.dateWindow(),
    paymentMethod: query.string('paymentMethod'),
    shippingMethod: query.string('shippingMethod'),
    couponCode: query.string('couponCode'),
    paymentReference: query.string('paymentReference'),
    paymentStatuses: query.listOf('paymentStatus', PAYMENT_STATUSES),
    fulfillmentStatuses: query.listOf('fulfillmentStatus', FULFILLMENT_STATUSES),
  };
}

function findOrder({ store, params }: RouteContext): Order {
  const order = store.getOrder(params.id);
  if (!order) throw notFound('ORDER_NOT_FOUND', `Order ${params.id}`);
  return order;
}

function orderPatch({ body, store }: RouteContext): OrderPatch {
  const customerId = body.int('customerId', 1);
  if (customerId !== undefined && !store.getCustomer(customerId))
    throw wrongParameter(`Customer ${customerId} does not exist`);
  return {
    paymentStatus: body.oneOf('paymentStatus', PAYMENT_STATUSES),
    fulfillmentStatus: body.oneOf('fulfillmentStatus', FULFILLMENT_STATUSES),
    trackingNumber: body.string('trackingNumber'),
    privateAdminNotes: body.string('privateAdminNotes'),
    orderComments: body.string('orderComments'),
    email: body.string('email'),
    customerId,
    billingPerson: readPerson(body, 'billingPerson'),
    shippingPerson: readPerson(body, 'shippingPerson'),
    hidden: body.boolean('hidden'),
    acceptMarketing: body.boolean('acceptMarketing'),
    customerTaxExempt: body.boolean('customerTaxExempt'),
    externalFulfillment: body.boolean('externalFulfillment'),
  };
}

export const orderRoutes: Route[] = [
  {
    method: 'GET',
    path: '/orders',
    scope: 'read_orders',
    // Ids are ordered and paged first, so only the orders on the page are turned into JSON.
    handle: (ctx) =>
      page(inRowOrder(ctx.store.searchOrderIds(orderFilter(ctx)), ctx), ctx, (id) => ctx.store.getOrder(id)!),
  },
  {
    method: 'GET',
    path: '/orders/last',
    scope: 'read_orders',
    handle: ({ store }) => {
      const last = store.lastOrder();
      if (!last) throw notFound('ORDER_NOT_FOUND', 'Last order (the store has none)');
      return last;
    },
  },
  {
    // Ecwid's Java client (DeletedOrdersSearchRequest): from_date/to_date in unix seconds; rows `DeletedOrder`.
    method: 'GET',
    path: '/orders/deleted',
    scope: 'read_orders',
    handle: (ctx) =>
      page(
        inRowOrder(
          ctx.store.searchDeletedOrders({ from: ctx.query.date('from_date'), to: ctx.query.date('to_date') }),
          ctx,
        ),
        ctx,
        (d): DeletedOrder => ({ id: d.internalId, orderId: d.orderId, date: formatEcwidDate(d.deletedAt) }),
      ),
  },
  { method: 'GET', path: '/orders/:id', scope: 'read_orders', handle: findOrder },
  {
    method: 'PUT',
    path: '/orders/:id',
    scope: 'update_orders',
    handle: (ctx) => {
      const order = findOrder(ctx);
      ctx.store.updateOrder(order.id, orderPatch(ctx));
      return { updateCount: 1 };
    },
  },
];
