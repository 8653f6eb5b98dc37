/** `/carts`: abandoned carts — search (no sortBy: row order is a knob), one cart, and hiding one. */
import type { CartFilter } from '../store.js';
import type { AbandonedCart } from '../types.js';
import { inRowOrder, notFound, page, type Route, type RouteContext } from './route.js';

function cartFilter({ query }: RouteContext): CartFilter {
  return {
    showHidden: query.boolean('showHidden') ?? true,
    ...query.dateWindow(),
    totalFrom: query.number('totalFrom'),
    totalTo: query.number('totalTo'),
    couponCode: query.string('couponCode'),
    customer: query.string('customer'),
  };
}

function findCart({ store, params }: RouteContext): AbandonedCart {
  const cart = store.getCart(params.cartId);
  if (!cart) throw notFound('CART_NOT_FOUND', `Abandoned cart ${params.cartId}`);
  return cart;
}

export const cartRoutes: Route[] = [
  {
    method: 'GET',
    path: '/carts',
    scope: 'read_orders',
    // Ids are ordered and paged first, so only the carts on the page are turned into JSON.
    handle: (ctx) =>
      page(inRowOrder(ctx.store.searchCartIds(cartFilter(ctx)), ctx), ctx, (cartId) => ctx.store.getCart(cartId)!),
  },
  { method: 'GET', path: '/carts/:cartId', scope: 'read_orders', handle: findCart },
  {
    method: 'PUT',
    path: '/carts/:cartId',
    scope: 'update_orders',
    // Of the fields Ecwid lets a client change, only `hidden` is modelled; the others are accepted and ignored.
    handle: (ctx) => {
      const cart = findCart(ctx);
      const hidden = ctx.body.boolean('hidden');
      if (hidden !== undefined) ctx.store.hideCart(cart.cartId, hidden);
      return { updateCount: 1 };
    },
  },
];
