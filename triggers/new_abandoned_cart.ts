import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CART_OUTPUT, DEFAULT_WAIT_MINUTES, pollCarts, waitMinutesOf } from '../lib/carts/carts.js';

const inputFields = defineInputFields([
  {
    key: 'waitMinutes',
    label: 'Wait Before Triggering (Minutes)',
    type: 'integer',
    required: false,
    default: String(DEFAULT_WAIT_MINUTES),
    helpText:
      'How long a cart must sit untouched before the Zap runs, so shoppers still at the checkout are not contacted. 0 runs as soon as Zapier sees the cart; at most 1440 (a day). Carts you delete in Ecwid admin → My Sales → Abandoned Carts, and carts that became an order, never trigger.',
  },
]);

const perform = (async (z, bundle) =>
  pollCarts(z, bundle, waitMinutesOf(z, bundle.inputData))) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_abandoned_cart',
  noun: 'Abandoned Cart',
  display: {
    label: 'New Abandoned Cart',
    description:
      "Triggers when a shopper leaves a checkout unfinished (Ecwid's abandoned carts), with the cart's items and the shopper's email when they gave it.",
  },
  operation: { type: 'polling', inputFields, perform, ...CART_OUTPUT },
});
