import { describe, expect, test } from '@jest/globals';
import { apiBaseUrl, checkedBaseUrl, oauthBaseUrl } from '../../../lib/ecwid/config.js';
import { ecwidSearch } from '../../../lib/ecwid/client.js';
import { run, shownMessage, rejectionOf, useOfflineEcwid } from '../../helpers.js';

useOfflineEcwid();

describe('base URL guard (a token must never be sent elsewhere)', () => {
  test('defaults to Ecwid', () => {
    expect(apiBaseUrl()).toBe('https://app.ecwid.com/api/v3');
    expect(oauthBaseUrl()).toBe('https://my.ecwid.com/api/oauth');
  });

  test.each([
    'https://ecwid.example.com/api/v3',
    'http://127.0.0.1:8787/api/v3',
    'http://localhost:9/api/v3',
    'http://[::1]:9/api/v3',
  ])('%s is accepted', (url) => expect(checkedBaseUrl('ECWID_API_BASE_URL', url, 'https://x')).toBe(url));

  test.each([
    'http://example.com/api/v3',
    'http://10.0.0.1/api',
    'http://127.0.0.1.evil.com/',
    'ftp://localhost/',
    'not a url',
  ])('%s is refused with the variable named', (url) => {
    const error = (() => {
      try {
        checkedBaseUrl('ECWID_API_BASE_URL', url, 'https://x');
      } catch (e) {
        return e;
      }
    })();
    expect(shownMessage(error)).toMatch(/^ECWID_API_BASE_URL (must use https|is not a valid URL)/);
  });

  test('a refused base URL stops the request before it is sent', async () => {
    process.env.ECWID_API_BASE_URL = 'http://example.com/api/v3';
    const error = await rejectionOf(run((z, bundle) => ecwidSearch(z, bundle, '/orders')));
    expect(shownMessage(error)).toMatch(/ECWID_API_BASE_URL must use https/);
  });
});
