import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { orderTriggerOperation } from '../lib/orders/trigger.js';
import { XERO_CODE_INPUT_FIELDS } from '../lib/invoice/xero-codes.js';

/** Only the Xero codes of the invoice lines: the statuses are fixed. */
const inputFields = defineInputFields(XERO_CODE_INPUT_FIELDS);

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
    inputFields,
    perform: perform satisfies PollingTriggerPerform<typeof inputFields>,
    sample,
    outputFields,
  },
});
