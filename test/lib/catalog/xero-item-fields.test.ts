/**
 * New Product's Xero-ready fields: a plain-text description within Xero's 4,000 characters, an item code within 30
 * (the SKU whenever it fits, so invoice lines find the item) and a name within 50. Limits from Xero's Items API.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { itemCodeOf, toProductOutput } from '../../../lib/catalog/products.js';

/** No lone surrogate (half an emoji). */
const isWellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

const product = (fields: Record<string, unknown>) => toProductOutput({ id: 37208342, ...fields });

describe('descriptionText', () => {
  test("Ecwid's HTML description as the text a shopper reads", () => {
    const description =
      '<p>Light, <b>grippy</b> &amp; waterproof.</p><ul><li>Vibram&reg; sole</li><li>280&nbsp;g</li></ul><p>Sizes 38&ndash;46<br>Made in Portugal 🇵🇹</p>';
    expect(product({ description }).descriptionText).toBe(
      'Light, grippy & waterproof.\n\n- Vibram® sole\n- 280 g\n\nSizes 38–46\nMade in Portugal 🇵🇹',
    );
  });

  test('the HTML description is kept as it was', () => {
    expect(product({ description: '<p>A &amp; B</p>' }).description).toBe('<p>A &amp; B</p>');
  });

  test('a description longer than 4,000 characters is cut to 4,000, ending "…"', () => {
    const text = product({ description: `<p>${'Merino wool. '.repeat(400)}</p>` }).descriptionText;
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text.length).toBeGreaterThan(3980);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/<|&/);
  });

  test('no description gives an empty text', () => {
    expect(product({}).descriptionText).toBe('');
  });
});

describe('itemCode', () => {
  test('the SKU as it is when it fits (30 characters included), trimmed', () => {
    expect(product({ sku: 'SNK-RUN-42' }).itemCode).toBe('SNK-RUN-42');
    expect(product({ sku: ` ${'A'.repeat(30)} ` }).itemCode).toBe('A'.repeat(30));
  });

  test('a longer SKU keeps its start and gets a short hash of the whole SKU: 30 characters, stable', () => {
    const sku = 'SHOE-TRAIL-RUNNING-WATERPROOF-BLACK-42';
    const code = product({ sku }).itemCode;
    expect(code).toHaveLength(30);
    expect(code).toMatch(/^SHOE-TRAIL-RUNNING-WA-[0-9A-F]{8}$/);
    expect(product({ sku }).itemCode).toBe(code);
  });

  test('long SKUs that differ only after the 21st character get different codes', () => {
    const codes = ['BLACK-42', 'BLACK-43', 'WHITE-42'].map((end) =>
      itemCodeOf(`SHOE-TRAIL-RUNNING-WATERPROOF-${end}`, 1),
    );
    expect(new Set(codes).size).toBe(3);
  });

  test('a SKU with emoji or accents is cut at a character boundary', () => {
    const code = itemCodeOf(`${'É'.repeat(20)}🚀🚀🚀🚀🚀`, 1);
    expect(code.length).toBeLessThanOrEqual(30);
    expect(isWellFormed(code)).toBe(true);
    expect(code.startsWith('É'.repeat(20))).toBe(true);
  });

  test('a product without a SKU gets a code from its Ecwid id', () => {
    expect(product({ sku: '  ' }).itemCode).toBe('ECWID-37208342');
  });

  test('always 1 to 30 characters, and the SKU itself whenever it fits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (sku) => {
        const code = itemCodeOf(sku, 5);
        expect(code.length).toBeGreaterThan(0);
        expect(code.length).toBeLessThanOrEqual(30);
        if (sku.trim() !== '' && sku.trim().length <= 30) expect(code).toBe(sku.trim());
      }),
    );
  });
});

describe('itemName', () => {
  test('the name within 50 characters, ending "…" when cut', () => {
    expect(product({ name: 'Trail Running Sneakers' }).itemName).toBe('Trail Running Sneakers');
    const long = product({
      name: 'Trail Running Sneakers with Vibram Sole, Waterproof Membrane and Reflective Laces',
    }).itemName;
    expect(long).toBe('Trail Running Sneakers with Vibram Sole, Waterpro…');
    expect(long).toHaveLength(50);
  });

  test('an emoji at the limit is kept whole or left out, never halved', () => {
    const name = product({ name: `${'x'.repeat(48)}👟 shoe` }).itemName;
    expect(name.length).toBeLessThanOrEqual(50);
    expect(isWellFormed(name)).toBe(true);
  });
});
