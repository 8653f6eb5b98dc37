import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { findOrder, findOrderByPayment } from '../lib/orders/find-order.js';
import { cachedProfile } from '../lib/ecwid/client.js';
import { ORDER_OUTPUT, toOrderOutput } from '../lib/orders/output.js';

const inputFields = defineInputFields([
  {
    key: 'orderId',
    label: 'Order Number',
    required: false,
    helpText:
      'The order number as Ecwid shows it in My Sales → Orders, e.g. "SHOP-X8UYE" or "1042", with any prefix or suffix your store adds.',
  },
  {
    key: 'paymentReference',
    label: 'Payment Reference or Transaction Number (as on the Statement)',
    required: false,
    helpText:
      'Used when Order Number is empty: the payment reference or transaction ID your bank or payment gateway statement shows (e.g. Stripe "pi_…" or "ch_…", a PayPal transaction ID).',
  },
  {
    key: 'customerEmail',
    label: 'Customer Email',
    required: false,
    helpText: "Used when Order Number and Payment Reference are empty: finds the customer's most recent order.",
  },
]);

const perform = (async (z, bundle) => {
  const orderId = String(bundle.inputData.orderId ?? '').trim();
  const reference = String(bundle.inputData.paymentReference ?? '').trim();
  const [order, profile] = await Promise.all([
    !orderId && reference
      ? findOrderByPayment(z, bundle, reference)
      : findOrder(z, bundle, { orderId, email: String(bundle.inputData.customerEmail ?? '').trim() }),
    cachedProfile(z, bundle),
  ]);
  return order ? [toOrderOutput(order, profile.currency)] : [];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_order',
  noun: 'Order',
  display: {
    label: 'Find Order',
    description:
      'Finds an order by its ID, by the payment reference or transaction ID on a bank or gateway statement, or the latest order of a customer by email.',
  },
  operation: { inputFields, perform, ...ORDER_OUTPUT },
});
