import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { apiBaseUrl } from './config.js';

/** beforeRequest: the Bearer token, only on calls to Ecwid's REST API (never to the OAuth or other hosts). */
export const addBearerToken = (request: HttpRequestOptions & { url: string }, _z: ZObject, bundle: Bundle) => {
  const token = bundle.authData?.access_token;
  if (token && request.url.startsWith(`${apiBaseUrl()}/`)) {
    request.headers = { ...request.headers, Authorization: `Bearer ${token}` };
  }
  return request;
};
