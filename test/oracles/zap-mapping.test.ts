import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { ZapTemplate } from '../../tools/docs/zap-templates.js';
import {
  ecwidChargeCents,
  ecwidTaxRates,
  merchantSetup,
  recipeInvoiceInput,
} from '../../tools/xero-oracle/zap-mapping.js';

/** Recipe 1 as captured with today's outputs (the live recipe may change on purpose; this pins the reading of one). */
const template: ZapTemplate = JSON.parse(readFileSync('test/oracles/fixtures/recipe-1.json', 'utf8'));

/** A trigger output with only what recipe 1 reads, and Ecwid's taxes the merchant's Xero rates come from. */
const OUTPUT = {
  currency: 'USD',
  lineAmountTypes: 'Exclusive',
  total: 120,
  totalBeforeGiftCardRedemption: 130,
  giftCardRedemption: 10,
  items: [
    {
      taxes: [
        { name: 'State tax', value: 6.25 },
        { name: 'City tax', value: 2 },
      ],
    },
  ],
  taxesOnShipping: [{ name: 'State tax', value: 6.25 }],
  invoiceLines: [
    {
      description: 'Mug',
      quantity: 2,
      unitAmount: 10.5,
      lineAmount: 21,
      taxAmount: 1.73,
      taxName: 'State tax + City tax',
      itemCode: 'MUG',
    },
    { description: 'Gift wrap', quantity: 1, unitAmount: 3, lineAmount: 3, taxAmount: 0, taxName: '', itemCode: '' },
    {
      description: 'Shipping',
      quantity: 1,
      unitAmount: 5,
      lineAmount: 5,
      taxAmount: 0.31,
      taxName: 'State tax',
      itemCode: '',
    },
  ],
};

describe('recipeInvoiceInput: the request recipe 1 makes', () => {
  test('as written: Tax Rate is the Ecwid tax name, Tax Amount mapped, Account 200, Item Code empty', () => {
    const input = recipeInvoiceInput(OUTPUT, { template });
    expect([input.LineAmountTypes, input.CurrencyCode]).toEqual(['Exclusive', 'USD']);
    expect(input.LineItems[0]).toEqual({
      Description: 'Mug',
      Quantity: 2,
      UnitAmount: 10.5,
      LineAmount: undefined,
      ItemCode: '',
      AccountCode: '200',
      TaxType: 'State tax + City tax',
      TaxAmount: 1.73,
      DiscountRate: undefined,
    });
  });

  test('choices: Tax Amount and Line Amount Types left empty, Line Amount mapped', () => {
    const input = recipeInvoiceInput(OUTPUT, {
      template,
      taxAmount: 'empty',
      lineAmountTypes: 'empty',
      lineAmount: 'mapped',
    });
    expect(input.LineAmountTypes).toBe('');
    expect(input.LineItems.map((l) => [l.TaxAmount, l.LineAmount])).toEqual([
      [undefined, 21],
      [undefined, 3],
      [undefined, 5],
    ]);
  });

  test("a lookup table: known names to their Xero type, anything else (the untaxed line's empty name) to the fallback", () => {
    const input = recipeInvoiceInput(OUTPUT, {
      template,
      taxTypes: { byTaxName: { 'State tax + City tax': 'TAX002', 'State tax': 'TAX001' }, untaxed: 'NONE' },
    });
    expect(input.LineItems.map((l) => l.TaxType)).toEqual(['TAX002', 'NONE', 'TAX001']);
    const trap = recipeInvoiceInput(OUTPUT, {
      template,
      taxTypes: { byTaxName: { 'State tax': 'TAX001' }, untaxed: '' },
    });
    expect(trap.LineItems.map((l) => l.TaxType)).toEqual(['', '', 'TAX001']);
  });
});

describe('merchantSetup: the Xero organisation a merchant following the recipe has', () => {
  test("one rate per tax-name combination at Ecwid's rates, NONE for untaxed lines, account 200 defaulting to the most used", () => {
    expect(ecwidTaxRates(OUTPUT)).toEqual(
      new Map([
        ['State tax', 6.25],
        ['City tax', 2],
      ]),
    );
    const { organisation, taxTypes, unknownTaxNames } = merchantSetup(OUTPUT, { template });
    expect(taxTypes).toEqual({
      byTaxName: { 'State tax + City tax': 'TAX001', 'State tax': 'TAX002' },
      untaxed: 'NONE',
    });
    expect(organisation.taxRates.TAX001.components).toEqual([
      { name: 'State tax', rate: 6.25 },
      { name: 'City tax', rate: 2 },
    ]);
    expect(organisation.accounts['200'].taxType).toBe('TAX001');
    expect(unknownTaxNames).toEqual([]);
  });

  test('a tax name no Ecwid tax of the order explains is reported, not guessed', () => {
    const output = { ...OUTPUT, invoiceLines: [{ ...OUTPUT.invoiceLines[0], taxName: 'Mystery tax' }] };
    expect(merchantSetup(output).unknownTaxNames).toEqual(['Mystery tax']);
  });
});

test("ecwidChargeCents: Ecwid's total before gift cards; when the output shows 0 for it, total + gift card", () => {
  expect(ecwidChargeCents(OUTPUT)).toBe(13000);
  expect(ecwidChargeCents({ ...OUTPUT, totalBeforeGiftCardRedemption: 0 })).toBe(13000);
  expect(ecwidChargeCents({ total: 0, totalBeforeGiftCardRedemption: 0, giftCardRedemption: 0 })).toBe(0);
});
