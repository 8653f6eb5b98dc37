import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollStatusChanges, STATUS_CHANGE_OUTPUT } from '../lib/orders/status-changes.js';
import { FULFILLMENT_STATUS_FILTER, PAYMENT_STATUS_FILTER } from '../lib/orders/statuses.js';
import { orderFilterOf } from '../lib/orders/window.js';
import { XERO_CODE_INPUT_FIELDS } from '../lib/invoice/xero-codes.js';

const inputFields = defineInputFields([
  {
    ...PAYMENT_STATUS_FILTER,
    helpText:
      'Only when the new payment status is one of these (as shown in Ecwid admin → My Sales → Orders). Leave empty for every change. Ecwid keeps no status history, so the previous statuses are empty, and if an order changes twice between two checks only its latest statuses trigger.',
  },
  {
    ...FULFILLMENT_STATUS_FILTER,
    helpText:
      'Only when the new fulfillment status is one of these, e.g. "Shipped" to send tracking emails. Combined with Payment Status, both must match.',
  },
  ...XERO_CODE_INPUT_FIELDS,
]);

const perform = (async (z, bundle) =>
  pollStatusChanges(z, bundle, orderFilterOf(z, bundle.inputData))) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'order_status_changed',
  noun: 'Order Status',
  display: {
    label: 'Order Status Changed',
    description:
      'Triggers when an order is placed or reaches a new combination of payment and fulfillment status (once per combination; edits that change no status do not trigger).',
  },
  operation: { type: 'polling', inputFields, perform, ...STATUS_CHANGE_OUTPUT },
});
