import zapier from 'zapier-platform-core';

/** Ecwid's production hosts; the environment may point the app at an Ecwid-compatible server (the sandbox). */
const DEFAULT_API_BASE_URL = 'https://app.ecwid.com/api/v3';
const DEFAULT_OAUTH_BASE_URL = 'https://my.ecwid.com/api/oauth';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A base URL from the environment, refused unless it is https: or plain http: to this machine,
 * because every request to it carries the merchant's token.
 */
export const checkedBaseUrl = (name: string, value: string | undefined, fallback: string): string => {
  const raw = (value ?? '').trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new zapier.errors.Error(
      `${name} is not a valid URL. Set it to an https:// address, or unset it to use Ecwid.`,
      'InvalidConfiguration',
      500,
    );
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname));
  if (!allowed) {
    throw new zapier.errors.Error(
      `${name} must use https:// (plain http:// is allowed only for localhost), so the Ecwid token is never sent in the clear. Got ${url.protocol}//${url.host}.`,
      'InvalidConfiguration',
      500,
    );
  }
  return raw.replace(/\/+$/, '');
};

export const apiBaseUrl = (): string =>
  checkedBaseUrl('ECWID_API_BASE_URL', process.env.ECWID_API_BASE_URL, DEFAULT_API_BASE_URL);

export const oauthBaseUrl = (): string =>
  checkedBaseUrl('ECWID_OAUTH_BASE_URL', process.env.ECWID_OAUTH_BASE_URL, DEFAULT_OAUTH_BASE_URL);

/** Every scope the app's triggers, actions and searches use (see docs/reference.md). */
export const OAUTH_SCOPES = [
  'read_store_profile',
  'read_orders',
  'update_orders',
  'read_customers',
  'create_customers',
  'update_customers',
  'read_catalog',
  'update_catalog',
  'create_catalog',
  'read_discount_coupons',
  'create_discount_coupons',
  'update_discount_coupons',
] as const;
