import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import authentication from '../authentication.js';
import { OAUTH_SCOPES } from '../lib/ecwid/config.js';
import {
  appTester,
  bundleFor,
  CLIENT_SECRET,
  rejectionOf,
  shownMessage,
  STORE_ID,
  TOKEN,
  useOfflineEcwid,
} from './helpers.js';

const oauth = authentication.oauth2Config;

useOfflineEcwid({ everyMockUsed: true });

describe('authorize URL', () => {
  test('asks Ecwid for a code with every scope, the redirect and the state', async () => {
    const url = new URL(
      (await appTester(
        oauth.authorizeUrl as any,
        bundleFor({ redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1/', state: 'st4te' }),
      )) as string,
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://my.ecwid.com/api/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-id-123',
      redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1/',
      response_type: 'code',
      scope: OAUTH_SCOPES.join(' '),
      state: 'st4te',
    });
    expect(url.search).toContain('scope=read_store_profile%20read_orders');
  });
});

describe('token exchange', () => {
  const codeBundle = (querystring: Record<string, string>) => ({
    ...bundleFor({ code: 'c0de', redirect_uri: 'https://zapier.com/return' }, {}, {}),
    cleanedRequest: { querystring },
  });

  test('POSTs the form to /token/{store_id} and keeps exactly access_token and store_id', async () => {
    let body = '';
    nock('https://my.ecwid.com')
      .post('/api/oauth/token/1003', (b) => {
        body = new URLSearchParams(b).toString();
        return true;
      })
      .matchHeader('content-type', /application\/x-www-form-urlencoded/)
      .reply(200, { access_token: TOKEN, token_type: 'bearer', scope: 'read_orders', store_id: 1003, email: 'a@b.c' });
    const result = await appTester(
      oauth.getAccessToken as any,
      codeBundle({ code: 'c0de', store_id: STORE_ID }) as any,
    );
    expect(result).toEqual({ access_token: TOKEN, store_id: '1003' });
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      client_id: 'client-id-123',
      client_secret: CLIENT_SECRET,
      code: 'c0de',
      redirect_uri: 'https://zapier.com/return',
      grant_type: 'authorization_code',
    });
  });

  test('falls back to the legacy path when the redirect carried no store id', async () => {
    nock('https://my.ecwid.com').post('/api/oauth/token').reply(200, { access_token: TOKEN, store_id: 77 });
    const result = await appTester(oauth.getAccessToken as any, codeBundle({ code: 'c0de' }) as any);
    expect(result).toEqual({ access_token: TOKEN, store_id: '77' });
  });

  test('refuses a store id that is not a positive integer, before any request', async () => {
    await expect(appTester(oauth.getAccessToken as any, codeBundle({ store_id: '12/../3' }) as any)).rejects.toThrow(
      /invalid store id/,
    );
  });

  test('says so when neither the redirect nor Ecwid names the store', async () => {
    nock('https://my.ecwid.com').post('/api/oauth/token').reply(200, { access_token: TOKEN });
    await expect(appTester(oauth.getAccessToken as any, codeBundle({}) as any)).rejects.toThrow(
      /did not say which store/,
    );
  });

  test("an Ecwid error is reported in Ecwid's words, without the client secret", async () => {
    nock('https://my.ecwid.com')
      .post('/api/oauth/token/1003')
      .reply(400, { errorMessage: `invalid code for client_secret=${CLIENT_SECRET}`, errorCode: 'invalid_grant' });
    const error = await rejectionOf(appTester(oauth.getAccessToken as any, codeBundle({ store_id: STORE_ID }) as any));
    expect(shownMessage(error)).toMatch(
      /^Ecwid did not complete the connection\. Ecwid says: "invalid code.*Start connecting your Ecwid account again\.$/,
    );
    expect(String(error.message)).not.toContain(CLIENT_SECRET);
  });
});

describe('test call and connection label', () => {
  test('GETs the trimmed profile with the Bearer token and labels "Name (#id)"', async () => {
    nock('https://app.ecwid.com', { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/api/v3/1003/profile')
      .query({
        responseFields:
          'generalInfo(storeId,storeUrl),account(accountName,accountEmail),settings(storeName),formatsAndUnits(currency,timezone)',
      })
      .reply(200, {
        generalInfo: { storeId: 1003, storeUrl: 'https://shop.example' },
        settings: { storeName: 'My Shop' },
        account: { accountName: 'Ann' },
      });
    const result = await appTester(authentication.test as any, bundleFor());
    expect(result).toEqual({
      storeId: 1003,
      storeName: 'My Shop',
      storeUrl: 'https://shop.example',
      accountName: 'Ann',
    });
    const label = await appTester(authentication.connectionLabel as any, { ...bundleFor(result as any) } as any);
    expect(label).toBe('My Shop (#1003)');
  });

  test('label falls back to the store URL, then to the id alone', async () => {
    const label = (data: Record<string, unknown>) =>
      appTester(authentication.connectionLabel as any, bundleFor(data) as any);
    expect(await label({ storeId: 5, storeName: '', storeUrl: 'https://x.shop' })).toBe('https://x.shop (#5)');
    expect(await label({ storeId: 5 })).toBe('Ecwid store #5');
  });

  test('a revoked token asks the merchant to reconnect', async () => {
    nock('https://app.ecwid.com')
      .get('/api/v3/1003/profile')
      .query(true)
      .reply(403, { errorMessage: 'Invalid token', errorCode: 'INVALID_API_TOKEN' });
    await expect(appTester(authentication.test as any, bundleFor())).rejects.toMatchObject({
      name: 'ExpiredAuthError',
      message: expect.stringMatching(/Reconnect your Ecwid account/),
    });
  });
});
