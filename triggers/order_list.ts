import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { orderChoices } from '../lib/orders/order-choices.js';

const perform = (async (z, bundle) => orderChoices(z, bundle, Number(bundle.meta?.page ?? 0))) satisfies PollingTriggerPerform;

/** Feeds the Order dropdown of Update Order; hidden from the trigger list. */
export default defineTrigger({
  key: 'order_list',
  noun: 'Order',
  display: { label: 'List Orders', description: 'Triggers when an order is placed (lists recent orders for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: 'SHOP-X8UYE', name: 'SHOP-X8UYE · Jane Doe · 67.1 · 2026-11-02' },
    outputFields: [
      { key: 'id', label: 'Order ID' },
      { key: 'name', label: 'Order Summary' },
    ],
  },
});
