import { describe, expect, test } from '@jest/globals';
import { rejectionOf, shownMessage, useOfflineCreate, expectInvalidInput, refusalOf, ecwidApi } from '../helpers.js';
import { ecwidProduct } from './ecwid-product.js';

const adjust = useOfflineCreate('adjust_product_stock');
const PRODUCT = '/products/555';

describe('adjust_product_stock: the request', () => {
  test('reads the product, PUTs only {quantityDelta} to the inventory endpoint, returns the new quantity', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi()
      .put(`${PRODUCT}/inventory`, (body) => JSON.stringify(body) === '{"quantityDelta":-3}')
      .matchHeader('content-type', 'application/json')
      .reply(200, { updateCount: 1 });
    // Another sale landed between the change and the read: the quantity is Ecwid's, not 10 - 3.
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 6, updated: '2025-06-02 10:00:00 +0000' }));
    expect(await adjust({ productId: '555', quantityDelta: '-3' })).toMatchObject({
      id: 555,
      quantity: 6,
      quantityDelta: -3,
      warning: '',
      updated: '2025-06-02T10:00:00+00:00',
    });
  });

  test("Ecwid's warning (stock below zero) is passed on with the quantity Ecwid keeps", async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 1 }));
    ecwidApi()
      .put(`${PRODUCT}/inventory`, { quantityDelta: -4 })
      .reply(200, { updateCount: 1, warning: 'Stock became negative' });
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: -3, inStock: false }));
    expect(await adjust({ productId: 555, quantityDelta: -4 })).toMatchObject({
      quantity: -3,
      inStock: false,
      quantityDelta: -4,
      warning: 'Stock became negative',
    });
  });

  test('a product with unlimited stock: nothing is sent, the product comes back with a note and no change', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ unlimited: true, quantity: undefined }));
    const result = await adjust({ productId: 555, quantityDelta: 2 });
    expect(result).toMatchObject({ id: 555, unlimited: true, quantity: null, quantityDelta: 0 });
    expect(result.warning).toBe(
      '"Enamel Mug" (ID 555) has unlimited stock, so Ecwid does not count its quantity and nothing was changed. To track it, turn off unlimited stock on the product page in Ecwid admin → Catalog → Products.',
    );
  });

  test('updateCount 0 on a tracked product is an error (nothing changed, so a replay is safe)', async () => {
    ecwidApi().get(PRODUCT).times(2).reply(200, ecwidProduct());
    ecwidApi().put(`${PRODUCT}/inventory`).reply(200, { updateCount: 0, warning: 'Locked' });
    expect(await refusalOf(adjust({ productId: 555, quantityDelta: 1 }))).toBe(
      'Ecwid did not change the stock of "Enamel Mug" (ID 555). Ecwid says: "Locked" Check the product in Ecwid admin → Catalog → Products.',
    );
  });

  test('updateCount 0 because the product became unlimited meanwhile: the unlimited note', async () => {
    ecwidApi().get(PRODUCT).reply(200, ecwidProduct());
    ecwidApi().put(`${PRODUCT}/inventory`).reply(200, { updateCount: 0 });
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ unlimited: true, quantity: undefined }));
    expect(await adjust({ productId: 555, quantityDelta: 1 })).toMatchObject({ quantityDelta: 0, unlimited: true });
  });

  test('a product that is gone is an error naming the field; nothing is changed', async () => {
    ecwidApi().get('/products/9').reply(404, { errorCode: 'PRODUCT_NOT_FOUND' });
    expect(await refusalOf(adjust({ productId: 9, quantityDelta: 1 }))).toBe(
      'Ecwid has no product "9" in this store. Check the Product field.',
    );
  });
});

describe('adjust_product_stock: a change whose answer is lost is never applied twice', () => {
  test('the stock shows the change landed: returned as done, not retried', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi().put(`${PRODUCT}/inventory`, { quantityDelta: 5 }).reply(503, '');
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 15 }));
    expect(await adjust({ productId: 555, quantityDelta: 5 })).toMatchObject({ quantity: 15, quantityDelta: 5 });
  });

  test('the stock is unchanged: left to Zapier to retry', async () => {
    ecwidApi()
      .get(PRODUCT)
      .times(2)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi().put(`${PRODUCT}/inventory`).reply(502, '');
    await expect(adjust({ productId: 555, quantityDelta: 5 })).rejects.toHaveProperty('name', 'ThrottledError');
  });

  test('the re-read fails too: stops and asks the merchant to check (the change may have landed)', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi().put(`${PRODUCT}/inventory`).reply(200, '{"updateCount":'); // cut off: it landed
    ecwidApi().get(PRODUCT).reply(503, '');
    const error = await rejectionOf(adjust({ productId: 555, quantityDelta: 5 }));
    expect(error.name).toBe('AppError');
    expect(shownMessage(error)).toMatch(
      /^Ecwid did not confirm the Quantity Change of 5 for "Enamel Mug" \(ID 555\), and its stock \(10 before\) could not be read again, so/,
    );
  });

  test('a rate-limited PUT (429) was refused before anything happened: retried by Zapier, no re-read', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi().put(`${PRODUCT}/inventory`).reply(429, { errorCode: 'RATE_LIMITED' }, { 'Retry-After': '7' });
    const error = await rejectionOf(adjust({ productId: 555, quantityDelta: 5 }));
    expect(error.name).toBe('ThrottledError');
  });

  test('the stock moved otherwise (sales meanwhile): stops and asks the merchant to check, rather than risk a double change', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi().put(`${PRODUCT}/inventory`).reply(503, '');
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 13 }));
    const error = await rejectionOf(adjust({ productId: 555, quantityDelta: 5 }));
    expect(error.name).toBe('AppError');
    expect(shownMessage(error)).toBe(
      'Ecwid did not confirm the Quantity Change of 5 for "Enamel Mug" (ID 555), and its stock went from 10 to 13 meanwhile (sales or other changes), so whether this change was applied cannot be told. Check the stock in Ecwid admin → Catalog → Products before replaying this step.',
    );
  });

  test('the change landed but the read-back fails: no error (a replay would apply it twice), the quantity computed', async () => {
    ecwidApi()
      .get(PRODUCT)
      .reply(200, ecwidProduct({ quantity: 10 }));
    ecwidApi().put(`${PRODUCT}/inventory`).reply(200, { updateCount: 1 });
    ecwidApi().get(PRODUCT).reply(500, '');
    const result = await adjust({ productId: 555, quantityDelta: -4 });
    expect(result).toMatchObject({ quantity: 6, quantityDelta: -4 });
    expect(result.warning).toMatch(/^Ecwid applied the change, but the product could not be read back/);
  });
});

describe('adjust_product_stock: nothing is sent when a field is wrong', () => {
  test.each([
    [
      { productId: undefined },
      'Product is required. Choose one from the dropdown, or map its ID from an earlier step.',
    ],
    [{ productId: 'MUG-01' }, /^Product must be chosen from the dropdown/],
    [{ quantityDelta: '' }, 'Quantity Change is required: how many to add (like 5) or take away (like -2).'],
    [{ quantityDelta: 0 }, 'Quantity Change must not be 0: give how many to add (like 5) or take away (like -2).'],
    [{ quantityDelta: '-0' }, /^Quantity Change must not be 0/],
    [{ quantityDelta: '1.5' }, 'Quantity Change must be a whole number, like 5 (got "1.5").'],
    [{ quantityDelta: 'minus 2' }, /^Quantity Change must be a number/],
    [{ quantityDelta: 3e9 }, /^Quantity Change must be between -2147483647 and 2147483647/],
  ])('%p', async (change, message) => {
    await expectInvalidInput(adjust({ productId: '555', quantityDelta: 1, ...change }), message);
  });
});
