/**
 * Ecwid's OAuth2 authorization-code flow, auto-approved (or auto-denied by the `oauthDecision` knob):
 *   GET  /api/oauth/authorize?client_id&redirect_uri&response_type=code&scope&state → 302 redirect_uri?code&store_id&state
 *   POST /api/oauth/token/{storeId} (form-urlencoded) → {access_token, token_type, scope, store_id, email, public_token}
 * Token errors use the OAuth2 shape `{error, error_description}` with status 400 (Ecwid's exact body is not known).
 * Re-using a code fails and revokes the token first issued for it, as Ecwid does.
 */
import { randomBytes } from 'node:crypto';
import type { Knobs } from './knobs.js';
import type { Reply } from './reply.js';
import { isScope, type TokenRegistry } from './tokens.js';
import type { Scope } from './types.js';

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  storeId: number;
  ownerEmail: string;
}

interface Grant {
  redirectUri: string;
  scopes: Scope[];
  /** Set once exchanged; a second exchange revokes it. */
  issuedToken?: string;
}

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { 'Cache-Control': 'no-store' },
  body: { error, error_description: description },
});

export class OAuthProvider {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly config: OAuthConfig,
    private readonly tokens: TokenRegistry,
    private readonly knobs: Knobs,
  ) {}

  authorize(query: URLSearchParams): Reply {
    if (query.get('client_id') !== this.config.clientId) return oauthError(400, 'invalid_client', 'Unknown client_id');
    const redirectUri = query.get('redirect_uri') ?? '';
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return oauthError(400, 'invalid_request', 'redirect_uri must be an absolute URL');
    }
    const state = query.get('state');
    if (state !== null) redirect.searchParams.set('state', state);
    if (query.get('response_type') !== 'code') {
      redirect.searchParams.set('error', 'unsupported_response_type');
    } else if (this.knobs.oauthDecision === 'deny') {
      redirect.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(12).toString('hex');
      this.grants.set(code, { redirectUri, scopes: requestedScopes(query.get('scope')) });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('store_id', String(this.config.storeId));
    }
    return { status: 302, headers: { Location: redirect.toString() } };
  }

  /** `storeIdInPath` is the `{storeId}` of `/api/oauth/token/{storeId}`. */
  token(method: string, storeIdInPath: string, contentType: string, rawBody: string): Reply {
    if (method !== 'POST')
      return {
        ...oauthError(405, 'invalid_request', 'The token endpoint accepts POST only'),
        headers: { Allow: 'POST' },
      };
    if (storeIdInPath !== String(this.config.storeId))
      return oauthError(400, 'invalid_request', `Unknown store ${storeIdInPath}`);
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(
        400,
        'invalid_request',
        'Send the parameters form-urlencoded (application/x-www-form-urlencoded)',
      );
    }
    const form = new URLSearchParams(rawBody);
    if (form.get('grant_type') !== 'authorization_code')
      return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code');
    if (form.get('client_id') !== this.config.clientId || form.get('client_secret') !== this.config.clientSecret) {
      return oauthError(400, 'invalid_client', 'Wrong client_id or client_secret');
    }
    const code = form.get('code') ?? '';
    const grant = this.grants.get(code);
    if (!grant) return oauthError(400, 'invalid_grant', 'Unknown authorization code');
    if (grant.issuedToken !== undefined) {
      this.tokens.revoke(grant.issuedToken);
      return oauthError(
        400,
        'invalid_grant',
        'Authorization code already used; the token issued for it is now revoked',
      );
    }
    if (form.get('redirect_uri') !== grant.redirectUri)
      return oauthError(400, 'invalid_grant', 'redirect_uri differs from the one used to authorize');

    grant.issuedToken = this.tokens.issue(grant.scopes);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: {
        access_token: grant.issuedToken,
        token_type: 'bearer',
        scope: grant.scopes.join(' '),
        store_id: this.config.storeId,
        email: this.config.ownerEmail,
        public_token: `public_${randomBytes(12).toString('hex')}`,
      },
    };
  }
}

/** Space-separated scopes (commas tolerated); unknown ones ignored; read_store_profile always granted. */
function requestedScopes(scope: string | null): Scope[] {
  const asked = (scope ?? '').split(/[\s,]+/).filter(isScope);
  return [...new Set<Scope>(['read_store_profile', ...asked])];
}
