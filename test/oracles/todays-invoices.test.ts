/**
 * The oracle catches today's failures: invoice outputs captured before the redesign (test/oracles/fixtures, data
 * only) mapped as recipe 1 says, and what Xero would make of them. Every figure below is worked by hand in the
 * comment beside it from Xero's rules (tax per line at the line's effective rate, rounded half-up).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { xeroInvoice } from '../../tools/xero-oracle/xero.js';
import {
  ecwidChargeCents,
  merchantSetup,
  recipeInvoiceInput,
  type RecipeChoices,
} from '../../tools/xero-oracle/zap-mapping.js';
import type { ZapTemplate } from '../../tools/docs/zap-templates.js';

type Output = Record<string, unknown> & { invoiceLines: Array<Record<string, unknown>> };
const load = (name: string): Output => JSON.parse(readFileSync(`test/oracles/fixtures/${name}.json`, 'utf8')).output;
/** Recipe 1 as it stood when the outputs were captured: they are judged by the mapping they were made for. */
const RECIPE_1: ZapTemplate = JSON.parse(readFileSync('test/oracles/fixtures/recipe-1.json', 'utf8'));

/** Xero's invoice for the output, mapped as recipe 1 says with a complete tax lookup (untaxed → NONE), then `choices`. */
function judge(output: Output, choices: RecipeChoices = {}, untaxed = 'NONE') {
  const setup = merchantSetup(output, { untaxed, template: RECIPE_1 });
  const recipe: RecipeChoices = {
    template: RECIPE_1,
    taxAmount: 'empty',
    lineAmountTypes: 'mapped',
    taxTypes: setup.taxTypes,
    ...choices,
  };
  const xero = xeroInvoice(recipeInvoiceInput(output, recipe), setup.organisation);
  const cents = (n: unknown) => Math.round(Number(n) * 100);
  return {
    xero,
    offByCents: xero.totalCents - ecwidChargeCents(output),
    /** [line index, the app's taxAmount, Xero's] where they differ */
    taxesOff: xero.lines.flatMap((line, i) =>
      cents(output.invoiceLines[i].taxAmount) === cents(line.computedTax)
        ? []
        : [[i, output.invoiceLines[i].taxAmount, line.computedTax]],
    ),
  };
}

describe("cents: Xero totals today's tax-added invoices away from what Ecwid charged", () => {
  test('State + City on a discount line: −4.70 × 8.25% = −0.38775 → −0.39 in Xero; Ecwid rounded each tax (−0.29 − 0.09)', () => {
    const { offByCents, taxesOff, xero } = judge(load('tax-added-state-city-cents-off'));
    expect(taxesOff).toEqual([[7, -0.38, -0.39]]);
    expect([xero.total, offByCents]).toEqual([138.7, -1]);
  });

  test('shipping taxed alone: 5.99 × 6.25% = 0.374375 → 0.37; Ecwid taxed shipping + handling together (0.47 = 0.38 + 0.09)', () => {
    const { offByCents, taxesOff } = judge(load('tax-added-one-rate-discount-cents-off'));
    expect(taxesOff).toEqual([[2, 0.38, 0.37]]);
    expect(offByCents).toBe(-1);
  });

  test("Ecwid's documented 2020 order: the mug, 16.64 × 32% = 5.3248 → 5.32 (Ecwid: 12% → 2.00 + 20% → 3.33); 2,014.96, not 2,014.97", () => {
    const { offByCents, taxesOff, xero } = judge(load('ecwid-docs-2020-two-items'));
    expect(taxesOff).toEqual([[1, 5.33, 5.32]]);
    expect([xero.total, offByCents]).toEqual([2014.96, -1]);
  });

  test("tax-included: the total holds, the VAT does not — 184.50 × 19/119 = 29.4579 → 29.46 against Ecwid's 29.45", () => {
    const output = load('tax-included-vat-off');
    const { offByCents, taxesOff, xero } = judge(output);
    expect(offByCents).toBe(0);
    expect(taxesOff).toEqual([[0, 29.45, 29.46]]);
    expect([xero.totalTax, output.tax]).toEqual([30.62, 30.61]);
  });

  test('mapping Tax Amount hides the cent by turning the line into a tax adjustment', () => {
    const { offByCents, xero } = judge(load('tax-added-state-city-cents-off'), { taxAmount: 'mapped' });
    expect(offByCents).toBe(0);
    expect(xero.taxAdjustments).toEqual([7]);
    expect(xero.lines[7].taxAdjustment).toBe(0.01);
  });

  test("the control: an invoice whose every line carries Xero's own tax — the oracle finds nothing", () => {
    const output = load('tax-added-exact');
    expect(judge(output)).toMatchObject({ offByCents: 0, taxesOff: [] });
    expect(judge(output, { taxAmount: 'mapped' }).xero.taxAdjustments).toEqual([]);
  });
});

describe('dollars: the traps of the mapping', () => {
  test("untaxed lines sent with an empty Tax Rate take the sales account's 8.25%: +21.17 on an exempt product and its discount", () => {
    const output = load('tax-added-untaxed-surcharge');
    expect(judge(output).offByCents).toBe(0);
    const trap = judge(output, {}, '');
    // 270.00 × 8.25% = 22.275 → 22.28; −13.50 × 8.25% = −1.11375 → −1.11
    expect(trap.xero.lines.filter((l) => l.taxTypeFromAccount).map((l) => l.computedTax)).toEqual([22.28, -1.11]);
    expect([trap.xero.total, trap.offByCents]).toEqual([484.92, 2117]);
  });

  test('on a tax-inclusive invoice the same trap keeps the total and carves 40.95 of VAT out of untaxed lines', () => {
    const output = load('tax-included-vat-off');
    const trap = judge(output, {}, '');
    // 270.00 × 19/119 = 43.109 → 43.11; −13.50 × 19/119 = −2.1555 → −2.16; 30.62 + 40.95 = 71.57
    expect([trap.offByCents, trap.xero.totalTax]).toEqual([0, 71.57]);
  });

  test('a tax-inclusive invoice without Line Amount Types is read as Exclusive: 448.26 becomes 484.71', () => {
    const { xero, offByCents } = judge(load('tax-included-vat-off'), { lineAmountTypes: 'empty' });
    // 19% on top of the taxed lines: 35.06 − 1.75 + 2.85 + 0.29 = 36.45
    expect([xero.lineAmountTypesDefaulted, xero.totalTax, xero.total, offByCents]).toEqual([true, 36.45, 484.71, 3645]);
  });

  test('the recipe as written, without a lookup step: Xero rejects every line whose Tax Rate is an Ecwid tax name', () => {
    const output = load('tax-added-state-city-cents-off');
    const setup = merchantSetup(output, { template: RECIPE_1 });
    const { errors } = xeroInvoice(recipeInvoiceInput(output, { template: RECIPE_1 }), setup.organisation);
    expect(errors).toHaveLength(output.invoiceLines.length);
    expect(errors[0].message).toBe("The TaxType code 'State tax' does not exist or cannot be used");
  });
});
