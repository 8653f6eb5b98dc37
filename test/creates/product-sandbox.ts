import { beforeEach } from '@jest/globals';
import { useSandboxStore } from '../sandbox-store.js';

/** The product actions against one sandbox store, its injected faults off unless a test turns them on. */
export const useProductSandbox = () => {
  const shop = useSandboxStore();
  beforeEach(() => {
    shop.sandbox.setKnobs({ faults: { errorRate: 0, truncateRate: 0 } });
  });
  return {
    shop,
    /** Runs product action `key` against the store. */
    run: <T = any>(key: string, input: Record<string, unknown>) => shop.perform<T>('creates', key, input),
    /** The product as the store holds it. */
    stored: (id: number) => shop.sandbox.store.products.find((p) => p.id === id)!,
  };
};
