import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import App from '../../../index.js';
import { REFERENCE_FILE, renderReference } from '../../../tools/docs/reference-doc.js';
import type { AppDef } from '../../../tools/publishing/publishing-checks.js';
import { goodApp } from '../publishing/fixtures.js';

describe('docs/reference.md', () => {
  test('the committed reference is the one the app renders today', () => {
    const committed = existsSync(REFERENCE_FILE) ? readFileSync(REFERENCE_FILE, 'utf8') : '';
    const fresh = renderReference(App as unknown as AppDef);
    expect(committed === fresh ? 'up to date' : `${REFERENCE_FILE} is stale: run \`npm run docs\` and commit it`).toBe(
      'up to date',
    );
  });
});

describe('renderReference', () => {
  const doc = renderReference(goodApp());

  test('every trigger, action and search with its label, key and description', () => {
    expect(doc).toContain(
      '## Triggers\n\n### New Discount Coupon\n\nKey: `new_discount_coupon`\n\nTriggers when a discount coupon is created.',
    );
    expect(doc).toContain(
      '## Actions\n\n### Create Discount Coupon\n\nKey: `create_discount_coupon`\n\nCreates a discount coupon in your Ecwid store.',
    );
    expect(doc).toContain('## Searches\n\n### Find Discount Coupon by Code');
    expect(doc).toContain('## Dropdown sources (hidden triggers)\n\n### list categories');
  });

  test('inputs with type, required, choices (static and dropdowns) and help', () => {
    expect(doc).toContain('| Field | Key | Type | Required | Choices | Help |');
    expect(doc).toContain('| Code | `code` | string | yes |  | What shoppers type at checkout, e.g. `WELCOME10`. |');
    expect(doc).toContain(
      "| Limit to Category | `category` | string | no | Dropdown of your store's categories (`category_list.id.name`) |",
    );
    expect(doc).toContain(
      '| Status | `status` | string | no | `ACTIVE` (Active), `PAUSED` (Paused) | Only coupons with this status',
    );
    expect(doc).toContain('More fields are loaded from your store when you set up the step.');
  });

  test('output fields with label, key and type', () => {
    expect(doc).toContain('| Field | Key | Type |');
    expect(doc).toContain('| Launch Date | `launchDate` | datetime |');
    expect(doc).toContain('| Limited to Products | `catalogLimit__products` | integer (list) |');
    expect(doc).toContain('| Used in Order | `usage[]orderId` | string |');
  });

  test('cells stay on one table row: pipes escaped, new lines as <br>', () => {
    const app = goodApp();
    app.creates.create_discount_coupon.operation.inputFields[0].helpText = 'Letters | digits\nNo spaces.';
    expect(renderReference(app)).toContain('| Code | `code` | string | yes |  | Letters \\| digits<br>No spaces. |');
  });

  test('deterministic: the same definition in another key order renders the same file', () => {
    const app = goodApp();
    const reordered = { ...app, triggers: Object.fromEntries(Object.entries<any>(app.triggers).reverse()) };
    expect(renderReference(reordered)).toBe(doc);
    expect(renderReference(goodApp())).toBe(doc);
  });
});
