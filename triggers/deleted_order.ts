import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { DELETED_ORDER_OUTPUT, pollDeletedOrders } from '../lib/orders/deleted-orders.js';

/** Once per deleted order (id = the order's id); to void the invoice of a cancelled order, see New Order's Cancelled filter. */
const perform = (async (z, bundle) => pollDeletedOrders(z, bundle)) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'deleted_order',
  noun: 'Deleted Order',
  display: {
    label: 'Deleted Order',
    description:
      'Triggers when an order is deleted in Ecwid (once per order), e.g. to void its Xero invoice. For cancelled orders, use New Order with Payment Status "Cancelled".',
  },
  operation: { type: 'polling', perform, ...DELETED_ORDER_OUTPUT },
});
