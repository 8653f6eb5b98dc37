import { createHash } from 'node:crypto';
import { outputField as field, outputListField as listField } from '../output/values.js';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fitLength, htmlToText } from '../output/plain-text.js';
import { ecwidStatusOf } from '../ecwid/errors.js';
import { withIsoDates } from '../ecwid/dates.js';
import { ecwidSearch, MAX_PAGE_SIZE } from '../ecwid/client.js';
import type { EcwidProduct } from '../ecwid/types.js';
import type { Choice } from '../inputs/dropdowns.js';

// ─── Searches ───────────────────────────────────────────────────────────────────────────────────────────

/** Zapier uses the first result of a search; a few more help the merchant see what matched in the test step. */
const KEYWORD_RESULTS = 10;

/**
 * Products by SKU or, without one, by keyword (Ecwid's relevance order). Ecwid's `sku=` also finds the
 * product a variation SKU belongs to: products whose own SKU is the one asked for come first.
 * A 404 means nothing matched.
 */
export const findProducts = async (
  z: ZObject,
  bundle: Bundle,
  by: { sku?: string; keyword?: string },
): Promise<EcwidProduct[]> => {
  try {
    if (by.sku !== undefined) {
      const wanted = by.sku.toLowerCase();
      const page = await ecwidSearch<EcwidProduct>(z, bundle, '/products', { sku: by.sku });
      const exact = (p: EcwidProduct) => String(p.sku ?? '').toLowerCase() === wanted;
      return [...page.items.filter(exact), ...page.items.filter((p) => !exact(p))];
    }
    const page = await ecwidSearch<EcwidProduct>(z, bundle, '/products', {
      keyword: by.keyword,
      limit: KEYWORD_RESULTS,
    });
    return page.items.slice(0, KEYWORD_RESULTS);
  } catch (error) {
    if (ecwidStatusOf(error) === 404) return [];
    throw error;
  }
};

// ─── Dropdowns ──────────────────────────────────────────────────────────────────────────────────────────

/** One page of products for a dropdown, by name, labelled "Name (SKU)"; disabled products included. */
export const productChoices = async (z: ZObject, bundle: Bundle, page: number): Promise<Choice[]> => {
  const result = await ecwidSearch<Pick<EcwidProduct, 'id' | 'name' | 'sku'>>(z, bundle, '/products', {
    offset: page * MAX_PAGE_SIZE,
    sortBy: 'NAME_ASC',
    responseFields: 'total,count,offset,limit,items(id,name,sku)',
  });
  return result.items.map((p) => ({
    id: String(p.id),
    name: `${p.name || `Product ${p.id}`}${p.sku ? ` (${p.sku})` : ''}`,
  }));
};

interface EcwidCategory {
  id: number;
  parentId?: number;
  name?: string;
  enabled?: boolean;
}

const CATEGORY_FIELDS = 'total,count,offset,limit,items(id,parentId,name,enabled)';
/** Deeper catalogues than this show the path from this depth down. */
const MAX_ANCESTOR_ROUNDS = 4;
export const PATH_SEPARATOR = ' › ';

/**
 * One page of categories (hidden ones too: a coupon may target them), labelled with their path,
 * "Shoes › Sneakers". Ancestors not on the page are asked for by id, one request per level, so a store
 * with fewer than 100 categories costs one request. If Ecwid ignores `categoryIds` (UNVERIFIED on older
 * servers), only the ids asked for are used, and a parent that cannot be found just shortens the path.
 */
export const categoryChoices = async (z: ZObject, bundle: Bundle, page: number): Promise<Choice[]> => {
  const result = await ecwidSearch<EcwidCategory>(z, bundle, '/categories', {
    offset: page * MAX_PAGE_SIZE,
    hidden_categories: true,
    responseFields: CATEGORY_FIELDS,
  });
  const known = new Map<number, EcwidCategory>(result.items.map((c) => [c.id, c]));
  for (let round = 0; round < MAX_ANCESTOR_ROUNDS; round++) {
    const missing = [
      ...new Set([...known.values()].map((c) => c.parentId).filter((id): id is number => !!id && !known.has(id))),
    ];
    if (missing.length === 0) break;
    const parents = await ecwidSearch<EcwidCategory>(z, bundle, '/categories', {
      categoryIds: missing.slice(0, MAX_PAGE_SIZE),
      hidden_categories: true,
      responseFields: CATEGORY_FIELDS,
    });
    const wanted = new Set(missing);
    const found = parents.items.filter((c) => wanted.has(c.id));
    if (found.length === 0) break;
    for (const c of found) known.set(c.id, c);
  }
  const pathOf = (category: EcwidCategory): string => {
    const names: string[] = [];
    const seen = new Set<number>();
    for (
      let c: EcwidCategory | undefined = category;
      c && !seen.has(c.id);
      c = c.parentId ? known.get(c.parentId) : undefined
    ) {
      seen.add(c.id);
      names.unshift(c.name || `Category ${c.id}`);
    }
    return names.join(PATH_SEPARATOR);
  };
  return result.items
    .map((c) => ({ id: String(c.id), name: `${pathOf(c)}${c.enabled === false ? ' (hidden)' : ''}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

// ─── Output ─────────────────────────────────────────────────────────────────────────────────────────────

export const PRODUCT_OUTPUT_FIELDS = [
  field('id', 'Product ID', 'integer'),
  field('sku', 'SKU'),
  field('name', 'Product Name'),
  field('price', 'Price', 'number'),
  field('compareToPrice', 'Compare-To Price', 'number'),
  field('quantity', 'Quantity in Stock', 'integer'),
  field('unlimited', 'Unlimited Stock', 'boolean'),
  field('inStock', 'In Stock', 'boolean'),
  field('enabled', 'Enabled', 'boolean'),
  field('url', 'Product URL'),
  field('imageUrl', 'Image URL'),
  field('description', 'Description (HTML)'),
  listField('categoryIds', 'Category IDs', 'integer'),
  field('created', 'Created At', 'datetime'),
  field('updated', 'Updated At', 'datetime'),
  field('createTimestamp', 'Created Timestamp', 'integer'),
  field('updateTimestamp', 'Updated Timestamp', 'integer'),
  field('descriptionText', 'Description (Plain Text, Up to 4,000 Characters)'),
  field('itemCode', 'Item Code (Up to 30 Characters)'),
  field('itemName', 'Item Name (Up to 50 Characters)'),
] as const;

export interface ProductOutput {
  id: number;
  sku: string;
  name: string;
  price: number;
  compareToPrice: number | null;
  quantity: number | null;
  unlimited: boolean;
  inStock: boolean;
  enabled: boolean;
  url: string;
  imageUrl: string;
  description: string;
  categoryIds: number[];
  created: string | null;
  updated: string | null;
  /** unix seconds */
  createTimestamp: number | null;
  updateTimestamp: number | null;
  /** The description without HTML, for accounting items (Xero keeps item descriptions as plain text, ≤ 4,000). */
  descriptionText: string;
  /** A code Xero takes for an item (≤ 30 characters, unique): the SKU, shortened when longer. */
  itemCode: string;
  /** The name within Xero's 50 characters. */
  itemName: string;
  [key: string]: unknown;
}

/** Xero's limits on an item (developer.xero.com, Items: Code ≤ 30, Name ≤ 50; a description ≤ 4,000). */
export const ITEM_CODE_MAX_LENGTH = 30;
export const ITEM_NAME_MAX_LENGTH = 50;
export const DESCRIPTION_MAX_LENGTH = 4000;
/** A shortened SKU keeps this many characters of the hash of the whole SKU, so two long SKUs stay two codes. */
const SKU_HASH_LENGTH = 8;

/**
 * The product's Xero item code. The SKU as it is when it fits, so invoice lines (whose item code is the SKU) find the
 * item; a longer SKU keeps its start and ends with "-" and a short hash of the whole SKU (stable, and unique in
 * practice); a product without a SKU is "ECWID-<product id>".
 */
export const itemCodeOf = (sku: string, productId: number): string => {
  const code = sku.trim();
  if (code === '') return `ECWID-${productId}`;
  if (code.length <= ITEM_CODE_MAX_LENGTH) return code;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, SKU_HASH_LENGTH).toUpperCase();
  let start = '';
  for (const character of code) {
    if (start.length + character.length > ITEM_CODE_MAX_LENGTH - SKU_HASH_LENGTH - 1) break;
    start += character;
  }
  return `${start}-${hash}`;
};

/**
 * The product as Ecwid stores it, dates in ISO-8601, with every output field present. `quantity` is null
 * for unlimited stock (Ecwid leaves it out), `compareToPrice` null when there is none.
 */
export const toProductOutput = (product: EcwidProduct): ProductOutput => {
  const iso = withIsoDates(product);
  return {
    ...iso,
    id: Number(product.id),
    sku: String(product.sku ?? ''),
    name: String(product.name ?? ''),
    price: Number(product.price ?? 0),
    compareToPrice: typeof product.compareToPrice === 'number' ? product.compareToPrice : null,
    quantity: typeof product.quantity === 'number' && !product.unlimited ? product.quantity : null,
    unlimited: product.unlimited === true,
    inStock: product.inStock !== false,
    enabled: product.enabled !== false,
    url: String(product.url ?? ''),
    imageUrl: String(product.imageUrl ?? ''),
    description: String(product.description ?? ''),
    categoryIds: Array.isArray(product.categoryIds) ? product.categoryIds : [],
    created: iso.created || null,
    updated: iso.updated || null,
    createTimestamp: typeof product.createTimestamp === 'number' ? product.createTimestamp : null,
    updateTimestamp: typeof product.updateTimestamp === 'number' ? product.updateTimestamp : null,
    descriptionText: fitLength(htmlToText(String(product.description ?? '')), DESCRIPTION_MAX_LENGTH),
    itemCode: itemCodeOf(String(product.sku ?? ''), Number(product.id)),
    itemName: fitLength(String(product.name ?? '').trim(), ITEM_NAME_MAX_LENGTH),
  };
};

/** A product as Ecwid answers GET /products/{id} (trimmed); the static sample is it through the live output code. */
const ECWID_SAMPLE_PRODUCT: EcwidProduct = {
  id: 37208342,
  sku: 'SNK-RUN-42',
  name: 'Trail Running Sneakers',
  price: 89.99,
  compareToPrice: 109.99,
  quantity: 24,
  unlimited: false,
  inStock: true,
  enabled: true,
  url: 'https://store1003.company.site/products/trail-running-sneakers-p37208342',
  imageUrl: 'https://d2j6dbq0eux0bg.cloudfront.net/images/1003/4519581926.jpg',
  description: '<p>Light, grippy and waterproof.</p>',
  categoryIds: [9691094],
  created: '2025-05-12 08:30:00 +0000',
  updated: '2025-06-01 10:12:45 +0000',
  createTimestamp: 1747038600,
  updateTimestamp: 1748772765,
};

export const PRODUCT_OUTPUT_SAMPLE: ProductOutput = toProductOutput(ECWID_SAMPLE_PRODUCT);

/** The output fields and static sample of every product step: they travel together into `operation`. */
export const PRODUCT_OUTPUT = { sample: PRODUCT_OUTPUT_SAMPLE, outputFields: [...PRODUCT_OUTPUT_FIELDS] };
