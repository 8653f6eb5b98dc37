/** Every API route, matched in this order (so `/orders/last` wins over `/orders/:id`). */
import { cartRoutes } from './carts.js';
import { catalogRoutes } from './catalog.js';
import { couponRoutes } from './coupons.js';
import { customerRoutes } from './customers.js';
import { orderRoutes } from './orders.js';
import type { Route } from './route.js';
import { storeInfoRoutes } from './store-info.js';

export type { Route, RouteContext, SearchResult } from './route.js';
export { MAX_LIMIT } from './route.js';

export const API_ROUTES: readonly Route[] = [
  ...storeInfoRoutes,
  ...orderRoutes,
  ...cartRoutes,
  ...customerRoutes,
  ...catalogRoutes,
  ...couponRoutes,
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const COMPILED: CompiledRoute[] = API_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

/**
 * The route for a method and path; `allowed` lists the methods the path supports when only the method is wrong
 * (→ 405), and both are undefined for an unknown path (→ 404).
 */
export function matchRoute(method: string, path: string): { match?: RouteMatch; allowed?: string[] } {
  const allowed: string[] = [];
  for (const { route, pattern, names } of COMPILED) {
    const found = pattern.exec(path);
    if (!found) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
    } catch {
      continue; // malformed %-escape: no record can have that id
    }
    return { match: { route, params } };
  }
  return { allowed: allowed.length > 0 ? allowed : undefined };
}
