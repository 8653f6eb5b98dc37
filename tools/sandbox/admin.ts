/**
 * `/__sandbox/…`: steering the sandbox from another process (no token needed; loopback only).
 *   GET  /__sandbox                      → addresses, store id, full-scope token
 *   GET|POST /__sandbox/knobs            → read / patch knobs (JSON, partial)
 *   GET|POST /__sandbox/clock            → {now: ms | date text} sets, {advanceMs} moves, {realTime: true} unfreezes
 *   POST /__sandbox/tokens               → {scopes?: [...]} → {token}
 *   DELETE /__sandbox/tokens/{token}     → revokes it
 *   POST /__sandbox/orders               → {count?, paymentStatus?, customerId?} places orders at the clock's time
 *   POST /__sandbox/carts                → {count?, customerId?} leaves abandoned carts at the clock's time → {cartIds}
 *   POST /__sandbox/orders/{id}/refund   → {amount?, reason?, statusOnly?} refunds at the clock's time → the order
 *   POST /__sandbox/orders/{id}/delete   → deletes it at the clock's time → {id, orderId, deletedAt}
 *   GET|DELETE /__sandbox/requests       → the request log / clears it
 */
import { parseEcwidDate } from './dates.js';
import type { Reply } from './reply.js';
import type { Sandbox } from './server.js';
import { isScope } from './tokens.js';

const ok = (body: unknown): Reply => ({ status: 200, body });
const bad = (status: number, message: string): Reply => ({ status, body: { error: message } });

function parseJsonObject(rawBody: string): Record<string, unknown> {
  if (rawBody.trim() === '') return {};
  const value: unknown = JSON.parse(rawBody);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('Body must be a JSON object');
  return value as Record<string, unknown>;
}

function clockState(sandbox: Sandbox) {
  const now = sandbox.clock.now();
  return { now, iso: new Date(now).toISOString(), virtual: sandbox.clock.isVirtual };
}

/** A time given as ms, ISO-8601 text or an Ecwid date string. */
function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const ecwid = parseEcwidDate(value);
  if (ecwid !== undefined) return ecwid * 1000;
  const iso = Date.parse(value);
  return Number.isNaN(iso) ? undefined : iso;
}

/** `{count?, customerId?}` → `count` records (1..1000, default 1) made by `place`, answered as `{[key]: ids}`. */
function placeBatch(
  sandbox: Sandbox,
  body: Record<string, unknown>,
  place: (customerId: number | null | undefined) => string,
  key: string,
): Reply {
  const count = body.count ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 1000)
    return bad(400, "'count' must be an integer in 1..1000");
  const customerId = body.customerId as number | null | undefined;
  if (customerId !== undefined && customerId !== null && !sandbox.store.getCustomer(customerId))
    return bad(400, `No customer ${String(customerId)}`);
  return ok({ [key]: Array.from({ length: count as number }, () => place(customerId)) });
}

export function handleAdmin(sandbox: Sandbox, method: string, path: string, rawBody: string): Reply {
  let body: Record<string, unknown>;
  try {
    body = method === 'POST' ? parseJsonObject(rawBody) : {};
  } catch (error) {
    return bad(400, `Invalid JSON body: ${(error as Error).message}`);
  }
  const route = `${method} ${path.replace(/\/+$/, '')}`;

  if (route === 'GET /__sandbox') {
    const { apiBaseUrl, oauthBaseUrl, storeId, token, clientId } = sandbox;
    return ok({ apiBaseUrl, oauthBaseUrl, storeId, token, clientId, clock: clockState(sandbox) });
  }
  if (route === 'GET /__sandbox/knobs') return ok(sandbox.knobs);
  if (route === 'POST /__sandbox/knobs') {
    try {
      return ok(sandbox.setKnobs(body));
    } catch (error) {
      return bad(400, (error as Error).message);
    }
  }
  if (route === 'GET /__sandbox/clock') return ok(clockState(sandbox));
  if (route === 'POST /__sandbox/clock') {
    if (body.realTime === true) sandbox.clock.useRealTime();
    if (body.now !== undefined) {
      const instant = parseInstant(body.now);
      if (instant === undefined)
        return bad(
          400,
          `'now' must be ms since epoch, ISO-8601 or 'yyyy-MM-dd HH:mm:ss Z'; got ${JSON.stringify(body.now)}`,
        );
      sandbox.clock.set(instant);
    }
    if (body.advanceMs !== undefined) {
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs))
        return bad(400, "'advanceMs' must be a number");
      sandbox.clock.advance(body.advanceMs);
    }
    return ok(clockState(sandbox));
  }
  if (route === 'POST /__sandbox/tokens') {
    const scopes = body.scopes ?? undefined;
    if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every(isScope)))
      return bad(400, "'scopes' must be a list of Ecwid scopes");
    return ok({ token: sandbox.issueToken(scopes) });
  }
  if (method === 'DELETE' && path.startsWith('/__sandbox/tokens/')) {
    return ok({ revoked: sandbox.revokeToken(decodeURIComponent(path.slice('/__sandbox/tokens/'.length))) });
  }
  if (route === 'POST /__sandbox/orders') {
    const { paymentStatus } = body;
    if (paymentStatus !== undefined && !['AWAITING_PAYMENT', 'PAID', 'INCOMPLETE'].includes(paymentStatus as string)) {
      return bad(400, "'paymentStatus' must be AWAITING_PAYMENT, PAID or INCOMPLETE");
    }
    return placeBatch(
      sandbox,
      body,
      (customerId) => sandbox.store.createOrder({ paymentStatus: paymentStatus as 'PAID' | undefined, customerId }).id,
      'ids',
    );
  }
  if (route === 'POST /__sandbox/carts') {
    return placeBatch(sandbox, body, (customerId) => sandbox.store.createCart({ customerId }).cartId, 'cartIds');
  }
  const orderAction = /^POST \/__sandbox\/orders\/([^/]+)\/(refund|delete)$/.exec(route);
  if (orderAction) {
    const id = decodeURIComponent(orderAction[1]);
    if (!sandbox.store.getOrder(id)) return bad(404, `No order ${id}`);
    if (orderAction[2] === 'delete') return ok(sandbox.store.deleteOrder(id));
    const { amount, reason, statusOnly } = body;
    if (amount !== undefined && !(typeof amount === 'number' && amount > 0))
      return bad(400, "'amount' must be a positive number");
    if (reason !== undefined && typeof reason !== 'string') return bad(400, "'reason' must be text");
    if (statusOnly !== undefined && typeof statusOnly !== 'boolean')
      return bad(400, "'statusOnly' must be true or false");
    try {
      return ok(sandbox.store.refundOrder(id, { amount, reason, statusOnly, source: 'API' }));
    } catch (error) {
      return bad(409, (error as Error).message);
    }
  }
  if (route === 'GET /__sandbox/requests') return ok(sandbox.requests);
  if (route === 'DELETE /__sandbox/requests') {
    sandbox.requests.length = 0;
    return ok({ cleared: true });
  }
  return bad(404, `No admin route ${route}`);
}
