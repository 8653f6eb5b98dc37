import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { LINE_ITEM_OUTPUT, pollLineItems } from '../lib/orders/line-item-records.js';
import { FULFILLMENT_STATUS_FILTER, PAYMENT_STATUS_FILTER } from '../lib/orders/statuses.js';
import { orderFilterOf } from '../lib/orders/window.js';

const inputFields = defineInputFields([
  {
    ...PAYMENT_STATUS_FILTER,
    helpText:
      'Only items of orders with one of these payment statuses (Ecwid admin → My Sales → Orders), e.g. "Paid" to count only what was paid for. Leave empty for the items of every new order. With a status chosen, the items trigger once, when their order first has it.',
  },
  {
    ...FULFILLMENT_STATUS_FILTER,
    helpText:
      'Only items of orders with one of these fulfillment statuses. Combined with Payment Status, both must match.',
  },
]);

const perform = (async (z, bundle) =>
  pollLineItems(z, bundle, orderFilterOf(z, bundle.inputData))) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_order_line_item',
  noun: 'Line Item',
  display: {
    label: 'New Order Line Item',
    description:
      "Triggers when an order is placed, once for each item in it, with the order's details on every item (for per-product steps such as stock sheets or fulfilment partners).",
  },
  operation: { type: 'polling', inputFields, perform, ...LINE_ITEM_OUTPUT },
});
