/** Create Customer end to end against the sandbox store: what the nock tests pin one request at a time. */
import { describe, expect, test } from '@jest/globals';
import { rejectionOf, shownMessage } from '../helpers.js';
import { useSandboxStore } from '../sandbox-store.js';

// The real clock: these actions read no time windows.
const shop = useSandboxStore({}, { followClock: false });

describe('Create Customer against the sandbox', () => {
  test('a customer: created, found by email; the same email with other details is refused', async () => {
    const input = { email: 'zap.test@example.com', name: 'Zap Test', countryCode: 'de', acceptMarketing: 'yes' };
    const customer = await shop.perform('creates', 'create_customer', input);
    expect(customer).toMatchObject({
      email: 'zap.test@example.com',
      name: 'Zap Test',
      acceptMarketing: true,
      billingPerson: { countryCode: 'DE' },
    });
    expect(await shop.perform('creates', 'create_customer', input)).toMatchObject({ id: customer.id });
    const [found] = await shop.perform('searches', 'find_customer', { email: 'ZAP.TEST@example.com' });
    expect(found.id).toBe(customer.id);
    const error = await rejectionOf(shop.perform('creates', 'create_customer', { ...input, name: 'Someone Else' }));
    expect(shownMessage(error)).toMatch(/^A customer with the email "zap.test@example.com" already exists/);
  });
});
