/** `/products` (search, one, create, update, inventory) and `/categories`. */
import { ApiError, wrongParameter } from '../api-error.js';
import type { BodyReader } from '../input.js';
import { PRODUCT_SORTS, type EcwidStore, type ProductInput } from '../store.js';
import type { Category, Product } from '../types.js';
import { notFound, numericId, page, type Route, type RouteContext } from './route.js';

function findProduct({ store, params }: RouteContext): Product {
  const product = store.getProduct(numericId(params.id, 'PRODUCT_NOT_FOUND', `Product ${params.id}`));
  if (!product) throw notFound('PRODUCT_NOT_FOUND', `Product ${params.id}`);
  return product;
}

function productInput(body: BodyReader, store: EcwidStore, self?: Product): ProductInput {
  const sku = body.string('sku', { nonEmpty: true });
  const owner = sku === undefined ? undefined : store.findProductBySku(sku);
  if (owner && owner !== self)
    throw new ApiError(409, 'SKU_ALREADY_EXISTS', `A product with the SKU ${sku} already exists`);
  const categoryIds = body.intArray('categoryIds');
  const unknown = categoryIds?.find((id) => !store.categories.some((c) => c.id === id));
  if (unknown !== undefined) throw wrongParameter(`Category ${unknown} does not exist`);
  return {
    sku,
    name: body.string('name', { nonEmpty: true }),
    price: body.number('price', 0),
    quantity: body.int('quantity', 0),
    unlimited: body.boolean('unlimited'),
    enabled: body.boolean('enabled'),
    description: body.string('description'),
    categoryIds,
    weight: body.number('weight', 0),
    isShippingRequired: body.boolean('isShippingRequired'),
    compareToPrice: body.number('compareToPrice', 0),
    imageUrl: body.string('imageUrl'),
  };
}

/**
 * Disabled ("hidden") categories are listed only with `hidden_categories=true`, as in Ecwid; `categoryIds` (a
 * comma list) narrows the search to those ids, still hiding disabled ones unless asked.
 */
function categoryRows(ctx: RouteContext): Category[] {
  const parent = ctx.query.int('parent');
  const includeHidden = ctx.query.boolean('hidden_categories') ?? false;
  const ids = ctx.query.intList('categoryIds');
  return ctx.store.categories.filter(
    (c) =>
      (includeHidden || c.enabled) &&
      (parent === undefined || (parent === 0 ? c.parentId === undefined : c.parentId === parent)) &&
      (ids === undefined || ids.includes(c.id)),
  );
}

export const catalogRoutes: Route[] = [
  {
    method: 'GET',
    path: '/products',
    scope: 'read_catalog',
    handle: (ctx) => {
      const { query } = ctx;
      const rows = ctx.store.searchProducts(
        {
          keyword: query.string('keyword'),
          sku: query.string('sku'),
          productIds: query.intList('productId'),
          category: query.int('category'),
          ...query.dateWindow(),
          enabled: query.boolean('enabled'),
          inStock: query.boolean('inStock'),
        },
        query.oneOf('sortBy', PRODUCT_SORTS),
      );
      return page(rows, ctx);
    },
  },
  { method: 'GET', path: '/products/:id', scope: 'read_catalog', handle: findProduct },
  {
    method: 'POST',
    path: '/products',
    scope: 'create_catalog',
    handle: ({ body, store }) => {
      const input = productInput(body, store);
      if (input.name === undefined) throw wrongParameter("Field 'name' is required");
      return { id: store.addProduct({ ...input, name: input.name }).id };
    },
  },
  {
    method: 'PUT',
    path: '/products/:id',
    scope: 'update_catalog',
    handle: (ctx) => {
      const product = findProduct(ctx);
      ctx.store.updateProduct(product.id, productInput(ctx.body, ctx.store, product));
      return { updateCount: 1 };
    },
  },
  {
    method: 'PUT',
    path: '/products/:id/inventory',
    scope: 'update_catalog',
    handle: (ctx) => {
      const product = findProduct(ctx);
      const delta = ctx.body.int('quantityDelta');
      if (delta === undefined) throw wrongParameter("Field 'quantityDelta' is required");
      return ctx.store.adjustInventory(product.id, delta);
    },
  },
  {
    method: 'GET',
    path: '/categories',
    scope: 'read_catalog',
    handle: (ctx) => {
      const counts = ctx.store.categoryProductCounts();
      return page(categoryRows(ctx), ctx, (c) => ({ ...c, productCount: counts.get(c.id) ?? 0 }));
    },
  },
  {
    method: 'GET',
    path: '/categories/:id',
    scope: 'read_catalog',
    handle: ({ store, params }) => {
      const id = numericId(params.id, 'CATEGORY_NOT_FOUND', `Category ${params.id}`);
      const category = store.categories.find((c) => c.id === id);
      if (!category) throw notFound('CATEGORY_NOT_FOUND', `Category ${params.id}`);
      return { ...category, productCount: store.categoryProductCounts().get(id) ?? 0 };
    },
  },
];
