import type { Bundle, ZObject } from 'zapier-platform-core';
import { ORDER_OUTPUT, toOrderOutput } from './output.js';
import { orderFilterOf, pollOrders } from './window.js';
import { xeroCodesOf } from '../invoice/xero-codes.js';

/**
 * The operation shared by every order trigger: the trigger says which statuses it wants, this reads the window
 * (window.ts) and shapes each order (output.ts) with the Xero codes of the trigger's inputs.
 */
export const orderTriggerOperation = (statusInputs: (z: ZObject, bundle: Bundle) => Record<string, unknown>) => ({
  perform: async (z: ZObject, bundle: Bundle) => {
    const filter = orderFilterOf(z, statusInputs(z, bundle));
    const codes = xeroCodesOf(z, bundle.inputData);
    return pollOrders(z, bundle, filter, (order, currency) => toOrderOutput(order, currency, codes));
  },
  ...ORDER_OUTPUT,
});
