/**
 * The sandbox's data, for code that uses it directly (tests, simulations, benchmarks): the store, its seeded
 * generator and the Ecwid record types. Everything here is an independent reading of docs/ecwid-api-notes.md;
 * nothing is shared with the app's `lib/`.
 */
export { EcwidStore, CUSTOMER_SORTS, PRODUCT_SORTS } from './ecwid-store.js';
export type {
  CartFilter,
  CouponFilter,
  CouponInput,
  CreateCartOptions,
  CreateOrderOptions,
  CustomerFilter,
  CustomerInput,
  CustomerSort,
  DeletedOrderFilter,
  DeletedOrderRecord,
  InventoryResult,
  LatestStats,
  OrderFilter,
  OrderPatch,
  ProductFilter,
  ProductInput,
  ProductSort,
  RefundOptions,
  StoreData,
} from './ecwid-store.js';
export { generateStore, type GenerateStoreOptions } from './generate.js';
export { Clock } from './clock.js';
export type { OrderChange, OrderRecord } from './order-factory.js';
export type { CartRecord } from './cart-factory.js';
export * from './types.js';
