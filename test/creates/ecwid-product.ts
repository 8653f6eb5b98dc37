import type { Bundle } from 'zapier-platform-core';
import App from '../../index.js';
import { page, perform } from '../helpers.js';

/** The app as Zapier runs it (the product actions are registered in index.ts). */
export const PRODUCT_APP = App;

export type ProductActionKey = 'create_product' | 'update_product' | 'adjust_product_stock';

export const performAction = <T = any>(key: ProductActionKey, bundle: Bundle): Promise<T> => perform<T>('creates', key, bundle);

export { page };

export const ecwidProduct = (fields: Record<string, unknown> = {}) => ({
  id: 555,
  sku: 'MUG-01',
  name: 'Enamel Mug',
  price: 12.5,
  quantity: 10,
  unlimited: false,
  inStock: true,
  enabled: true,
  url: 'https://shop.example/p555',
  imageUrl: '',
  description: '<p>Camp mug</p>',
  categoryIds: [],
  created: '2025-06-01 09:15:42 +0000',
  updated: '2025-06-01 09:15:42 +0000',
  createTimestamp: 1748769342,
  updateTimestamp: 1748769342,
  ...fields,
});
