import { defineTrigger } from 'zapier-platform-core';
import { orderChoices } from '../lib/orders/order-choices.js';
import { dropdownOperation } from '../lib/inputs/dropdowns.js';

/** Feeds the Order dropdown of Update Order; hidden from the trigger list. */
export default defineTrigger({
  key: 'order_list',
  noun: 'Order',
  display: {
    label: 'List Orders',
    description: 'Triggers when an order is placed (lists recent orders for dropdowns).',
    hidden: true,
  },
  operation: dropdownOperation(orderChoices, { id: 'SHOP-X8UYE', name: 'SHOP-X8UYE · Jane Doe · 67.1 · 2026-11-02' }, [
    'Order ID',
    'Order Summary',
  ]),
});
