/**
 * The benchmark's sandboxes, in a process of their own (forked by bench/host.ts), so that what the bench process
 * measures — CPU, memory, event-loop time — is the app's alone, and the 100,000-order store never shares a heap
 * with it. Counts what Zapier pays for per poll, on the server side: API requests (the sandbox's request log),
 * response bytes on the wire (headers included, from the sockets) and the time the server spent answering.
 */
import dc from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { KnobsPatch } from '../sandbox/knobs.js';
import { startSandbox, type RequestLogEntry, type Sandbox } from '../sandbox/server.js';
import { generateStore, type EcwidStore } from '../sandbox/store.js';

const DAY = 86400;

export interface StoreSpec {
  label: string;
  storeId: number;
  orders: number;
  spanDays: number;
  /** Abandoned carts; the generator's default is 8% of the orders. */
  carts?: number;
  /** Generate a store (of `orders` orders or a few more) whose last three days hold exactly this many orders. */
  recentOrders?: number;
}

/** What a store holds in the windows the triggers read (sandbox's own count, not the app's). */
export interface WindowCounts {
  cartsUpdated3d: number;
  ordersCreated3d: number;
  ordersUpdated3d: number;
  paidOrdersUpdated3d: number;
  customersRegistered3d: number;
  productsCreated3d: number;
  ordersCreated90d: number;
}

export interface HostedStore {
  spec: StoreSpec;
  apiBaseUrl: string;
  storeId: number;
  /** The sandbox's own full-scope token (loopback only); never printed. */
  token: string;
  generationMs: number;
  orders: number;
  customers: number;
  products: number;
  window: WindowCounts;
}

export interface Counters {
  requests: number;
  bytes: number;
  serverMs: number;
}

export interface HostMethods {
  start(spec: StoreSpec): HostedStore;
  counters(storeId: number): Counters;
  /** Counters now, and the request log entries since `from` (an earlier `requests` count). */
  since(storeId: number, from: number): Counters & { entries: RequestLogEntry[] };
  setKnobs(storeId: number, patch: KnobsPatch): void;
  stop(storeId: number): void;
}

export interface HostRequest {
  id: number;
  method: keyof HostMethods;
  args: unknown[];
}

export type HostReply = { id: number; result: unknown } | { id: number; error: string };

/** Bytes written and time spent answering, per listening port. */
class Meter {
  private bytesOfClosed = 0;
  private readonly open = new Set<Socket>();
  serverMs = 0;

  add(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => {
      this.bytesOfClosed += socket.bytesWritten;
      this.open.delete(socket);
    });
  }

  get bytes(): number {
    let bytes = this.bytesOfClosed;
    for (const socket of this.open) bytes += socket.bytesWritten;
    return bytes;
  }
}

const meters = new Map<number, Meter>();
const portOf = (server: Server | undefined): number | undefined => {
  const address = server?.address();
  return address && typeof address === 'object' ? address.port : undefined;
};

dc.subscribe('net.server.socket', (message) => {
  const { socket } = message as { socket: Socket };
  meters.get(socket.localPort ?? -1)?.add(socket);
});
const started = new WeakMap<IncomingMessage, number>();
dc.subscribe('http.server.request.start', (message) => {
  started.set((message as { request: IncomingMessage }).request, performance.now());
});
dc.subscribe('http.server.response.finish', (message) => {
  const { request, server } = message as { request: IncomingMessage; server: Server };
  const start = started.get(request);
  const meter = meters.get(portOf(server) ?? -1);
  if (start !== undefined && meter) meter.serverMs += performance.now() - start;
});

const windowCounts = (store: EcwidStore): WindowCounts => {
  const now = store.clock.nowSeconds();
  const last = (days: number) => ({ from: now - days * DAY, to: now });
  const d3 = last(3);
  return {
    cartsUpdated3d: store.searchCartIds({ updatedFrom: d3.from, updatedTo: d3.to, showHidden: false }).length,
    ordersCreated3d: store.searchOrderIds({ createdFrom: d3.from, createdTo: d3.to }).length,
    ordersUpdated3d: store.searchOrderIds({ updatedFrom: d3.from, updatedTo: d3.to }).length,
    paidOrdersUpdated3d: store.searchOrderIds({ updatedFrom: d3.from, updatedTo: d3.to, paymentStatuses: ['PAID'] })
      .length,
    customersRegistered3d: store.searchCustomers({ createdFrom: d3.from, createdTo: d3.to }).length,
    productsCreated3d: store.searchProducts({ createdFrom: d3.from, createdTo: d3.to }).length,
    ordersCreated90d: store.searchOrderIds({ createdFrom: now - 90 * DAY, createdTo: now }).length,
  };
};

/** Stores are generated "now" with a frozen clock: polls see the same records however long the bench runs. */
const generate = (spec: StoreSpec): EcwidStore => {
  const now = Date.now();
  const options = { storeId: spec.storeId, spanDays: spec.spanDays, carts: spec.carts, now, recentShare: 0 };
  if (spec.recentOrders === undefined) return generateStore({ ...options, seed: 1, orders: spec.orders });
  // Abandoned checkouts (left out of the window) are drawn at random: steer the size, then try other seeds.
  for (let seed = 1; seed <= 20; seed += 1) {
    let orders = spec.orders;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const store = generateStore({ ...options, seed, orders });
      const now = store.clock.nowSeconds();
      const inWindow = store.searchOrderIds({ createdFrom: now - 3 * DAY, createdTo: now }).length;
      if (inWindow === spec.recentOrders) return store;
      orders += inWindow < spec.recentOrders ? Math.max(1, spec.recentOrders - inWindow) : -1;
    }
  }
  throw new Error(`No generated store has exactly ${spec.recentOrders} orders in the last 3 days`);
};

const sandboxes = new Map<number, Sandbox>();
const sandboxOf = (storeId: number): Sandbox => {
  const sandbox = sandboxes.get(storeId);
  if (!sandbox) throw new Error(`No sandbox for store ${storeId}`);
  return sandbox;
};
const countersOf = (sandbox: Sandbox): Counters => {
  const meter = meters.get(sandbox.port)!;
  return { requests: sandbox.requests.length, bytes: meter.bytes, serverMs: meter.serverMs };
};

const methods: {
  [M in keyof HostMethods]: (...args: Parameters<HostMethods[M]>) => Promise<ReturnType<HostMethods[M]>>;
} = {
  async start(spec) {
    const begin = performance.now();
    const store = generate(spec);
    const generationMs = performance.now() - begin;
    // The rate limit is off: the bench counts requests rather than meeting the limit (the clock is frozen anyway).
    const sandbox = await startSandbox({ store, knobs: { rateLimit: 0 } });
    meters.set(sandbox.port, new Meter());
    sandboxes.set(sandbox.storeId, sandbox);
    return {
      spec,
      apiBaseUrl: sandbox.apiBaseUrl,
      storeId: sandbox.storeId,
      token: sandbox.token,
      generationMs,
      orders: store.orderCount,
      customers: store.customers.length,
      products: store.products.length,
      window: windowCounts(store),
    };
  },
  async counters(storeId) {
    return countersOf(sandboxOf(storeId));
  },
  async since(storeId, from) {
    const sandbox = sandboxOf(storeId);
    return { ...countersOf(sandbox), entries: sandbox.requests.slice(from) };
  },
  async setKnobs(storeId, patch) {
    sandboxOf(storeId).setKnobs(patch);
  },
  async stop(storeId) {
    const sandbox = sandboxOf(storeId);
    sandboxes.delete(storeId);
    await sandbox.close();
    meters.delete(sandbox.port);
  },
};

process.on('message', (message: HostRequest) => {
  const call = methods[message.method] as (...args: unknown[]) => Promise<unknown>;
  call(...message.args).then(
    (result) => process.send!({ id: message.id, result } satisfies HostReply),
    (error: unknown) =>
      process.send!({ id: message.id, error: String((error as Error)?.stack ?? error) } satisfies HostReply),
  );
});
// The bench process owns this one: when it goes, so do the sandboxes.
process.on('disconnect', () => process.exit(0));
