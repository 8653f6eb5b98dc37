import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollRefunds, REFUND_OUTPUT_FIELDS, REFUND_SAMPLE } from '../lib/refunds/refunds.js';

/** "Ecwid New Refund → Xero Create Credit Note": one firing per refund (the id scheme is in lib/refunds/refunds.ts). */
const perform = (async (z, bundle) => pollRefunds(z, bundle)) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'new_refund',
  noun: 'Refund',
  display: {
    label: 'New Refund',
    description:
      'Triggers when an order is refunded, once per refund: full or partial (a second partial refund triggers again, for its own amount), also when the order is marked Refunded by hand.',
  },
  operation: {
    type: 'polling',
    perform,
    sample: REFUND_SAMPLE,
    outputFields: REFUND_OUTPUT_FIELDS,
  },
});
