import type { Bundle, ZObject } from 'zapier-platform-core';
import { ORDER_OUTPUT_FIELDS, toOrderOutput } from './order-output.js';
import { orderFilterOf, pollOrders } from './orders.js';
import { SAMPLE_ORDER } from './samples.js';

/**
 * The operation shared by every order trigger: the trigger says which statuses it wants, this reads the window
 * (lib/orders.ts) and shapes each order (lib/order-output.ts).
 */
export const orderTriggerOperation = (statusInputs: (z: ZObject, bundle: Bundle) => Record<string, unknown>) => ({
  perform: async (z: ZObject, bundle: Bundle) => {
    const filter = orderFilterOf(z, statusInputs(z, bundle));
    return pollOrders(z, bundle, filter, toOrderOutput);
  },
  sample: toOrderOutput(SAMPLE_ORDER),
  outputFields: ORDER_OUTPUT_FIELDS,
});
