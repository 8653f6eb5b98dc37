import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { orderTriggerOperation } from '../lib/orders/trigger.js';
import { FULFILLMENT_STATUS_FILTER, PAYMENT_STATUS_FILTER } from '../lib/orders/statuses.js';
import { XERO_CODE_INPUT_FIELDS } from '../lib/invoice/xero-codes.js';

const inputFields = defineInputFields([
  {
    ...PAYMENT_STATUS_FILTER,
    helpText:
      'Only orders with one of these payment statuses (as shown in Ecwid admin → My Sales → Orders). Leave empty for every new order. With a status chosen, an order triggers once, when it first has it — even days after it was placed. Choose "Cancelled" to void the order’s Xero invoice (its Invoice Reference) once, when the order is cancelled; deleted orders have their own trigger, Deleted Order.',
  },
  {
    ...FULFILLMENT_STATUS_FILTER,
    helpText:
      'Only orders with one of these fulfillment statuses (Ecwid admin → My Sales → Orders → Fulfillment). Combine with Payment Status, e.g. "Paid" and "Delivered".',
  },
  ...XERO_CODE_INPUT_FIELDS,
]);

const orderTrigger = orderTriggerOperation((z, bundle) => bundle.inputData);
const perform = orderTrigger.perform satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_order',
  noun: 'Order',
  display: {
    label: 'New Order',
    description:
      'Triggers when an order is placed, or when an order first reaches the payment and fulfillment statuses you choose.',
  },
  operation: { type: 'polling', inputFields, ...orderTrigger, perform },
});
