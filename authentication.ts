import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { OAUTH_SCOPES, oauthBaseUrl } from './lib/ecwid/config.js';
import { fetchProfile, STORE_ID_PATTERN } from './lib/ecwid/client.js';

/**
 * OAuth2 with Ecwid. Tokens never expire and there is no refresh token; a revoked token answers
 * 403 INVALID_API_TOKEN, which lib/ecwid/errors.ts turns into "reconnect" (ExpiredAuthError).
 */

const authorizeUrl = async (_z: ZObject, bundle: Bundle): Promise<string> => {
  const query = new URLSearchParams({
    client_id: process.env.CLIENT_ID ?? '',
    redirect_uri: String(bundle.inputData.redirect_uri ?? ''),
    response_type: 'code',
    scope: OAUTH_SCOPES.join(' '),
    state: String(bundle.inputData.state ?? ''),
  });
  // Spaces as %20 rather than "+": the scope list is space-separated.
  return `${oauthBaseUrl()}/authorize?${query.toString().replace(/\+/g, '%20')}`;
};

const getAccessToken = async (z: ZObject, bundle: Bundle) => {
  // Ecwid adds the store id to the redirect (since 2025-09); the token endpoint wants it in the path.
  const fromRedirect = String(bundle.cleanedRequest?.querystring?.store_id ?? bundle.inputData.store_id ?? '').trim();
  if (fromRedirect && !STORE_ID_PATTERN.test(fromRedirect)) {
    throw new z.errors.Error(
      'Ecwid sent back an invalid store id. Start connecting your Ecwid account again.',
      'InvalidStoreId',
      400,
    );
  }
  const response = await z.request({
    url: `${oauthBaseUrl()}/token${fromRedirect ? `/${fromRedirect}` : ''}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      code: bundle.inputData.code,
      redirect_uri: bundle.inputData.redirect_uri,
      grant_type: 'authorization_code',
    },
  });
  const data = (response.data ?? {}) as Record<string, unknown>;
  const accessToken = typeof data.access_token === 'string' ? data.access_token : '';
  const storeId = String(data.store_id ?? fromRedirect ?? '').trim();
  if (!accessToken) {
    throw new z.errors.Error(
      'Ecwid did not return an access token. Start connecting your Ecwid account again.',
      'NoAccessToken',
      502,
    );
  }
  if (!STORE_ID_PATTERN.test(storeId)) {
    throw new z.errors.Error(
      'Ecwid did not say which store was connected. Start connecting your Ecwid account again.',
      'NoStoreId',
      502,
    );
  }
  return { access_token: accessToken, store_id: storeId };
};

/** The test call: the store profile, trimmed to what the connection label needs. */
const test = async (z: ZObject, bundle: Bundle) => {
  const profile = await fetchProfile(z, bundle);
  return {
    storeId: profile.storeId,
    storeName: profile.storeName,
    storeUrl: profile.storeUrl,
    accountName: profile.accountName,
  };
};

/** "My Shop (#1003)"; the store's URL or the account name when the store has no name yet. */
const connectionLabel = async (_z: ZObject, bundle: Bundle): Promise<string> => {
  const data = bundle.inputData as Record<string, unknown>;
  const name = [data.storeName, data.storeUrl, data.accountName].map((v) => String(v ?? '').trim()).find(Boolean);
  const id = String(data.storeId ?? bundle.authData?.store_id ?? '');
  return name ? `${name} (#${id})` : `Ecwid store #${id}`;
};

export default {
  type: 'oauth2',
  oauth2Config: {
    authorizeUrl,
    getAccessToken,
    autoRefresh: false,
  },
  fields: [{ key: 'store_id', type: 'string', required: false, computed: true }],
  test,
  connectionLabel,
} satisfies Authentication;
