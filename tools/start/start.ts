/**
 * `npm start`: the flagship Zap, "Ecwid paid order → Xero sales invoice", played end to end on this machine.
 *
 * 1. starts the sandbox store (sandbox/, an Ecwid-compatible API on loopback) with a seeded store;
 * 2. runs the app's triggers and actions through the real `zapier-platform invoke` CLI, non-interactive, with the
 *    connection in a throwaway .env (ECWID_API_BASE_URL pointing at the sandbox) in a temporary app folder, so a
 *    developer's own .env is never read or changed;
 * 3. shows each paid order as the Xero sales invoice the Zap template creates (tools/docs/zap-templates.ts — the same
 *    mapping docs/zap-templates.md is generated from), as Xero computes it (tools/xero-oracle), beside what Ecwid
 *    charged; then the other recipes.
 * No account, no network; the sandbox stops with the script.
 */
import { startSandbox } from '../sandbox/server.js';
import { invoke, throwawayApp } from './invoke.js';
import {
  NEW_CUSTOMER_TO_XERO_CONTACT,
  NEW_PRODUCT_TO_XERO_ITEM,
  REFUND_TO_XERO_CREDIT_NOTE,
  XERO_CONTACT_TO_ECWID_COUPON,
  resolveSource,
  type ZapTemplate,
} from '../docs/zap-templates.js';
import { formatXeroInvoice, renderXeroInvoice } from '../docs/xero-preview.js';

const SHOWN_IN_FULL = 3;
/** Two amounts at 2 decimals are the same when less than half a cent apart (float noise aside). */
const HALF_CENT = 0.005;

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const step = (text: string) => console.log(`\n${bold(`▶ ${text}`)}`);

/** A recipe's field mapping applied to one trigger output, as "Field: value" lines. */
const mappedFields = (template: ZapTemplate, output: Record<string, unknown>): string =>
  template.fields
    .map((mapping) => [mapping.target, resolveSource(mapping.source, output)] as const)
    .filter(([, value]) => value !== '' && value !== undefined && value !== null)
    .map(
      ([target, value]) =>
        `    ${target.padEnd(28)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join('\n');

/**
 * Each paid order as the Xero invoice recipe 1 creates, as Xero computes it (tools/xero-oracle), beside what Ecwid
 * charged: the first few in full, then one row each. Returns how many Xero totals to Ecwid's charge.
 */
function showInvoices(orders: Array<Record<string, any>>): number {
  console.log(
    `  The trigger returned ${orders.length} paid orders (newest first). The first ${Math.min(SHOWN_IN_FULL, orders.length)} as Xero computes them (tools/xero-oracle: tax per line, Tax Amount not sent):`,
  );
  const money = (n: number) => n.toFixed(2);
  const summary: string[] = [];
  let reconciled = 0;
  let bankersOff = 0;
  for (const [index, order] of orders.entries()) {
    const invoice = renderXeroInvoice(order);
    const ecwidCharged = Number(
      order.totalBeforeGiftCardRedemption ?? Number(order.total) + Number(order.giftCardRedemption ?? 0),
    );
    const ecwidTax = Number(order.tax ?? 0);
    // Xero's unit-price precision (unitdp) is not known from Zapier: the invoice must come out the same at 4.
    const atUnitdp4 = renderXeroInvoice(order, undefined, { unitdp: 4 });
    const matches =
      invoice.errors.length === 0 &&
      Math.abs(invoice.total - ecwidCharged) < HALF_CENT &&
      Math.abs(atUnitdp4.total - ecwidCharged) < HALF_CENT;
    if (matches) reconciled += 1;
    if (Math.abs(renderXeroInvoice(order, undefined, { rounding: 'bankers' }).total - ecwidCharged) >= HALF_CENT)
      bankersOff += 1;
    const comparison = `${matches ? '✔' : '✘'} Ecwid charged ${money(ecwidCharged)} with tax ${money(ecwidTax)}; Xero totals ${money(invoice.total)} with tax ${money(invoice.totalTax)}`;
    if (index < SHOWN_IN_FULL) console.log(`\n${formatXeroInvoice(invoice).replace(/^/gm, '  ')}\n  ${comparison}`);
    summary.push(
      `  ${String(order.id).padEnd(12)} ${invoice.contactName.slice(0, 24).padEnd(24)} ${String(invoice.lines.length).padStart(5)} ${money(invoice.total).padStart(10)} ${money(ecwidCharged).padStart(10)} ${money(invoice.totalTax).padStart(8)} ${money(ecwidTax).padStart(8)} ${invoice.currency.padEnd(4)} ${matches ? '✔' : '✘'}`,
    );
  }
  console.log(
    `\n  All ${orders.length} invoices:\n  ${'Reference'.padEnd(12)} ${'Contact'.padEnd(24)} Lines Xero total Ecwid paid Xero tax Ecwid tax Cur. =`,
  );
  console.log(summary.join('\n'));
  console.log(
    `  ${reconciled}/${orders.length} invoices: Xero's own total is what Ecwid charged, to the cent (unit prices at 2 and 4 decimals, half-up rounding).`,
  );
  console.log(
    `  Under banker's rounding (one third-party page's reading of Xero) ${bankersOff} would differ by a cent.`,
  );
  return reconciled;
}

/**
 * Refunds as the Xero credit notes the refund recipe creates, as Xero computes them (its lines in place of an
 * invoice's): the first in full, then one row each. Returns how many Xero totals to exactly the refund.
 */
function showCreditNotes(refunds: Array<Record<string, any>>): number {
  const money = (n: number) => n.toFixed(2);
  let exact = 0;
  for (const [index, refund] of refunds.entries()) {
    const creditNote = renderXeroInvoice(
      { ...refund, invoiceLines: refund.creditNoteLines },
      REFUND_TO_XERO_CREDIT_NOTE,
    );
    const matches = creditNote.errors.length === 0 && Math.abs(creditNote.total - Number(refund.amount)) < HALF_CENT;
    if (matches) exact += 1;
    const comparison = `${matches ? '✔' : '✘'} refunded ${money(Number(refund.amount))} (${refund.recordedByEcwid ? refund.reason || 'refund' : 'marked Refunded'}); Xero totals ${money(creditNote.total)} with tax ${money(creditNote.totalTax)}`;
    if (index === 0)
      console.log(
        `\n${formatXeroInvoice(creditNote).replace('Xero sales invoice', 'Xero credit note').replace(/^/gm, '  ')}\n  ${comparison}`,
      );
    else console.log(`  ${String(refund.id).padEnd(28)} ${comparison}`);
  }
  console.log(`  ${exact}/${refunds.length} credit notes: Xero's own total is the refund, to the cent.`);
  return exact;
}

const main = async (): Promise<void> => {
  const started = Date.now();
  step('Starting the sandbox Ecwid store (seeded; nothing leaves this machine)');
  const sandbox = await startSandbox({ seed: 2026, orders: 240, customers: 60, products: 40, spanDays: 60 });
  console.log(`  ${sandbox.apiBaseUrl}/${sandbox.storeId} — ${sandbox.store.orderCount} orders`);
  // One app folder per step run side by side: the CLI writes and deletes a wrapper file in the folder on every
  // invoke, so steps sharing one folder can find it gone ("Cannot find module …/zapierwrapper.js").
  const apps = Array.from({ length: 5 }, () => throwawayApp(sandbox));
  const [app, refundApp, customerApp, productApp, couponApp] = apps;
  try {
    step('Zap: Ecwid "New Paid Order" → Xero "Create Sales Invoice"   (zapier-platform invoke trigger new_paid_order)');
    // A new Xero contact, as Xero's trigger would hand it over (recipe 4 maps it into the coupon's fields).
    const xeroContact = {
      ContactID: 'b2f1e7c0-4d3a-4f7e-9c55-1a2b3c4d5e6f',
      Name: 'Aroha Walker',
      EmailAddress: 'aroha@example.co.nz',
    };
    const couponInput = Object.fromEntries(
      XERO_CONTACT_TO_ECWID_COUPON.fields
        .filter((mapping) => mapping.key && mapping.source !== '')
        .map((mapping) => [mapping.key, resolveSource(mapping.source, xeroContact)]),
    );
    // The CLI takes ~10 s to start: run the steps side by side.
    const [orders, refunds, customers, products, coupon] = await Promise.all([
      invoke(app, 'trigger', 'new_paid_order'),
      invoke(refundApp, 'trigger', 'new_refund', undefined, { loadingSample: true }),
      invoke(customerApp, 'trigger', 'new_customer', undefined, { loadingSample: true }),
      invoke(productApp, 'trigger', 'new_product', undefined, { loadingSample: true }),
      invoke(couponApp, 'create', 'create_discount_coupon', couponInput),
    ]);
    const reconciled = showInvoices(orders);

    step(
      'Zap: Ecwid "New Refund" → Xero "Create Credit Note"   (zapier-platform invoke trigger new_refund, as "Test trigger" shows it)',
    );
    const creditNotesExact = showCreditNotes(refunds);

    step('Zap: Ecwid "New Customer" → Xero "Create/Update Contact"   (as "Test trigger" shows it)');
    if (customers[0]) console.log(mappedFields(NEW_CUSTOMER_TO_XERO_CONTACT, customers[0]));
    step('Zap: Ecwid "New Product" → Xero item   (as "Test trigger" shows it)');
    if (products[0]) console.log(mappedFields(NEW_PRODUCT_TO_XERO_ITEM, products[0]));
    step(
      'Zap: Xero "New Contact" → Ecwid "Create Discount Coupon"   (zapier-platform invoke create create_discount_coupon)',
    );
    console.log(
      `    Xero contact ${xeroContact.Name} <${xeroContact.EmailAddress}> → coupon ${bold(coupon.code)} "${coupon.name}", ${coupon.discount}% off, ${coupon.usesLimit}, ${coupon.status}`,
    );

    console.log(
      `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. ${bold('npm test')} runs the checks; ${bold('npm run sandbox')} keeps the store up for your own invokes.`,
    );
    if (reconciled !== orders.length || orders.length === 0 || creditNotesExact !== refunds.length)
      process.exitCode = 1;
  } finally {
    for (const each of apps) each.remove();
    await sandbox.close();
  }
};

main().catch((error) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
