import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { orderTriggerOperation } from '../lib/orders/trigger.js';

/** The flagship Zap's trigger: "Ecwid paid order → Xero sales invoice". */
const { perform, sample, outputFields } = orderTriggerOperation(() => ({ paymentStatus: ['PAID'] }));

export default defineTrigger({
  key: 'new_paid_order',
  noun: 'Order',
  display: {
    label: 'New Paid Order',
    description: "Triggers when an order's payment status becomes Paid, however long after it was placed.",
  },
  operation: {
    type: 'polling',
    perform: perform satisfies PollingTriggerPerform,
    sample,
    outputFields,
  },
});
