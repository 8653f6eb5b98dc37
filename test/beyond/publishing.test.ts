import { beforeEach, describe, expect, test } from '@jest/globals';
import zapier from 'zapier-platform-core';
import { apiBaseUrl, oauthBaseUrl } from '../../lib/ecwid/config.js';
import { checkApp, formatFailure, type AppDef } from '../../tools/publishing/publishing-checks.js';
import { offline, resetEnv } from '../helpers.js';
import { BEYOND_APP } from './app.js';

beforeEach(() => {
  offline();
  resetEnv();
});

const KEYS = ['order_status_changed', 'new_order_line_item', 'new_abandoned_cart', 'order_list', 'update_order'];

describe("this task's operations pass the offline integration checks", () => {
  test('no D0xx/X001 failure names them (dropdown ids, samples, ISO dates, title case, descriptions, help texts)', () => {
    const report = checkApp(BEYOND_APP as unknown as AppDef, { urls: [apiBaseUrl(), oauthBaseUrl()] });
    const ours = report.failures.filter((failure) => KEYS.some((key) => failure.where.includes(key)));
    expect(ours.map(formatFailure)).toEqual([]);
  });

  test("Zapier's own schema validation accepts the app with them registered", async () => {
    // Not in core's type declarations, but exported at runtime (the CLI validates through it).
    const validate = (zapier as any).createAppHandler(BEYOND_APP);
    const result: any = await new Promise((resolve, reject) =>
      validate({ command: 'validate' } as any, {} as any, (error: unknown, answer: unknown) => (error ? reject(error) : resolve(answer))),
    );
    expect(result.results).toEqual([]);
  });
});
