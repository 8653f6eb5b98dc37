import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { XERO_CODE_INPUT_FIELDS, xeroCodesOf } from '../lib/invoice/xero-codes.js';
import { pollRefunds, REFUND_OUTPUT } from '../lib/refunds/refunds.js';

/** The same Xero codes as New Paid Order's, so the credit note's lines carry the invoice's tax rates and accounts. */
const inputFields = defineInputFields(XERO_CODE_INPUT_FIELDS);

/** "Ecwid New Refund → Xero Create Credit Note": one firing per refund (the id scheme is in lib/refunds/refunds.ts). */
const perform = (async (z, bundle) =>
  pollRefunds(z, bundle, xeroCodesOf(z, bundle.inputData))) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_refund',
  noun: 'Refund',
  display: {
    label: 'New Refund',
    description:
      'Triggers when an order is refunded, once per refund: full or partial (a second partial refund triggers again, for its own amount), also when the order is marked Refunded by hand.',
  },
  operation: { type: 'polling', inputFields, perform, ...REFUND_OUTPUT },
});
