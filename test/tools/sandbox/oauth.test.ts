/** OAuth2: authorize redirects with code, store_id and state; the token exchange and its failures; code reuse. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../../tools/sandbox/server.js';
import { ApiClient, call, startTestSandbox } from './helpers.js';

let sandbox: Sandbox;
const REDIRECT = 'https://zapier.example.com/dashboard/auth/oauth/return/App123CLIAPI/';

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 2, orders: 20, clientId: 'my-client', clientSecret: 'my-secret' });
});
afterAll(() => sandbox.close());

function authorizeUrl(params: Record<string, string>): string {
  return `${sandbox.oauthBaseUrl}/authorize?${new URLSearchParams(params)}`;
}

async function authorize(scope = 'read_orders read_customers', redirectUri = REDIRECT): Promise<URL> {
  const answer = await call(
    authorizeUrl({ client_id: 'my-client', redirect_uri: redirectUri, response_type: 'code', scope, state: 'xyz 42' }),
  );
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!);
}

function exchange(
  fields: Record<string, string>,
  options: { storeId?: string | number; contentType?: string; method?: string } = {},
) {
  const body = new URLSearchParams({
    client_id: 'my-client',
    client_secret: 'my-secret',
    redirect_uri: REDIRECT,
    grant_type: 'authorization_code',
    ...fields,
  });
  return call(`${sandbox.oauthBaseUrl}/token/${options.storeId ?? sandbox.storeId}`, {
    method: options.method ?? 'POST',
    headers: { 'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded' },
    body: options.method === 'GET' ? undefined : body.toString(),
  });
}

describe('GET /api/oauth/authorize', () => {
  test('auto-approves and redirects to redirect_uri with code, store_id and the state', async () => {
    const location = await authorize();
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{24}$/);
    expect(location.searchParams.get('store_id')).toBe(String(sandbox.storeId));
    expect(location.searchParams.get('state')).toBe('xyz 42');
  });

  test('keeps query parameters already on the redirect_uri', async () => {
    const location = await authorize('read_orders', 'https://app.example.com/cb?tenant=7');
    expect(location.searchParams.get('tenant')).toBe('7');
    expect(location.searchParams.get('code')).not.toBeNull();
  });

  test('the oauthDecision knob makes the merchant refuse: error=access_denied, still with state', async () => {
    sandbox.setKnobs({ oauthDecision: 'deny' });
    try {
      const location = await authorize();
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('state')).toBe('xyz 42');
      expect(location.searchParams.get('code')).toBeNull();
    } finally {
      sandbox.setKnobs({ oauthDecision: 'approve' });
    }
  });

  test('an unknown client_id or a missing redirect_uri is a 400, not a redirect', async () => {
    expect(
      (await call(authorizeUrl({ client_id: 'other', redirect_uri: REDIRECT, response_type: 'code' }))).status,
    ).toBe(400);
    expect((await call(authorizeUrl({ client_id: 'my-client', response_type: 'code' }))).status).toBe(400);
    const wrongType = await call(
      authorizeUrl({ client_id: 'my-client', redirect_uri: REDIRECT, response_type: 'token' }),
    );
    expect(new URL(wrongType.headers.get('location')!).searchParams.get('error')).toBe('unsupported_response_type');
  });
});

describe('POST /api/oauth/token/{storeId}', () => {
  test('exchanges the code for a bearer token carrying the granted scopes (plus read_store_profile)', async () => {
    const code = (await authorize('read_orders update_orders')).searchParams.get('code')!;
    const answer = await exchange({ code });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^secret_/),
      token_type: 'bearer',
      scope: 'read_store_profile read_orders update_orders',
      store_id: sandbox.storeId,
      email: sandbox.store.settings.ownerEmail,
      public_token: expect.stringMatching(/^public_/),
    });
    const client = new ApiClient(sandbox, answer.body.access_token);
    expect((await client.get('/profile')).status).toBe(200);
    expect((await client.get('/orders')).status).toBe(200);
    expect((await client.get('/customers')).body.errorCode).toBe('INSUFFICIENT_APP_SCOPE');
  });

  test('re-using a code fails and revokes the token issued for it', async () => {
    const code = (await authorize()).searchParams.get('code')!;
    const first = await exchange({ code });
    const client = new ApiClient(sandbox, first.body.access_token);
    expect((await client.get('/orders')).status).toBe(200);
    const again = await exchange({ code });
    expect([again.status, again.body.error]).toEqual([400, 'invalid_grant']);
    expect((await client.get('/orders')).body.errorCode).toBe('INVALID_API_TOKEN');
  });

  test.each([
    ['wrong client secret', { client_secret: 'nope' }, 'invalid_client'],
    ['wrong client id', { client_id: 'nope' }, 'invalid_client'],
    ['unknown code', { code: 'deadbeef' }, 'invalid_grant'],
    ['different redirect_uri', { redirect_uri: 'https://evil.example.com/' }, 'invalid_grant'],
    ['wrong grant_type', { grant_type: 'client_credentials' }, 'unsupported_grant_type'],
  ])('%s → 400 %s', async (_, fields, error) => {
    const code = (await authorize()).searchParams.get('code')!;
    const answer = await exchange({ code, ...fields });
    expect([answer.status, answer.body.error]).toEqual([400, error]);
    expect(typeof answer.body.error_description).toBe('string');
  });

  test('GET is rejected (405); JSON bodies, another store id and the legacy path without store id are refused', async () => {
    const code = (await authorize()).searchParams.get('code')!;
    expect((await exchange({ code }, { method: 'GET' })).status).toBe(405);
    expect((await exchange({ code }, { contentType: 'application/json' })).status).toBe(400);
    expect((await exchange({ code }, { storeId: 4242 })).status).toBe(400);
    const legacy = await call(`${sandbox.oauthBaseUrl}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `code=${code}`,
    });
    expect(legacy.status).toBe(404);
    expect((await exchange({ code })).status).toBe(200); // the failed attempts did not use the code up
  });
});
