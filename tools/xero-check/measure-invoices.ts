/**
 * `npm run xero:check`: what Xero would show for the app's invoices, measured with the Xero oracle
 * (tools/xero-oracle) on the app's CURRENT order output mapped as recipe 1 says, under half-up and banker's
 * rounding and unitdp 2 and 4. Prints figures; fails on nothing (it is a measurement, not a test).
 *
 * Orders: paid orders of the sandbox's tax-added (USD) and tax-included (EUR) stores, and fast-check orders from
 * test/arbitraries/orders.ts (several taxes per item, every discount kind, surcharges, gift cards…).
 *
 * Mapping (the merchant's Zap): recipe 1 with a Formatter lookup from each Ecwid tax name to a Xero tax rate of
 * the same components and untaxed lines to "NONE", Line Amount Types mapped, Tax Amount left empty — then each
 * variation alone: Tax Amount mapped, untaxed lines sent with an empty Tax Rate, Line Amount Types left out,
 * and one Xero rate picked for every line.
 *
 * Flags: USAGE below (`npm run xero:check -- --help`).
 */
import fc from 'fast-check';
import { toOrderOutput } from '../../lib/orders/output.js';
import type { EcwidOrder } from '../../lib/ecwid/types.js';
import { orderArb } from '../../test/arbitraries/orders.js';
import { generateStore } from '../sandbox/store.js';
import { xeroInvoice, type RoundingMode, type XeroOptions } from '../xero-oracle/xero.js';
import { ecwidChargeCents, merchantSetup, recipeInvoiceInput } from '../xero-oracle/zap-mapping.js';
import { flagError, readFlags } from '../cli-flags.js';

const USAGE = `
npm run xero:check -- [--orders 2500] [--arbitrary 2000] [--seed 6]
  --orders     orders in each sandbox store (tax added, tax included); their paid ones are measured
  --arbitrary  generated orders (several taxes per item, every discount kind, surcharges, gift cards)
  --seed       seed of the stores and of the generated orders
`;

type Output = Record<string, unknown>;
interface Population {
  name: string;
  outputs: Output[];
}

const args = readFlags(USAGE, {
  orders: { type: 'string', default: '2500' },
  arbitrary: { type: 'string', default: '2000' },
  seed: { type: 'string', default: '6' },
});
/** A flag that must be a whole number (the seed may be negative). */
function wholeFlag(name: 'orders' | 'arbitrary' | 'seed'): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || (name !== 'seed' && value < 0))
    flagError(`--${name} must be a whole number${name === 'seed' ? '' : ' ≥ 0'}, got '${args[name]}'`);
  return value;
}
const seed = wholeFlag('seed');
const began = performance.now();

function sandboxOutputs(pricesIncludeTax: boolean): Output[] {
  const store = generateStore({ seed, orders: wholeFlag('orders'), pricesIncludeTax, now: Date.UTC(2025, 0, 15) });
  const currency = store.settings.currency;
  return (store.orders as unknown as EcwidOrder[])
    .filter((o) => o.paymentStatus === 'PAID')
    .map((o) => toOrderOutput(o, currency) as Output);
}

const populations: Population[] = [
  { name: 'sandbox tax-added', outputs: sandboxOutputs(false) },
  { name: 'sandbox tax-included', outputs: sandboxOutputs(true) },
  {
    name: 'arbitrary orders',
    outputs: fc
      .sample(orderArb, { numRuns: wholeFlag('arbitrary'), seed })
      .map((o) => toOrderOutput(o, 'USD') as Output),
  },
];
const generatedIn = performance.now() - began;

const cents = (value: unknown): number =>
  Math.round(Number(((typeof value === 'number' ? value : 0) * 100).toPrecision(15)));

/** A running tally: how many of how many, and the largest / summed amounts in cents. */
class Tally {
  hits = 0;
  of = 0;
  maxCents = 0;
  sumCents = 0;
  add(hit: boolean, amountCents = 0): void {
    this.of += 1;
    if (!hit) return;
    this.hits += 1;
    this.maxCents = Math.max(this.maxCents, Math.abs(amountCents));
    this.sumCents += Math.abs(amountCents);
  }
  get percent(): string {
    return this.of === 0 ? '—' : `${((100 * this.hits) / this.of).toFixed(1)}% (${this.hits}/${this.of})`;
  }
  get dollars(): string {
    return this.hits === 0
      ? ''
      : ` worst $${(this.maxCents / 100).toFixed(2)}, mean $${(this.sumCents / this.hits / 100).toFixed(2)}`;
  }
}

interface Figures {
  totalOff: Tally;
  /** |Xero total − Ecwid charge| in cents → invoices */
  centsOff: Map<string, number>;
  vatOffInclusive: Tally;
  lineTaxOff: Tally;
  adjustedInvoices: Tally;
  adjustedLines: Tally;
  totalOffWithTaxAmount: Tally;
  untaxedLinesOnTaxed: number;
  emptyUntaxedType: Tally;
  missingLineAmountTypes: Tally;
  pickOne: Tally;
  rejected: Tally;
  rejections: Map<string, number>;
  unknownTaxNames: number;
}

const BUCKETS = ['0', '1', '2', '3', '4–9', '10–99', '≥100'];
const bucket = (diff: number): string => {
  const d = Math.abs(diff);
  return d === 0 ? '0' : d <= 3 ? String(d) : d <= 9 ? '4–9' : d <= 99 ? '10–99' : '≥100';
};

const newFigures = (): Figures => ({
  totalOff: new Tally(),
  centsOff: new Map(),
  vatOffInclusive: new Tally(),
  lineTaxOff: new Tally(),
  adjustedInvoices: new Tally(),
  adjustedLines: new Tally(),
  totalOffWithTaxAmount: new Tally(),
  untaxedLinesOnTaxed: 0,
  emptyUntaxedType: new Tally(),
  missingLineAmountTypes: new Tally(),
  pickOne: new Tally(),
  rejected: new Tally(),
  rejections: new Map(),
  unknownTaxNames: 0,
});

/** Adds every figure of `outputs` to each of `into` (a population's figures and the overall ones). */
function measure(outputs: Output[], options: XeroOptions, into: Figures[]): void {
  const each = (add: (f: Figures) => void) => into.forEach(add);
  for (const output of outputs) {
    const setup = merchantSetup(output);
    if (setup.unknownTaxNames.length > 0) each((f) => (f.unknownTaxNames += 1));
    const org = setup.organisation;
    const charge = ecwidChargeCents(output);
    const lines = Array.isArray(output.invoiceLines) ? (output.invoiceLines as Output[]) : [];
    const recipe = { taxAmount: 'empty', lineAmountTypes: 'mapped', taxTypes: setup.taxTypes } as const;

    const xero = xeroInvoice(recipeInvoiceInput(output, recipe), org, options);
    each((f) => f.rejected.add(xero.errors.length > 0));
    for (const e of xero.errors) {
      const kind = `${e.field}: ${e.message.replace(/'[^']*'|\d[\d.]*/g, '…')}`;
      each((f) => f.rejections.set(kind, (f.rejections.get(kind) ?? 0) + 1));
    }
    const diff = xero.totalCents - charge;
    const vatDiff = xero.totalTaxCents - cents(output.tax);
    each((f) => {
      f.totalOff.add(diff !== 0, diff);
      f.centsOff.set(bucket(diff), (f.centsOff.get(bucket(diff)) ?? 0) + 1);
      if (xero.lineAmountTypes === 'Inclusive') f.vatOffInclusive.add(vatDiff !== 0, vatDiff);
      xero.lines.forEach((line, i) => f.lineTaxOff.add(cents(lines[i]?.taxAmount) !== cents(line.computedTax)));
    });

    const withTaxAmount = xeroInvoice(recipeInvoiceInput(output, { ...recipe, taxAmount: 'mapped' }), org, options);
    each((f) => {
      f.adjustedInvoices.add(withTaxAmount.taxAdjustments.length > 0);
      withTaxAmount.lines.forEach((line) => f.adjustedLines.add(line.taxAdjustment !== undefined));
      f.totalOffWithTaxAmount.add(withTaxAmount.totalCents !== charge, withTaxAmount.totalCents - charge);
    });

    const taxed = xero.lineAmountTypes !== 'NoTax';
    const untaxedLines = lines.filter((l) => !l.taxName).length;
    if (taxed && untaxedLines > 0) {
      const trap = xeroInvoice(
        recipeInvoiceInput(output, { ...recipe, taxTypes: { ...setup.taxTypes, untaxed: '' } }),
        org,
        options,
      );
      // Tax on top raises the total; tax-inclusive keeps the total and carves the wrong tax out of the line.
      const taxDiff = trap.totalTaxCents - xero.totalTaxCents;
      each((f) => {
        f.untaxedLinesOnTaxed += untaxedLines;
        f.emptyUntaxedType.add(taxDiff !== 0, taxDiff);
      });
    }
    if (xero.lineAmountTypes === 'Inclusive') {
      const trap = xeroInvoice(recipeInvoiceInput(output, { ...recipe, lineAmountTypes: 'empty' }), org, options);
      each((f) => f.missingLineAmountTypes.add(trap.totalCents !== xero.totalCents, trap.totalCents - xero.totalCents));
    }
    if (taxed) {
      const oneRate = org.accounts['200'].taxType;
      const picked = xeroInvoice(
        recipeInvoiceInput(output, { ...recipe, taxTypes: { byTaxName: {}, untaxed: oneRate } }),
        org,
        options,
      );
      // Tax on top: the total is off; tax-inclusive: the total holds, the VAT is off.
      const off =
        picked.lineAmountTypes === 'Inclusive' ? picked.totalTaxCents - cents(output.tax) : picked.totalCents - charge;
      each((f) => f.pickOne.add(off !== 0, off));
    }
  }
}

const CONFIGS: Array<{ rounding: RoundingMode; unitdp: 2 | 4 }> = [
  { rounding: 'half-up', unitdp: 2 },
  { rounding: 'half-up', unitdp: 4 },
  { rounding: 'bankers', unitdp: 2 },
  { rounding: 'bankers', unitdp: 4 },
];

const out: string[] = [];
const say = (line = '') => out.push(line);
const counted = populations.map((p) => `${p.outputs.length} ${p.name}`).join(', ');
say(
  `Xero check of today's invoice output, mapped as recipe 1 says (${counted}; generated in ${(generatedIn / 1000).toFixed(1)} s)`,
);
say(
  'Mapping: lookup Ecwid tax name → Xero rate, untaxed → NONE, Line Amount Types mapped, Tax Amount empty (unless said).',
);
for (const config of CONFIGS) {
  const t0 = performance.now();
  const all = newFigures();
  const sandbox = newFigures();
  const results = populations.map((p) => {
    const f = newFigures();
    measure(p.outputs, config, p.name.startsWith('sandbox') ? [f, sandbox, all] : [f, all]);
    return { name: p.name, f };
  });
  say('');
  say(`== rounding ${config.rounding}, unitdp ${config.unitdp} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  for (const { name, f } of [...results, { name: 'sandbox, both stores', f: sandbox }, { name: 'all', f: all }]) {
    say(`-- ${name}`);
    say(`   Xero total ≠ Ecwid charge (before gift cards):  ${f.totalOff.percent}${f.totalOff.dollars}`);
    say(
      `   |difference| in cents → invoices:               ${BUCKETS.filter((b) => f.centsOff.has(b))
        .map((b) => `${b}: ${f.centsOff.get(b)}`)
        .join(', ')}`,
    );
    say(`   tax-inclusive invoices whose VAT ≠ Ecwid's tax:  ${f.vatOffInclusive.percent}${f.vatOffInclusive.dollars}`);
    say(`   lines whose taxAmount ≠ Xero's tax:              ${f.lineTaxOff.percent}`);
    say(
      `   Tax Amount mapped → invoices with tax adjustments: ${f.adjustedInvoices.percent}; lines: ${f.adjustedLines.percent}; totals off: ${f.totalOffWithTaxAmount.percent}`,
    );
    say(
      `   untaxed lines on taxed invoices: ${f.untaxedLinesOnTaxed}; sent with an empty Tax Rate → invoices whose tax is overstated: ${f.emptyUntaxedType.percent}${f.emptyUntaxedType.dollars}`,
    );
    say(
      `   Line Amount Types left out → tax-inclusive invoices overstated: ${f.missingLineAmountTypes.percent}${f.missingLineAmountTypes.dollars}`,
    );
    say(
      `   one Xero rate picked for every line → taxed invoices whose total (tax on top) or VAT (included) is off: ${f.pickOne.percent}${f.pickOne.dollars}`,
    );
    say(
      `   rejected by Xero's validation: ${f.rejected.percent}${[...f.rejections.entries()].map(([k, v]) => `; ${v}× ${k}`).join('')}`,
    );
    if (f.unknownTaxNames > 0)
      say(`   invoices with a tax name no Ecwid tax of the order explains: ${f.unknownTaxNames}`);
  }
}
say('');
say(`done in ${((performance.now() - began) / 1000).toFixed(1)} s`);
console.log(out.join('\n'));
