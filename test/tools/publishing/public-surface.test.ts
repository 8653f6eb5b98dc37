import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import App from '../../../index.js';
import type { AppDef } from '../../../tools/publishing/publishing-checks.js';
import {
  additions,
  breakingChanges,
  describeBreakingChanges,
  publicSurfaceOf,
  renderSurface,
  SURFACE_FILE,
  type PublicSurface,
} from '../../../tools/publishing/public-surface.js';
import { goodApp } from './fixtures.js';

describe('the committed public surface (Zapier C001–C003: never break live Zaps)', () => {
  test('the app still has every trigger, action, search, input key and output key the snapshot records', () => {
    expect(existsSync(SURFACE_FILE) ? 'present' : `${SURFACE_FILE} is missing: run \`npm run surface:update\``).toBe(
      'present',
    );
    const committed = JSON.parse(readFileSync(SURFACE_FILE, 'utf8')) as PublicSurface;
    const current = publicSurfaceOf(App as unknown as AppDef);
    const changes = breakingChanges(committed, current);
    expect(changes.length === 0 ? 'no breaking change' : describeBreakingChanges(changes)).toBe('no breaking change');
    const added = additions(committed, current);
    if (added.length > 0) {
      console.warn(
        `Not in ${SURFACE_FILE} yet (fine, not breaking): ${added.join('; ')}.\nRun \`npm run surface:update\` and commit the snapshot.`,
      );
    }
  });
});

describe('breaking changes against a snapshot', () => {
  const before = publicSurfaceOf(goodApp());

  test('the surface lists steps by kind with sorted input keys and flattened output keys', () => {
    expect(Object.keys(before.triggers)).toEqual(['category_list', 'new_discount_coupon']);
    expect(before.creates.create_discount_coupon.inputs).toEqual(['category', 'code']);
    expect(before.triggers.new_discount_coupon.outputs).toEqual([
      'catalogLimit__categories',
      'catalogLimit__products',
      'code',
      'discount',
      'expirationDate',
      'id',
      'launchDate',
      'name',
      'status',
      'usage[]amount',
      'usage[]orderId',
    ]);
    expect(before.triggers.category_list.hidden).toBe(true);
    expect(renderSurface(before)).toBe(renderSurface(publicSurfaceOf(goodApp())));
  });

  test('an unchanged app has no breaking change and nothing to add', () => {
    expect(breakingChanges(before, publicSurfaceOf(goodApp()))).toEqual([]);
    expect(additions(before, publicSurfaceOf(goodApp()))).toEqual([]);
  });

  const cases: Array<[string, (app: ReturnType<typeof goodApp>) => void, string, string]> = [
    [
      'a removed trigger',
      (app) => delete app.triggers.new_discount_coupon,
      'C001',
      'triggers.new_discount_coupon: the trigger "new_discount_coupon" was removed or renamed',
    ],
    [
      'a renamed action',
      (app) => {
        app.creates.add_coupon = app.creates.create_discount_coupon;
        delete app.creates.create_discount_coupon;
      },
      'C001',
      'the action "create_discount_coupon" was removed or renamed',
    ],
    [
      'a renamed input key',
      (app) => {
        app.creates.create_discount_coupon.operation.inputFields[0].key = 'coupon_code';
      },
      'C002',
      'creates.create_discount_coupon: input field "code" was removed or renamed',
    ],
    [
      'a removed sample key',
      (app) => {
        delete app.searches.find_discount_coupon.operation.sample.status;
      },
      'C003',
      'searches.find_discount_coupon: output/sample key "status" was removed or renamed',
    ],
    [
      'a removed line-item key',
      (app) => {
        const operation = app.triggers.new_discount_coupon.operation;
        operation.sample.usage = [{ orderId: 'SHOP-X8UYE' }];
        operation.outputFields = operation.outputFields.filter((f: { key: string }) => f.key !== 'usage[]amount');
      },
      'C003',
      'output/sample key "usage[]amount" was removed or renamed',
    ],
  ];

  test.each(cases)('%s fails, naming the key and how to ship a new version', (_what, breakIt, check, names) => {
    const app = goodApp();
    breakIt(app);
    const changes = breakingChanges(before, publicSurfaceOf(app));
    expect(changes.map((c) => c.check)).toEqual([check]);
    const message = describeBreakingChanges(changes);
    expect(message).toContain(`${check} `);
    expect(message).toContain(names);
    expect(message).toContain('zapier-platform push');
    expect(message).toContain('zapier-platform deprecate');
    expect(message).toContain('npm run surface:update');
  });

  test('additions (and hiding a step) are not breaking, but are listed for the snapshot', () => {
    const app = goodApp();
    app.triggers.new_discount_coupon.operation.sample.usesLimit = 'UNLIMITED';
    app.creates.create_discount_coupon.operation.inputFields.push({
      key: 'discount',
      label: 'Discount',
      helpText: 'Percent or amount.',
    });
    app.searches.find_product = {
      key: 'find_product',
      noun: 'Product',
      display: { label: 'Find Product', description: 'Finds a product.' },
      operation: { inputFields: [{ key: 'sku', label: 'SKU' }] },
    };
    app.triggers.new_discount_coupon.display.hidden = true;
    expect(breakingChanges(before, publicSurfaceOf(app))).toEqual([]);
    expect(additions(before, publicSurfaceOf(app))).toEqual([
      'triggers.new_discount_coupon hidden (C001 warning: Zap templates using it break)',
      'triggers.new_discount_coupon output "usesLimit"',
      'creates.create_discount_coupon input "discount"',
      'searches.find_product',
    ]);
  });
});
