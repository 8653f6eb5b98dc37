import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { oauthBaseUrl } from './config.js';

/**
 * The one place where Ecwid's answers become Zapier errors. Every message says what the merchant can do;
 * none carries a token, secret or header (messages are built from Ecwid's errorMessage/errorCode only,
 * and anything that looks like the connection's token is masked).
 */

/** What a request was about, passed through `middlewareData` so a 404/409 can name the record. */
export interface RequestSubject {
  /** e.g. "order", "discount coupon" */
  noun?: string;
  /** e.g. the order id or coupon code the merchant gave */
  id?: string | number;
  /** input field that names the record, so the fix can point at it */
  field?: string;
}

interface EcwidErrorBody {
  errorMessage?: string;
  errorCode?: string;
}

/** Retry delay for transient failures (5xx, timeouts, truncated answers) when Ecwid gives none. */
export const TRANSIENT_RETRY_SECONDS = 60;

const PLAN_HELP =
  "Ecwid's API is available on the Venture, Business and Unlimited plans: upgrade the store's plan in Ecwid (My Profile → Billing & Plans), or check that the store is not suspended.";

const FEATURE_HELP: Record<string, string> = {
  DISCOUNTS_FEATURE_NOT_AVAILABLE:
    'Discount coupons are not available for this store. Turn them on in Ecwid (Marketing → Discount Coupons) or upgrade to a plan that includes them.',
  SHIPPING_FEATURE_NOT_AVAILABLE: 'Shipping settings are not available for this store on its current Ecwid plan.',
  CUSTOMER_GROUPS_FEATURE_NOT_AVAILABLE:
    'Customer groups are not available for this store. Upgrade to an Ecwid plan that includes them, or leave the Customer Group field empty.',
};

/** Ecwid's error body, or what can be made of an empty, HTML or truncated one. */
export const readEcwidError = (response: Pick<HttpResponse, 'content' | 'data'>): EcwidErrorBody => {
  const data = response.data as unknown;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const { errorMessage, errorCode } = data as Record<string, unknown>;
    return {
      errorMessage: typeof errorMessage === 'string' ? errorMessage : undefined,
      errorCode: typeof errorCode === 'string' ? errorCode : undefined,
    };
  }
  return {};
};

const masked = (text: string, bundle: Bundle | undefined): string => {
  let out = text;
  for (const secret of [bundle?.authData?.access_token, process.env.CLIENT_SECRET]) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[hidden]');
  }
  // Tokens of Ecwid's shapes, wherever they come from.
  return out.replace(/\b(secret|public)_[A-Za-z0-9]{8,}\b/g, '[hidden]').replace(/Bearer\s+\S+/gi, 'Bearer [hidden]');
};

const describe = (subject: RequestSubject | undefined, fallback: string): string => {
  if (!subject?.noun) return fallback;
  return subject.id !== undefined && subject.id !== '' ? `${subject.noun} "${subject.id}"` : subject.noun;
};

const isOAuthCall = (response: HttpResponse): boolean => {
  try {
    return String(response.request?.url ?? '').startsWith(`${oauthBaseUrl()}/`);
  } catch {
    return false;
  }
};

const retryAfterHeader = (response: HttpResponse): number | undefined => {
  const header = response.headers?.get?.('retry-after');
  const seconds = header ? Number.parseInt(header, 10) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
};
const retryAfterSeconds = (response: HttpResponse): number => retryAfterHeader(response) ?? TRANSIENT_RETRY_SECONDS;

/** A passing fault worth one more try within the same invocation; longer waits are left to Zapier. */
export const QUICK_RETRY_MAX_SECONDS = 5;
/** Pause before that try when Ecwid asks for none (a 5xx, a timeout, a cut-off answer). */
const QUICK_RETRY_PAUSE_MS = 500;
const quickRetryPauses = new WeakMap<object, number>();

const withQuickRetry = <E extends Error>(error: E, pauseMs: number | undefined): E => {
  if (pauseMs !== undefined && pauseMs <= QUICK_RETRY_MAX_SECONDS * 1000) quickRetryPauses.set(error, pauseMs);
  return error;
};

/**
 * How long to wait before trying a failed read once more in the same invocation, or undefined when it should not
 * be: a 429 is retried only when Ecwid's Retry-After is short (without one, hammering would only extend the block),
 * a 5xx or a lost answer after a short pause; every other error is not passing.
 */
export const quickRetryPauseMs = (error: unknown): number | undefined =>
  error !== null && typeof error === 'object' ? quickRetryPauses.get(error) : undefined;

/** Ecwid's reason, quoted, when it gave one; never more than a line. */
const ecwidSays = (body: EcwidErrorBody, bundle: Bundle | undefined): string =>
  body.errorMessage ? ` Ecwid says: "${masked(body.errorMessage, bundle).slice(0, 300)}"` : '';

/** What an error answer says, read once: its status, Ecwid's code, the record it was about, Ecwid's reason quoted. */
interface ErrorAnswer {
  status: number;
  code: string;
  subject: RequestSubject | undefined;
  says: string;
  /** Ecwid gave a reason of its own. */
  explained: boolean;
}

const readAnswer = (response: HttpResponse, bundle: Bundle | undefined): ErrorAnswer => {
  const body = readEcwidError(response);
  return {
    status: response.status,
    code: body.errorCode ?? '',
    subject: response.request?.middlewareData?.subject as RequestSubject | undefined,
    says: ecwidSays(body, bundle),
    explained: Boolean(body.errorMessage),
  };
};

/** 429: Ecwid's shared per-store limit; tried again at once only when Ecwid asks for a short wait. */
const rateLimitError = (z: ZObject, response: HttpResponse): Error => {
  const asked = retryAfterHeader(response);
  return withQuickRetry(
    new z.errors.ThrottledError(
      "Ecwid's rate limit for this store was reached (600 requests a minute, shared by all apps using the connection). Zapier will retry automatically.",
      asked ?? TRANSIENT_RETRY_SECONDS,
    ),
    asked === undefined ? undefined : asked * 1000,
  );
};

/** 5xx: passing; tried again after a short pause, then left to Zapier. */
const unavailableError = (z: ZObject, response: HttpResponse): Error => {
  const asked = retryAfterHeader(response);
  return withQuickRetry(
    new z.errors.ThrottledError(
      `Ecwid is temporarily unavailable (HTTP ${response.status}). Zapier will retry automatically; nothing needs to be done.`,
      retryAfterSeconds(response),
    ),
    asked === undefined ? QUICK_RETRY_PAUSE_MS : asked * 1000,
  );
};

/** The connection, the plan or a feature stands in the way (401, missing scope, 402, 403); undefined otherwise. */
const accessError = (z: ZObject, { status, code, says }: ErrorAnswer): Error | undefined => {
  if (status === 401 || code === 'INVALID_API_TOKEN') {
    return new z.errors.ExpiredAuthError(
      'Ecwid no longer accepts this connection (the app was uninstalled or its access was revoked). Reconnect your Ecwid account in Zapier.',
    );
  }
  if (code === 'INSUFFICIENT_APP_SCOPE') {
    return new z.errors.ExpiredAuthError(
      `This Ecwid connection lacks a permission this step needs.${says} Reconnect your Ecwid account in Zapier and approve all the permissions it asks for.`,
    );
  }
  if (status === 402) {
    const suspended = code === 'STORE_IS_SUSPENDED';
    return new z.errors.Error(
      suspended
        ? `The Ecwid store is suspended.${says} Reactivate it in Ecwid (My Profile → Billing & Plans), then turn the Zap back on.`
        : `The Ecwid store's plan does not allow this.${says} ${PLAN_HELP}`,
      code || 'PaymentRequired',
      status,
    );
  }
  if (status === 403 && FEATURE_HELP[code]) return new z.errors.Error(FEATURE_HELP[code], code, status);
  if (status === 403) {
    return new z.errors.Error(
      `Ecwid refused this request.${says} Reconnect your Ecwid account if the problem continues.`,
      code || 'Forbidden',
      status,
    );
  }
  return undefined;
};

/** The record asked for is not there (404) or already is (409), named with the field that says which; undefined otherwise. */
const recordError = (z: ZObject, { status, code, subject, says }: ErrorAnswer): Error | undefined => {
  const what = describe(subject, 'record');
  if (status === 404) {
    const fix = subject?.field ? ` Check the ${subject.field} field.` : '';
    return new z.errors.Error(
      code === 'STORE_NOT_FOUND'
        ? 'Ecwid cannot find this store. Reconnect your Ecwid account in Zapier.'
        : `Ecwid has no ${what} in this store.${fix}`,
      code || 'NotFound',
      status,
    );
  }
  if (status === 409) {
    const fix = subject?.field ? ` Use a different ${subject.field}, or leave it empty.` : '';
    return new z.errors.Error(`A ${what} already exists in this Ecwid store.${says}${fix}`, code || 'Conflict', status);
  }
  return undefined;
};

/** 400, 415, 422 and anything else: Ecwid's own words name the field. */
const rejectedError = (z: ZObject, { status, code, says, explained }: ErrorAnswer): Error => {
  if (status === 415) {
    return new z.errors.Error(
      'Ecwid refused the request format (415). This is a bug in the app: please report it.',
      'UnsupportedMediaType',
      status,
    );
  }
  return new z.errors.Error(
    `Ecwid rejected the request${explained ? '' : ` (HTTP ${status})`}.${says} Check the step's fields and try again.`,
    code || `HTTP${status}`,
    status,
  );
};

/**
 * The error for an Ecwid answer with status ≥ 400. Exported for the token exchange and tests;
 * the app registers it through `handleEcwidErrors`.
 */
export const ecwidError = (z: ZObject, response: HttpResponse, bundle?: Bundle): Error => {
  const answer = readAnswer(response, bundle);
  const { status, code, says } = answer;
  if (isOAuthCall(response) && status < 500 && status !== 429) {
    return new z.errors.Error(
      `Ecwid did not complete the connection.${says || ` (HTTP ${status})`} Start connecting your Ecwid account again.`,
      code || 'OAuthFailed',
      status,
    );
  }
  if (status === 429) return rateLimitError(z, response);
  if (status >= 500) return unavailableError(z, response);
  return accessError(z, answer) ?? recordError(z, answer) ?? rejectedError(z, answer);
};

/** afterResponse: every Ecwid error becomes a clear Zapier error. */
export const handleEcwidErrors = (response: HttpResponse, z: ZObject, bundle: Bundle): HttpResponse => {
  if (response.status >= 400) throw ecwidError(z, response, bundle);
  return response;
};

/** A request that got no usable answer (timeout, reset, cut-off JSON): retry later, never act on half an answer. */
export const transientError = (z: ZObject, what: string): Error =>
  withQuickRetry(
    new z.errors.ThrottledError(
      `Ecwid's answer was incomplete (${what}). Zapier will retry automatically; nothing needs to be done.`,
      TRANSIENT_RETRY_SECONDS,
    ),
    QUICK_RETRY_PAUSE_MS,
  );

/**
 * The HTTP status of an error the app's error mapper raised for an Ecwid answer (z.errors.Error carries
 * `{message, code, status}` as JSON in its message); undefined for anything else.
 */
export const ecwidStatusOf = (error: unknown): number | undefined => {
  if ((error as Error)?.name !== 'AppError') return undefined;
  try {
    const status = JSON.parse((error as Error).message)?.status;
    return typeof status === 'number' ? status : undefined;
  } catch {
    return undefined;
  }
};

/** Errors after which Zapier retries by itself (5xx, timeouts, rate limits): the request may or may not have landed. */
export const isRetryLater = (error: unknown): boolean => (error as Error)?.name === 'ThrottledError';

/** True for the error a 404 from Ecwid becomes: searches answer "nothing found" instead of failing. */
export const isNotFound = (error: unknown): boolean => ecwidStatusOf(error) === 404;
