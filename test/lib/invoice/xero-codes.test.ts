import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import nock from 'nock';
import newPaidOrder from '../../../triggers/new_paid_order.js';
import orderStatusChanged from '../../../triggers/order_status_changed.js';
import { toInvoice } from '../../../lib/invoice/invoice.js';
import { xeroCodesOf, type XeroCodes } from '../../../lib/invoice/xero-codes.js';
import type { EcwidOrder } from '../../../lib/ecwid/types.js';
import { fakeSearch } from '../../fake-ecwid.js';
import {
  bundleFor,
  freshCaches,
  offline,
  rejectionOf,
  resetEnv,
  run,
  shownMessage,
  stubProfile,
} from '../../helpers.js';
import { checkInvoice, fixture, shapeProblems, xeroProblems } from './invoice-checks.js';

const NOW = 1_800_000_000;

beforeEach(() => {
  offline();
  resetEnv();
  freshCaches();
  jest.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
});
afterEach(() => {
  jest.restoreAllMocks();
  nock.cleanAll();
});

const codesOf = (inputData: Record<string, unknown>) => run((z) => xeroCodesOf(z, inputData)) as Promise<XeroCodes>;
const refusal = async (inputData: Record<string, unknown>) => shownMessage(await rejectionOf(codesOf(inputData)));

/** A US order with State + City tax on one item, State tax alone on shipping, an exempt item and an untaxed surcharge. */
const mixed: EcwidOrder = {
  id: 'MIX1',
  paymentStatus: 'PAID',
  createTimestamp: NOW - 3600,
  updateTimestamp: NOW - 3600,
  pricesIncludeTax: false,
  subtotal: 30,
  tax: 1.85,
  total: 41.85,
  totalBeforeGiftCardRedemption: 41.85,
  items: [
    {
      name: 'Lamp',
      sku: 'LAMP',
      price: 20,
      quantity: 1,
      taxes: [
        { name: 'State tax', value: 6.25, total: 1.25, taxOnDiscountedSubtotal: 1.25 },
        { name: 'City tax', value: 2, total: 0.4, taxOnDiscountedSubtotal: 0.4 },
      ],
    },
    { name: 'Gift card sleeve', sku: 'SLEEVE-WITH-A-VERY-LONG-SKU-OF-40-CHARS!', price: 10, quantity: 1, taxes: [] },
  ],
  shippingOption: { shippingMethodName: 'Ground', shippingRate: 3.2 },
  taxesOnShipping: [{ name: 'State tax', value: 6.25, total: 0.2 }],
  customSurcharges: [{ id: 'eco', description: 'Eco fee', total: 6.8, value: 6.8, type: 'ABSOLUTE', taxable: false }],
};

describe("the order triggers' Xero inputs", () => {
  test("without inputs: Ecwid tax names, NONE on untaxed lines, the accounts of Xero's default chart", () => {
    const invoice = toInvoice(mixed, 'USD');
    expect(invoice.invoiceLines.map((l) => [l.kind, l.taxType, l.accountCode, l.itemCode, l.sku])).toEqual([
      ['product', 'State tax + City tax', '200', 'LAMP', 'LAMP'],
      ['product', 'NONE', '200', '', 'SLEEVE-WITH-A-VERY-LONG-SKU-OF-40-CHARS!'],
      ['shipping', 'State tax', '260', '', ''],
      ['surcharge', 'NONE', '260', '', ''],
    ]);
    checkInvoice(mixed, invoice);
  });

  test('with the map (names matched whatever their case and spaces): each tax or combination, the untaxed rate, every account', async () => {
    const codes = await codesOf({
      xeroTaxRates: { ' state TAX + City tax': 'TAX001', 'State tax': 'TAX002' },
      xeroUntaxedTaxRate: 'EXEMPT',
      xeroSalesAccount: '4000',
      xeroShippingAccount: '4100',
      xeroFeesAccount: '4200',
      xeroDiscountAccount: '4300',
      xeroRoundingAccount: '4900',
    });
    const invoice = toInvoice(mixed, 'USD', { codes });
    expect(invoice.invoiceLines.map((l) => [l.kind, l.taxType, l.accountCode])).toEqual([
      ['product', 'TAX001', '4000'],
      ['product', 'EXEMPT', '4000'],
      ['shipping', 'TAX002', '4100'],
      ['surcharge', 'EXEMPT', '4200'],
    ]);
    expect(shapeProblems(mixed, invoice, 'EXEMPT')).toEqual([]);
    expect(xeroProblems(mixed, invoice)).toEqual([]);
  });

  test("a combination not in the map keeps Ecwid's names, even when each of its taxes is mapped: Xero's error names what to add", async () => {
    const codes = await codesOf({ xeroTaxRates: { 'State tax': 'CA', 'City tax': 'SF' }, xeroUntaxedTaxRate: 'NONE' });
    expect(toInvoice(mixed, 'USD', { codes }).invoiceLines.map((l) => l.taxType)).toEqual([
      'State tax + City tax',
      'NONE',
      'CA',
      'NONE',
    ]);
  });

  test('refused with the fix: the map without an untaxed rate, a row without a rate or a name, a long account code', async () => {
    expect(await refusal({ xeroTaxRates: { VAT: 'OUTPUT2' } })).toMatch(
      /^Xero Tax Rate for Untaxed Lines is required when Xero Tax Rates \(Ecwid Tax Name → Xero Tax Rate\) is filled in: enter the code of your Xero 0% rate/,
    );
    expect(await refusal({ xeroTaxRates: { VAT: '' }, xeroUntaxedTaxRate: 'NONE' })).toBe(
      'Xero Tax Rates (Ecwid Tax Name → Xero Tax Rate): "VAT" has no Xero tax rate. Fill in its code or remove the row.',
    );
    expect(await refusal({ xeroTaxRates: { ' ': 'OUTPUT2' }, xeroUntaxedTaxRate: 'NONE' })).toMatch(
      /the row with Xero rate "OUTPUT2" has no Ecwid tax name/,
    );
    expect(await refusal({ xeroTaxRates: 'VAT=OUTPUT2', xeroUntaxedTaxRate: 'NONE' })).toMatch(
      /must be pairs of an Ecwid tax name and a Xero tax rate code/,
    );
    expect(await refusal({ xeroSalesAccount: '12345678901' })).toBe(
      'Xero Account for Products must be a Xero account code of at most 10 characters (got "12345678901"), e.g. 200.',
    );
    expect(await codesOf({ xeroTaxRates: { '': '' } })).toMatchObject({ untaxed: 'NONE' });
  });

  test('New Paid Order and Order Status Changed put the codes on every line of a live poll, and refuse bad inputs before reading', async () => {
    stubProfile('USD');
    fakeSearch('/orders', [mixed as never]);
    const inputData = {
      xeroTaxRates: { 'State tax + City tax': 'CA-SF', 'State tax': 'CA' },
      xeroUntaxedTaxRate: 'ZERO',
      xeroRoundingAccount: '861',
    };
    for (const trigger of [newPaidOrder, orderStatusChanged]) {
      const [output] = (await run((trigger.operation as { perform: never }).perform, bundleFor(inputData))) as Array<
        Record<string, any>
      >;
      expect(output.invoiceLines.map((l: Record<string, unknown>) => [l.taxType, l.accountCode])).toEqual([
        ['CA-SF', '200'],
        ['ZERO', '200'],
        ['CA', '260'],
        ['ZERO', '260'],
      ]);
    }
    const error = await rejectionOf(
      run((newPaidOrder.operation as { perform: never }).perform, bundleFor({ xeroTaxRates: { VAT: 'X' } })),
    );
    expect(shownMessage(error)).toMatch(/^Xero Tax Rate for Untaxed Lines is required/);
  });
});

describe("Xero's limits", () => {
  const order = fixture('coupon-on-some-items.json');

  test('a description over 4,000 characters is cut with an ellipsis, never through a character; an empty name gets one', () => {
    const long = {
      ...order,
      items: order.items!.map((item, i) =>
        i === 0 ? { ...item, name: `${'😀'.repeat(2500)}`, selectedOptions: [] } : { ...item, name: ' ', sku: '' },
      ),
    };
    const [first, second] = toInvoice(long, 'USD').invoiceLines;
    expect(first.description.length).toBeLessThanOrEqual(4000);
    expect(first.description.endsWith('…')).toBe(true);
    expect(first.description.slice(0, -1)).toBe('😀'.repeat(1999));
    expect(second.description).toBe('Product (Size: L)');
  });

  test('a price with a third decimal: quantity 1 at the line amount, the quantity and price in the description', () => {
    const priced = {
      ...order,
      subtotal: 42.49,
      couponDiscount: 0,
      tax: 3.5,
      total: 53.48,
      totalBeforeGiftCardRedemption: 53.48,
      items: [
        { ...order.items![0], price: 11.245, quantity: 2, couponAmount: 0, couponApplied: false },
        order.items![1],
      ],
    };
    const line = toInvoice(priced, 'USD').invoiceLines[0];
    expect([line.quantity, line.unitAmount, line.lineAmount, line.description]).toEqual([
      1,
      22.49,
      22.49,
      'Mug (Color: White, Size: 11oz) — 2 × 11.245',
    ]);
  });
});
