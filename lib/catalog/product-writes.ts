import type { Bundle, ZObject } from 'zapier-platform-core';
import { ecwidStatusOf, isRetryLater } from '../ecwid/errors.js';
import { createdRecord, ecwidRequest, pathSegment, postNewRecord } from '../ecwid/client.js';
import {
  findProducts,
  PRODUCT_OUTPUT_FIELDS,
  PRODUCT_OUTPUT_SAMPLE,
  toProductOutput,
  type ProductOutput,
} from './products.js';
import type { EcwidProduct } from '../ecwid/types.js';
import {
  idList,
  invalidInput,
  optionalBoolean,
  optionalInteger,
  optionalNumber,
  optionalText,
  requiredId,
  requiredText,
} from '../inputs/validate.js';

/**
 * "Create Product", "Update Product" and "Adjust Product Stock": what the merchant typed is checked in full
 * before the first request (a wrong field sends nothing), only what was filled in is sent, and every step
 * answers with the product as Ecwid then stores it (read back with GET), shaped like New Product and Find Product.
 */

/** The labels of the actions' fields: error messages name the field exactly as the merchant sees it. */
export const PRODUCT_LABELS = {
  productId: 'Product',
  name: 'Product Name',
  sku: 'SKU',
  price: 'Price',
  compareToPrice: 'Compare-To Price',
  quantity: 'Quantity in Stock',
  unlimited: 'Unlimited Stock',
  categoryIds: 'Categories',
  description: 'Description',
  enabled: 'Enabled',
  quantityDelta: 'Quantity Change',
} as const;

const L = PRODUCT_LABELS;

/** The product an action changes: Update Product and Adjust Product Stock ask for it the same way. */
export const PRODUCT_ID_INPUT = {
  key: 'productId',
  label: L.productId,
  required: true,
  dynamic: 'product_list.id.name',
  search: 'find_product.id',
  helpText: 'Pick a product, or map the Product ID from an earlier step (New Product, Find Product).',
} as const;

/** Ecwid keeps stock counts as 32-bit integers (`Int` in its own API client). */
export const MAX_STOCK = 2_147_483_647;

/** A body of POST or PUT /products/{id}, as Ecwid names it. Only what the merchant set is sent. */
export interface ProductBody {
  name?: string;
  sku?: string;
  price?: number;
  compareToPrice?: number;
  quantity?: number;
  unlimited?: boolean;
  categoryIds?: number[];
  description?: string;
  enabled?: boolean;
}

/** Only the keys that carry a value: Ecwid leaves every other field of the product as it is. */
const given = <T extends object>(candidates: T): Partial<T> =>
  Object.fromEntries(Object.entries(candidates).filter(([, value]) => value !== undefined)) as Partial<T>;

/** The fields Create Product and Update Product share; blank means "not set" (create) or "keep" (update). */
const sharedFields = (z: ZObject, inputData: Record<string, unknown>): ProductBody => ({
  name: optionalText(z, inputData.name, L.name),
  sku: optionalText(z, inputData.sku, L.sku),
  price: optionalNumber(z, inputData.price, L.price, { min: 0, what: 'in the store currency' }),
  compareToPrice: optionalNumber(z, inputData.compareToPrice, L.compareToPrice, {
    min: 0,
    what: 'in the store currency',
  }),
  description: optionalText(z, inputData.description, L.description),
  enabled: optionalBoolean(z, inputData.enabled, L.enabled),
});

// ─── Create ─────────────────────────────────────────────────────────────────────────────────────────────

export type NewProductBody = ProductBody & { name: string; enabled: boolean };

/**
 * The body of POST /products for the merchant's inputs, or an error naming the field. Stock: a quantity means
 * tracked stock; "Unlimited Stock" yes means untracked; "Unlimited Stock" no alone means tracked, starting at 0;
 * neither means unlimited, sent explicitly so the result does not depend on Ecwid's default.
 */
export const productCreateFrom = (z: ZObject, inputData: Record<string, unknown>): NewProductBody => {
  const name = requiredText(z, inputData.name, L.name);
  const shared = sharedFields(z, inputData);
  const quantity = optionalInteger(z, inputData.quantity, L.quantity, { min: 0, max: MAX_STOCK });
  const unlimited = optionalBoolean(z, inputData.unlimited, L.unlimited);
  if (quantity !== undefined && unlimited === true) {
    throw invalidInput(
      z,
      `${L.quantity} must be empty when ${L.unlimited} is yes: a product with unlimited stock has no quantity (got ${quantity}). Clear one of the two fields.`,
    );
  }
  const categoryIds = idList(z, inputData.categoryIds, L.categoryIds);
  const stock: Pick<ProductBody, 'quantity' | 'unlimited'> =
    quantity !== undefined
      ? { quantity, unlimited: false }
      : unlimited === false
        ? { quantity: 0, unlimited: false }
        : { unlimited: true };
  return given({
    ...shared,
    name,
    ...stock,
    categoryIds: categoryIds.length > 0 ? categoryIds : undefined,
    enabled: shared.enabled ?? true,
  }) as NewProductBody;
};

// ─── Ecwid calls ────────────────────────────────────────────────────────────────────────────────────────

const productSubject = (id: number | string) => ({ noun: 'product', id, field: L.productId });

export const fetchProduct = (z: ZObject, bundle: Bundle, id: number | string): Promise<EcwidProduct> =>
  ecwidRequest<EcwidProduct>(z, bundle, {
    path: `/products/${pathSegment(z, id, L.productId)}`,
    subject: productSubject(id),
  });

/** The product whose own SKU is exactly this one (Ecwid's `sku=` also finds products by a variation's SKU). */
const findBySku = async (z: ZObject, bundle: Bundle, sku: string): Promise<EcwidProduct | undefined> => {
  const [first] = await findProducts(z, bundle, { sku });
  return first && String(first.sku ?? '').toLowerCase() === sku.toLowerCase() ? first : undefined;
};

const sameNumber = (stored: unknown, sent: number): boolean =>
  typeof stored === 'number' && Math.abs(stored - sent) < 1e-9;

/**
 * The labels of the fields in which a stored product differs from what Create Product would send; empty when it
 * is the same product. Stock and description are not compared: sales move stock, and Ecwid may tidy the HTML.
 */
export const productDifferences = (stored: EcwidProduct, body: NewProductBody): string[] => {
  const differs: string[] = [];
  if (String(stored.name ?? '').trim() !== body.name) differs.push(L.name);
  if (body.price !== undefined && !sameNumber(stored.price ?? 0, body.price)) differs.push(L.price);
  if (body.compareToPrice !== undefined && !sameNumber(stored.compareToPrice, body.compareToPrice))
    differs.push(L.compareToPrice);
  if (body.unlimited !== undefined && (stored.unlimited === true) !== body.unlimited) differs.push(L.unlimited);
  return differs;
};

const duplicateSku = (z: ZObject, sku: string, existing: EcwidProduct | undefined, differences: string[]): Error =>
  new z.errors.Error(
    `A product with the ${L.sku} "${sku}" already exists in this Ecwid store` +
      (existing
        ? ` ("${String(existing.name ?? '').slice(0, 60)}", product ID ${existing.id})${differences.length > 0 ? ` with a different ${differences.join(', ')}` : ''}`
        : '') +
      `. Use Update Product to change it, or give this product another ${L.sku} (Ecwid admin → Catalog → Products shows every SKU).`,
    'SKU_ALREADY_EXISTS',
    409,
  );

/** The product as it was sent, when Ecwid's stored copy cannot be read back. */
const asStored = (body: ProductBody, id: number): EcwidProduct => ({ ...body, id });

/**
 * Creates the product and returns it as Ecwid stores it. Safe to retry when it has a SKU (Ecwid refuses a SKU
 * twice with 409 SKU_ALREADY_EXISTS):
 * - a 409, or a POST failure Zapier would retry (5xx, timeout, rate limit), looks the SKU up: a product with the
 *   same name, price, compare-to price and stock mode is an earlier attempt of this step and is returned; after a
 *   409 any other product is an error naming the SKU;
 * - once the product exists, nothing throws: if reading it back fails, the step returns what was sent with its id.
 * Left open: without a SKU there is nothing to look up, so a retried POST whose first answer was lost makes a
 * second product (the field's help text says so).
 */
export const createProduct = async (z: ZObject, bundle: Bundle, body: NewProductBody): Promise<EcwidProduct> => {
  let created: { id?: number };
  try {
    created = await postNewRecord(z, bundle, '/products', body, {
      noun: `product with the ${L.sku}`,
      id: body.sku,
      field: L.sku,
    });
  } catch (error) {
    const conflict = ecwidStatusOf(error) === 409;
    if (body.sku === undefined || (!conflict && !isRetryLater(error))) throw error;
    const existing = await findBySku(z, bundle, body.sku).catch(() => undefined);
    const differences = existing ? productDifferences(existing, body) : [];
    if (existing && differences.length === 0) return fetchProduct(z, bundle, existing.id).catch(() => existing);
    if (conflict) throw duplicateSku(z, body.sku, existing, differences);
    throw error;
  }
  return createdRecord(created.id, {
    read: (id) => fetchProduct(z, bundle, id),
    lookUp: async () => (body.sku === undefined ? undefined : findBySku(z, bundle, body.sku)),
    asSent: (id) => asStored(body, id),
  });
};

// ─── Update ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ProductUpdate {
  productId: number;
  body: ProductBody;
}

/** The PUT for the merchant's inputs: only the fields filled in; nothing filled in is an error. */
export const productUpdateFrom = (z: ZObject, inputData: Record<string, unknown>): ProductUpdate => {
  const productId = requiredId(z, inputData.productId, L.productId);
  const body = given(sharedFields(z, inputData));
  if (Object.keys(body).length === 0) {
    throw invalidInput(
      z,
      `Nothing to change: fill in at least one of ${L.price}, ${L.compareToPrice}, ${L.enabled}, ${L.name}, ${L.sku} or ${L.description}.`,
    );
  }
  return { productId, body };
};

/**
 * Sends the change and returns the product as Ecwid now has it. Safe to retry: the same PUT again leaves the
 * product the same. A SKU another product holds is an error naming it.
 */
export const updateProduct = async (
  z: ZObject,
  bundle: Bundle,
  { productId, body }: ProductUpdate,
): Promise<EcwidProduct> => {
  try {
    await ecwidRequest<{ updateCount?: number }>(z, bundle, {
      method: 'PUT',
      path: `/products/${pathSegment(z, productId, L.productId)}`,
      body: { ...body },
      subject: productSubject(productId),
    });
  } catch (error) {
    if (ecwidStatusOf(error) !== 409 || body.sku === undefined) throw error;
    const holder = await findBySku(z, bundle, body.sku).catch(() => undefined);
    throw duplicateSku(z, body.sku, holder && holder.id !== productId ? holder : undefined, []);
  }
  return fetchProduct(z, bundle, productId);
};

// ─── Stock ──────────────────────────────────────────────────────────────────────────────────────────────

export interface StockAdjustment {
  productId: number;
  quantityDelta: number;
}

export const stockAdjustmentFrom = (z: ZObject, inputData: Record<string, unknown>): StockAdjustment => {
  const productId = requiredId(z, inputData.productId, L.productId);
  const quantityDelta = optionalInteger(z, inputData.quantityDelta, L.quantityDelta, {
    min: -MAX_STOCK,
    max: MAX_STOCK,
  });
  if (quantityDelta === undefined) {
    throw invalidInput(z, `${L.quantityDelta} is required: how many to add (like 5) or take away (like -2).`);
  }
  if (quantityDelta === 0) {
    throw invalidInput(z, `${L.quantityDelta} must not be 0: give how many to add (like 5) or take away (like -2).`);
  }
  return { productId, quantityDelta };
};

/** The product after the change, with the change applied (0 when nothing was changed) and Ecwid's warning. */
export type StockAdjustmentOutput = ProductOutput & { quantityDelta: number; warning: string };

export const STOCK_ADJUSTMENT_OUTPUT_FIELDS = [
  ...PRODUCT_OUTPUT_FIELDS,
  { key: 'quantityDelta', label: 'Quantity Change Applied', type: 'integer' },
  { key: 'warning', label: 'Warning' },
] as const;

export const STOCK_ADJUSTMENT_OUTPUT_SAMPLE: StockAdjustmentOutput = {
  ...PRODUCT_OUTPUT_SAMPLE,
  quantity: 22,
  quantityDelta: -2,
  warning: '',
};

/** The output fields and static sample of Adjust Product Stock: they travel together into `operation`. */
export const STOCK_ADJUSTMENT_OUTPUT = {
  sample: STOCK_ADJUSTMENT_OUTPUT_SAMPLE,
  outputFields: [...STOCK_ADJUSTMENT_OUTPUT_FIELDS],
};

/**
 * Ecwid's 429: refused before anything was done. errors.ts says so only in the ThrottledError's words (5xx and
 * timeouts give ThrottledError too), so they are matched here; a test pins them.
 */
const isRateLimited = (error: unknown): boolean =>
  isRetryLater(error) && /rate limit/i.test(String((error as Error).message));

const nameOf = (product: EcwidProduct): string =>
  `"${String(product.name || `Product ${product.id}`).slice(0, 60)}" (ID ${product.id})`;

const untracked = (product: EcwidProduct): StockAdjustmentOutput => ({
  ...toProductOutput(product),
  quantityDelta: 0,
  warning:
    `${nameOf(product)} has unlimited stock, so Ecwid does not count its quantity and nothing was changed. ` +
    'To track it, turn off unlimited stock on the product page in Ecwid admin → Catalog → Products.',
});

/**
 * Adds `quantityDelta` (negative: takes away) with Ecwid's inventory endpoint, which applies the change in one
 * step on Ecwid's side: sales at the same moment are not overwritten (no read-modify-write of `quantity`). Ecwid
 * may let stock go below zero and says so in `warning`, which the step passes on.
 *
 * A product with unlimited stock has no count to change: the step sends nothing and returns the product with
 * `quantityDelta` 0 and a warning, rather than failing — a Zap that mirrors sales into Ecwid would otherwise stop
 * (and Zapier turn it off) on every sale of a product whose stock is deliberately not tracked.
 *
 * Retries: the change is not idempotent, and Ecwid takes no idempotency key. When the PUT fails in a way Zapier
 * retries (5xx, timeout), the stock is read again: the old quantity plus the change means it landed (returned as
 * done); the old quantity means it did not (Zapier retries); anything else — sales meanwhile, or a stock that cannot
 * be read — cannot be told apart and stops with an error asking the merchant to check, rather than risk applying
 * the change twice. A rate-limited PUT (429) was refused before anything happened and is simply retried.
 * Left open: a request that times out here but lands at Ecwid after the re-read.
 */
export const adjustStock = async (
  z: ZObject,
  bundle: Bundle,
  { productId, quantityDelta }: StockAdjustment,
): Promise<StockAdjustmentOutput> => {
  const before = await fetchProduct(z, bundle, productId);
  if (before.unlimited === true) return untracked(before);
  const previous = Number(before.quantity ?? 0);
  let answer: { updateCount?: number; warning?: string };
  try {
    answer = await ecwidRequest<{ updateCount?: number; warning?: string }>(z, bundle, {
      method: 'PUT',
      path: `/products/${pathSegment(z, productId, L.productId)}/inventory`,
      body: { quantityDelta },
      subject: productSubject(productId),
    });
  } catch (error) {
    // Refused before Ecwid did anything (an error status, or its rate limit): nothing landed, a retry is right.
    if (!isRetryLater(error) || isRateLimited(error)) throw error;
    const now = await fetchProduct(z, bundle, productId).catch(() => undefined);
    const current = Number(now?.quantity ?? 0);
    if (now && (now.unlimited === true || current === previous)) throw error;
    if (now && current === previous + quantityDelta) return { ...toProductOutput(now), quantityDelta, warning: '' };
    const seen = now
      ? `its stock went from ${previous} to ${current} meanwhile (sales or other changes)`
      : `its stock (${previous} before) could not be read again`;
    throw new z.errors.Error(
      `Ecwid did not confirm the ${L.quantityDelta} of ${quantityDelta} for ${nameOf(now ?? before)}, and ${seen}, so whether this change was applied ` +
        'cannot be told. Check the stock in Ecwid admin → Catalog → Products before replaying this step.',
      'StockChangeUncertain',
      409,
    );
  }
  const warning = typeof answer.warning === 'string' ? answer.warning : '';
  const after = await fetchProduct(z, bundle, productId).catch(() => undefined);
  if (answer.updateCount === 0) {
    // Nothing changed, so an error is safe to replay. Unlimited since the first read: the same note as above.
    const product = after ?? before;
    if (product.unlimited === true) return untracked(product);
    throw new z.errors.Error(
      `Ecwid did not change the stock of ${nameOf(product)}.${warning ? ` Ecwid says: "${warning.slice(0, 300)}"` : ''} Check the product in Ecwid admin → Catalog → Products.`,
      'StockNotChanged',
      422,
    );
  }
  // The change has landed: from here nothing may throw, or a replay would apply it twice.
  if (!after) {
    const note = `Ecwid applied the change, but the product could not be read back: ${L.quantity} is the stock before the change plus the change.`;
    return {
      ...toProductOutput({ ...before, quantity: previous + quantityDelta }),
      quantityDelta,
      warning: warning ? `${warning} ${note}` : note,
    };
  }
  return { ...toProductOutput(after), quantityDelta, warning };
};
