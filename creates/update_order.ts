import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { ORDER_OUTPUT } from '../lib/orders/output.js';
import { ORDER_UPDATE_LABELS as L, orderUpdateFrom, updateOrder } from '../lib/orders/updates.js';
import { FULFILLMENT_STATUS_INPUT, PAYMENT_STATUS_INPUT } from '../lib/orders/statuses.js';

const inputFields = defineInputFields([
  {
    key: 'orderId',
    label: L.orderId,
    required: true,
    dynamic: 'order_list.id.name',
    search: 'find_order.id',
    helpText:
      'Pick a recent order, or map the Order ID from an earlier step (New Order, Find Order) — the number Ecwid shows in My Sales → Orders, e.g. "SHOP-X8UYE".',
  },
  {
    ...PAYMENT_STATUS_INPUT,
    helpText:
      'Leave empty to keep the current one. Changing it moves no money (marking an order Refunded issues no refund); Ecwid may email the customer about the new status if that notification is on.',
  },
  {
    ...FULFILLMENT_STATUS_INPUT,
    helpText:
      'Leave empty to keep the current one. Ecwid may email the customer (e.g. on Shipped) if that notification is on.',
  },
  {
    key: 'trackingNumber',
    label: L.trackingNumber,
    required: false,
    helpText:
      "The carrier's tracking code, shown to the customer on the order. Replaces the current one; leave empty to keep it.",
  },
  {
    key: 'privateAdminNotes',
    label: L.privateAdminNotes,
    type: 'text',
    required: false,
    helpText:
      "Notes only staff see on the order's page in Ecwid admin. Replaces the current notes; leave empty to keep them.",
  },
]);

const perform = (async (z, bundle) =>
  updateOrder(z, bundle, orderUpdateFrom(z, bundle.inputData))) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_order',
  noun: 'Order',
  display: {
    label: 'Update Order',
    description:
      "Updates an order's payment status, fulfillment status, tracking number or private notes; fields left empty stay as they are.",
  },
  operation: { inputFields, perform, ...ORDER_OUTPUT },
});
