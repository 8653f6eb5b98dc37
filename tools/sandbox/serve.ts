/**
 * `npm run sandbox`: an Ecwid-compatible store on http://127.0.0.1:8787 for running the app against locally.
 * Flags: USAGE below (`npm run sandbox -- --help`). The clock follows real time.
 */
import { flagError, readFlags } from '../cli-flags.js';
import { startSandbox } from './server.js';

const USAGE = `
npm run sandbox -- [flags]   (each also read from an environment variable; defaults in parentheses)
  --port / SANDBOX_PORT (8787)        --seed / SANDBOX_SEED (1)              --orders / SANDBOX_ORDERS (200)
  --customers / SANDBOX_CUSTOMERS     --products / SANDBOX_PRODUCTS (40)     --days / SANDBOX_DAYS (60)
  --store-id / SANDBOX_STORE_ID (1003)    --prefix / SANDBOX_ORDER_ID_PREFIX (order id prefix)
  --gross / SANDBOX_PRICES_INCLUDE_TAX=true (VAT-inclusive prices)
`;

const flags = readFlags(USAGE, {
  port: { type: 'string' },
  seed: { type: 'string' },
  orders: { type: 'string' },
  customers: { type: 'string' },
  products: { type: 'string' },
  days: { type: 'string' },
  'store-id': { type: 'string' },
  prefix: { type: 'string' },
  gross: { type: 'boolean' },
});

/** A flag, else an environment variable, else the default; must be a non-negative integer. */
function integer(flag: string | undefined, envName: string, fallback?: number): number | undefined {
  const text = flag ?? process.env[envName];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text))
    flagError(
      `${envName} / --${envName.replace(/^SANDBOX_/, '').toLowerCase()} must be a non-negative integer, got '${text}'`,
    );
  return Number(text);
}

const started = Date.now();
const sandbox = await startSandbox({
  port: integer(flags.port, 'SANDBOX_PORT', 8787),
  seed: integer(flags.seed, 'SANDBOX_SEED', 1),
  orders: integer(flags.orders, 'SANDBOX_ORDERS', 200),
  customers: integer(flags.customers, 'SANDBOX_CUSTOMERS'),
  products: integer(flags.products, 'SANDBOX_PRODUCTS'),
  spanDays: integer(flags.days, 'SANDBOX_DAYS', 60),
  storeId: integer(flags['store-id'], 'SANDBOX_STORE_ID', 1003),
  orderIdPrefix: flags.prefix ?? process.env.SANDBOX_ORDER_ID_PREFIX,
  pricesIncludeTax: flags.gross ?? process.env.SANDBOX_PRICES_INCLUDE_TAX === 'true',
});

const { store } = sandbox;
console.log(`Ecwid sandbox ready in ${Date.now() - started} ms: store ${sandbox.storeId}, seed ${store.seed}, ${store.orders.length} orders, ${store.customers.length} customers, ${store.products.length} products
  API base URL    ${sandbox.apiBaseUrl}
  OAuth base URL  ${sandbox.oauthBaseUrl}   (client id ${sandbox.clientId}, secret ${sandbox.clientSecret})
  Store id        ${sandbox.storeId}
  Token           ${sandbox.token}   (all scopes)
  Admin           ${sandbox.url}/__sandbox   (knobs, clock, tokens, new orders: see tools/sandbox/admin.ts)

Example .env:
ECWID_API_BASE_URL=${sandbox.apiBaseUrl}
authData_access_token=${sandbox.token}
authData_store_id=${sandbox.storeId}
CLIENT_ID=${sandbox.clientId}
CLIENT_SECRET=${sandbox.clientSecret}

Try:  curl -H "Authorization: Bearer ${sandbox.token}" "${sandbox.apiBaseUrl}/${sandbox.storeId}/orders?limit=5"
      curl -X POST ${sandbox.url}/__sandbox/orders -d '{"count": 1, "paymentStatus": "PAID"}'
Ctrl-C stops it.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().finally(() => process.exit(0));
  });
}
