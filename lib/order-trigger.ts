import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedProfile } from './ecwid.js';
import { ORDER_OUTPUT_FIELDS, ORDER_SAMPLE, toOrderOutput } from './order-output.js';
import { pollModeOf } from './poll.js';
import type { EcwidOrder } from './types.js';
import { orderFilterOf, pollOrders } from './orders.js';

/**
 * The operation shared by every order trigger: the trigger says which statuses it wants, this reads the window
 * (lib/orders.ts) and shapes each order (lib/order-output.ts).
 */
export const orderTriggerOperation = (statusInputs: (z: ZObject, bundle: Bundle) => Record<string, unknown>) => ({
  perform: async (z: ZObject, bundle: Bundle) => {
    const filter = orderFilterOf(z, statusInputs(z, bundle));
    if (pollModeOf(bundle) === 'dedupe') return pollOrders(z, bundle, filter, (order) => order);
    // The store's currency (cached: no extra request on a warm process) is read alongside the orders.
    const [orders, profile] = await Promise.all([pollOrders(z, bundle, filter, (order) => order), cachedProfile(z, bundle)]);
    return (orders as unknown as EcwidOrder[]).map((order) => toOrderOutput(order, profile.currency));
  },
  sample: ORDER_SAMPLE,
  outputFields: ORDER_OUTPUT_FIELDS,
});
