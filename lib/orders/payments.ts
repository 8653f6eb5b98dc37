import type { EcwidOrder } from '../ecwid/types.js';
import { numberOf as num, outputField as field, textOf as str } from '../output/values.js';

/**
 * What a Xero "Create Payment" step needs from an order, and what bank and gateway statements show
 * (docs/ecwid-api-notes.md "Refunds, payments, deleted orders"): Ecwid has no paid date and no "amount paid" field, so
 * - `amountPaid` is the order's `total` — Ecwid's total is already after gift cards — once the payment went
 *   through (PAID, or since refunded in part or in full: the money was received), 0 before;
 * - `giftCardAmount` is `giftCardRedemption` (paid by gift card, so not in the bank);
 * - `paymentGateway` is `paymentModule` (e.g. Stripe), `paymentMethod` the name shown to the buyer;
 * - `externalTransactionId` and `paymentReference` are the gateway's, '' when Ecwid has none (offline methods);
 *   `statementReference` is the first of paymentReference, externalTransactionId and the order id that is there.
 */

const RECEIVED = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);

const cents = (value: number): number => Math.round(value * 100) / 100;

export const paymentFieldsOf = (order: EcwidOrder) => {
  const externalTransactionId = str(order.externalTransactionId);
  const paymentReference = str(order.paymentReference);
  return {
    amountPaid: RECEIVED.has(str(order.paymentStatus)) ? cents(num(order.total)) : 0,
    giftCardAmount: cents(num(order.giftCardRedemption)),
    paymentGateway: str(order.paymentModule),
    externalTransactionId,
    paymentReference,
    statementReference: paymentReference || externalTransactionId || str(order.id),
  };
};

export const PAYMENT_OUTPUT_FIELDS = [
  field('amountPaid', 'Amount Paid (After Gift Cards; 0 Until Paid)', 'number'),
  field('giftCardAmount', 'Gift Card Amount', 'number'),
  field('paymentGateway', 'Payment Gateway (Ecwid Payment Module)'),
  field('externalTransactionId', 'Transaction ID (Payment Gateway)'),
  field('paymentReference', 'Payment Reference (Payment Gateway)'),
  field('statementReference', 'Statement Reference (Payment Reference, Else Transaction ID, Else Order ID)'),
];
