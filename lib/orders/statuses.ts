/** Ecwid's order statuses, in the words a merchant sees in Ecwid's admin. INCOMPLETE (abandoned checkout) is left
 * out on purpose: those are not orders yet, and "New Abandoned Cart" is their trigger. */
export const PAYMENT_STATUSES = {
  AWAITING_PAYMENT: 'Awaiting payment',
  PAID: 'Paid',
  CANCELLED: 'Cancelled',
  REFUNDED: 'Refunded',
  PARTIALLY_REFUNDED: 'Partially refunded',
  CUSTOM_PAYMENT_STATUS_1: 'Custom payment status 1',
  CUSTOM_PAYMENT_STATUS_2: 'Custom payment status 2',
  CUSTOM_PAYMENT_STATUS_3: 'Custom payment status 3',
} as const;

export const FULFILLMENT_STATUSES = {
  AWAITING_PROCESSING: 'Awaiting processing',
  PROCESSING: 'Processing',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  WILL_NOT_DELIVER: 'Will not deliver',
  RETURNED: 'Returned',
  READY_FOR_PICKUP: 'Ready for pickup',
  OUT_FOR_DELIVERY: 'Out for delivery',
  CUSTOM_FULFILLMENT_STATUS_1: 'Custom fulfillment status 1',
  CUSTOM_FULFILLMENT_STATUS_2: 'Custom fulfillment status 2',
  CUSTOM_FULFILLMENT_STATUS_3: 'Custom fulfillment status 3',
} as const;

export type PaymentStatus = keyof typeof PAYMENT_STATUSES;
export type FulfillmentStatus = keyof typeof FULFILLMENT_STATUSES;

/** Dropdown choices for a static input field. */
export const choicesOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label, sample: value }));

/**
 * The status input fields: a single choice (Update Order), or with `list: true` a filter on any of the chosen statuses
 * (the order triggers). Each operation adds help text saying what a choice means to it.
 */
export const PAYMENT_STATUS_INPUT = {
  key: 'paymentStatus',
  label: 'Payment Status',
  required: false,
  choices: choicesOf(PAYMENT_STATUSES),
} as const;

export const FULFILLMENT_STATUS_INPUT = {
  key: 'fulfillmentStatus',
  label: 'Fulfillment Status',
  required: false,
  choices: choicesOf(FULFILLMENT_STATUSES),
} as const;

export const PAYMENT_STATUS_FILTER = { ...PAYMENT_STATUS_INPUT, list: true } as const;
export const FULFILLMENT_STATUS_FILTER = { ...FULFILLMENT_STATUS_INPUT, list: true } as const;

/**
 * The statuses a merchant picked, as Ecwid codes: from a multi-select (array), a comma list (a mapped field),
 * codes or labels in any case. Unknown words are an input error naming the field.
 */
export const parseStatuses = (
  input: unknown,
  labels: Record<string, string>,
): { statuses: string[]; unknown: string[] } => {
  const words = (Array.isArray(input) ? input : String(input ?? '').split(','))
    .map((word) => String(word).trim())
    .filter(Boolean);
  const byLabel = new Map(Object.entries(labels).map(([code, label]) => [label.toLowerCase(), code]));
  const statuses: string[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const code = word.toUpperCase().replace(/[\s-]+/g, '_');
    const match = code in labels ? code : byLabel.get(word.toLowerCase());
    if (match) {
      if (!statuses.includes(match)) statuses.push(match);
    } else unknown.push(word);
  }
  return { statuses, unknown };
};
