/**
 * The reliability simulation: "never misses, never repeats, every failure is clear", checked by playing a store over
 * virtual time against the sandbox, with the app's triggers run exactly as Zapier runs them.
 *
 * - The store: orders placed at a daily rhythm plus bursts (flash sales: hundreds within minutes, so more than 100
 *   new items fall into one poll interval), paid seconds to days later (and some old unpaid orders paid after the
 *   Zaps are on), processed, shipped, delivered, some cancelled or refunded; customers registering (with a bulk
 *   import); products added (with a bulk import; some disabled). A warm-up period before the Zaps are turned on
 *   leaves orders whose lives go on afterwards, as in a real store.
 * - Zapier, as it behaves: one dedupe table per Zap, seeded by the Zap-on poll (`isPopulatingDedupe`, no firing;
 *   when it fails the Zap stays off — Zapier emails "could not be turned on" — and the merchant tries again a few
 *   minutes later); then a poll every 1–15 minutes. Of the items a poll returns whose id is not in the table, at most 100 are taken
 *   (`take: 'newest'`, the default, keeps the first 100 of the app's newest-first list; 'oldest' the last 100) and
 *   only those are added to the table: the rest are offered again by later polls, which is what the app's window
 *   design relies on (it returns up to 1,000 records, so a backlog drains at 100 a poll). A poll that throws
 *   `ThrottledError` is retried after its delay or at the next interval, whichever is later; any other failed poll
 *   at the next interval. The virtual clock stands still while Zapier handles a result.
 * - Faults, at a set rate: the sandbox's knobs answer 429 (with Retry-After), 500 and 503 instead of the real answer,
 *   or cut a 200's JSON in half; a proxy between the app and the sandbox holds some answers past the app's request
 *   timeout (`ECWID_REQUEST_TIMEOUT_MS`) and slows others down; the row order of `/orders` switches between
 *   oldest-first, newest-first and shuffled between polls (shuffled differs per request). Every request moves the
 *   virtual clock on and lets due store events happen, so the store changes while a poll is reading it.
 * - Truth: every change the simulation makes is recorded, per Zap, as the items it shows (New Order: the order once
 *   it exists; New Paid Order: the order while it is Paid; …). An item that first shows after the Zap-on poll must
 *   fire exactly once — if it could be seen: it was shown during the whole of at least one successful poll (an order
 *   shipped and delivered between two polls is invisible to any polling trigger and is counted apart). Items that
 *   showed before the Zap-on poll must not fire at all ("unexpected"), nor ids that stand for nothing.
 *   A fired item is identified by its record (the order's `internalId`, the customer's or product's id), not by
 *   the trigger's `id`, so an id that changes with the record would show up here as a duplicate.
 *   Live polls of the creation-time triggers are also checked for gaps: every record created between the oldest
 *   one returned and the poll's start must be in the result ("no partial result that makes a later item be skipped").
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import { emptyCaches, hideRssFromMemoryGuard, type AppTester } from '../local-platform.js';
import { ROW_ORDERS, type RowOrder } from '../sandbox/knobs.js';
import { Random } from '../sandbox/random.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import type { Customer, FulfillmentStatus, Order, Product } from '../sandbox/store.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------------------------
// Options and results

export interface SimulationOptions {
  /** Same seed and options → the same store history, faults and polls (wall-clock timing aside). */
  seed: number;
  /** Virtual days of traffic after the Zaps are turned on. */
  days: number;
  /** Orders placed during those days (bursts included). */
  orders: number;
  /** Days of traffic before the Zaps are turned on (its orders go on being paid, shipped, refunded). */
  warmupDays: number;
  customersPerDay: number;
  productsPerDay: number;
  /** Flash sales during the run, each `burstSize` orders within a few minutes. */
  bursts: number;
  burstSize: [number, number];
  /** Exact sizes of the flash sales, in order (instead of drawing `bursts` sizes from `burstSize`). */
  burstSizes?: number[];
  /** Share of API requests answered with 429 / 500 / 503 (the sandbox's error knob). */
  errorRate: number;
  /** Share of API requests whose 200 answer is cut off halfway. */
  truncateRate: number;
  /** Share of API requests held past the app's request timeout. */
  timeoutRate: number;
  /** Share of API requests answered slowly (within the timeout). */
  slowRate: number;
  /** The app's per-request timeout for the run (real milliseconds). */
  requestTimeoutMs: number;
  /** Row orders `/orders` may list rows in; one is drawn at the start. */
  rowOrders: RowOrder[];
  /** Chance, before each poll, that `/orders` switches to another of `rowOrders`. */
  rowOrderSwitchRate: number;
  /**
   * Chance, before each poll, that it finds every cache empty — Zapier's z.cache evicted and a cold process — so the
   * poll has no slice plan and reads the store profile again. 0 by default: the published figures keep caches.
   */
  cacheLossRate: number;
  /** Zapier's poll interval is drawn from this range (minutes) before each poll. */
  pollMinutes: [number, number];
  /**
   * New items Zapier takes from one poll: its default throttle is 100 (the rest offered again by later polls, as
   * modelled here); `TAKE_ALL` takes every new item (Zapier's flood protection holds them all for the merchant).
   */
  takePerPoll: number;
  take: 'newest' | 'oldest';
  /**
   * Polling goes on at least this long after the last store event, then until each Zap's last successful poll
   * offered nothing new (its backlog drained), for at most a day more.
   */
  drainHours: number;
  /** Multiplies every delay in an order's life (payment, fulfilment, refund): < 1 packs a month's shapes into hours. */
  lifecycleScale: number;
  /** Share of paid orders refunded days after fulfilment (four in five in full), every shape of refund included. */
  refundRate: number;
  /**
   * Mass refunds during the run's last third (an event called off, a product recalled): each this many paid orders
   * refunded within 2–6 minutes, in the same shapes (four in five in full).
   */
  refundBursts?: number[];
  /** Virtual time each API request takes: the store moves on while a poll reads it. */
  requestVirtualMs: number;
  /** Zap names (see ZAPS). */
  zaps: string[];
  /** Replace triggers (e.g. a deliberately broken one, to prove the checks catch it). */
  triggerOverrides?: Record<string, { operation: { perform: (...args: any[]) => any } }>;
  /** Called once per virtual day with a short status line. */
  progress?: (line: string) => void;
  /** Told about every poll (for diagnosis: what the store held, what came back, what Zapier took). */
  onPoll?: (poll: PollRecord) => void;
  /** Told about every error a poll throws (the secret-hygiene test reads them all). */
  onPollError?: (error: unknown) => void;
  /** The sandbox's full-scope token (default: the sandbox's own). */
  token?: string;
}

/** `takePerPoll` for "every new item of a poll". */
export const TAKE_ALL = Number.MAX_SAFE_INTEGER;

export const DEFAULT_OPTIONS: SimulationOptions = {
  seed: 1,
  days: 30,
  orders: 21_000,
  warmupDays: 10,
  customersPerDay: 100,
  productsPerDay: 8,
  bursts: 10,
  burstSize: [120, 360],
  errorRate: 0.045,
  truncateRate: 0.01,
  timeoutRate: 0.005,
  slowRate: 0.02,
  // Long enough for a loopback answer under load; timeouts cost wall time, not virtual time, so kept short.
  requestTimeoutMs: 800,
  rowOrders: [...ROW_ORDERS],
  rowOrderSwitchRate: 0.3,
  cacheLossRate: 0,
  pollMinutes: [1, 15],
  takePerPoll: 100,
  take: 'newest',
  drainHours: 12,
  lifecycleScale: 1,
  refundRate: 0.05,
  requestVirtualMs: 250,
  zaps: [
    'new_order',
    'new_paid_order',
    'paid_and_shipped',
    'new_customer',
    'new_product',
    'new_refund',
    'deleted_order',
  ],
};

export interface PollRecord {
  zap: string;
  at: string;
  seeding: boolean;
  rowOrder: RowOrder;
  requests: number;
  failure?: string;
  returned: number;
  fresh: number;
  taken: number;
}

export interface Distribution {
  median: number;
  p99: number;
  max: number;
}

export interface ZapFigures {
  name: string;
  label: string;
  /** Items that first showed after the Zap-on poll and could be seen by a poll: each must fire once. */
  expected: number;
  fired: number;
  missed: number;
  duplicated: number;
  /** Fired, but showed before the Zap was on, or stands for nothing in the store. */
  unexpected: number;
  /** Showed only between two polls (e.g. shipped and delivered in between): no polling trigger can see them. */
  unobservable: number;
  /**
   * What an ideal connector would have missed in the same run, each live poll handing Zapier at most its take (or an
   * answer's 1,000 records), by the order it hands items over in (see `idealMisses`): 'deadline' (knowing the future)
   * is the fewest any connector can miss; the rest of `missed` was lost to the order of handing over.
   */
  idealMisses: Record<HandOverOrder, number>;
  /** Missed items by kind (`ZapSpec.kindOf`, e.g. a status combination), most first. */
  missedByKind: Record<string, number>;
  /** The Zap-on poll succeeded (else nothing can be checked). */
  turnedOn: boolean;
  /** Zap-on polls until one succeeded (Zapier asks the merchant to try again after each failure), and the requests of the one that did. */
  zapOnAttempts: number;
  zapOnRequests: number;
  polls: number;
  failedPolls: { throttled: number; other: number };
  /** Requests per live poll (the Zap-on poll apart). */
  requestsPerPoll: Distribution;
  /** Most new items one poll offered, and polls that offered more than Zapier takes. */
  maxNewInPoll: number;
  pollsOverTake: number;
  /** Records missing from a live poll's result between its oldest record and its start. */
  gaps: number;
  /** Virtual minutes from an item first showing to its firing. */
  delayMinutes: Distribution;
  /** Live polls from an item first showing to its firing (that poll included): how many polls a burst takes to drain. */
  pollsToFire: Distribution;
  examples: string[];
}

export interface SimulationFigures {
  options: Omit<SimulationOptions, 'progress' | 'triggerOverrides' | 'onPollError' | 'onPoll' | 'token'>;
  wallMs: number;
  events: Record<string, number>;
  polls: number;
  requests: number;
  faults: Record<string, number>;
  faultedRequests: number;
  faultShare: number;
  slowAnswers: number;
  rowOrderSwitches: number;
  /** Polls that found every cache empty (`cacheLossRate`). */
  cacheLosses: number;
  zaps: ZapFigures[];
  /** No miss, duplicate, unexpected firing, gap, or poll failure that was not a retryable ThrottledError. */
  ok: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Small tools

interface Scheduled {
  at: number;
  order: number;
  run: () => void;
}

/** Store events by virtual time (ties in scheduling order). */
class EventQueue {
  private heap: Scheduled[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ at, order: this.counter++, run });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  peekAt(): number {
    return this.heap.length > 0 ? this.heap[0].at : Number.POSITIVE_INFINITY;
  }

  pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < heap.length && this.before(heap[left], heap[best])) best = left;
        if (right < heap.length && this.before(heap[right], heap[best])) best = right;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top;
  }

  private before(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }
}

export const distribution = (values: number[]): Distribution => {
  if (values.length === 0) return { median: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
};

// ---------------------------------------------------------------------------------------------------------------
// Truth: what each Zap should see

interface ItemTruth {
  /** Virtual ms and event number when the item first showed. */
  firstAt: number;
  firstEvent: number;
  /** Start of the current showing, if it shows now. */
  since?: number;
  /** Past showings [from, to). */
  shown: Array<[number, number]>;
}

/** The items one Zap's records show over time. */
class Ledger {
  readonly items = new Map<string, ItemTruth>();
  private readonly showing = new Map<string, string[]>();

  /** Record `recordKey` now shows exactly `ids`. */
  update(recordKey: string, ids: string[], at: number, event: number): void {
    const before = this.showing.get(recordKey) ?? [];
    for (const id of ids) {
      if (before.includes(id)) continue;
      let item = this.items.get(id);
      if (!item) {
        item = { firstAt: at, firstEvent: event, shown: [] };
        this.items.set(id, item);
      }
      item.since = at;
    }
    for (const id of before) {
      if (ids.includes(id)) continue;
      const item = this.items.get(id)!;
      item.shown.push([item.since!, at]);
      item.since = undefined;
    }
    this.showing.set(recordKey, ids);
  }

  /** True when the item shows at `at` (virtual ms). */
  showsAt(id: string, at: number): boolean {
    const item = this.items.get(id);
    if (!item) return false;
    return (item.since !== undefined && item.since <= at) || item.shown.some(([from, to]) => from <= at && at < to);
  }

  /** The item's showings [from, to), the current one open-ended. */
  showings(id: string): Array<[number, number]> {
    const item = this.items.get(id);
    if (!item) return [];
    return item.since === undefined ? item.shown : [...item.shown, [item.since, Number.POSITIVE_INFINITY]];
  }

  /** True when the item showed during the whole of one of these polls. */
  seenThroughout(id: string, polls: Array<[number, number]>): boolean {
    return this.showings(id).some(([from, to]) => polls.some(([start, end]) => start >= from && end < to));
  }
}

type Source = 'orders' | 'customers' | 'products' | 'deletions';

export interface ZapSpec {
  name: string;
  label: string;
  trigger: string;
  inputData: Record<string, unknown>;
  source: Source;
  /** The items a record shows to this Zap right now. */
  itemsOf: (record: any) => string[];
  /** The item a fired output stands for (from the record's own identity, not the trigger's `id`). */
  itemOfOutput: (output: any, orderIdOf: (internalId: unknown) => string) => string;
  /** Items never stop showing once they show (creation-time windows): their live results are checked for gaps. */
  permanent: boolean;
  /** What kind of item this is, for the breakdown of misses (default: one kind). */
  kindOf?: (item: string) => string;
}

const placed = (order: Order): boolean => order.paymentStatus !== 'INCOMPLETE';

/**
 * The refunds an order shows, read from the issue's definition rather than the app's code: each `refunds[]` entry
 * is a refund, named by the cents refunded so far once it is counted (entries in date order); an order that is
 * REFUNDED with less recorded has one more refund, up to its total. So a refund marked by status and recorded by
 * the gateway later is one refund, and a second partial refund is a second one.
 */
const refundsShown = (order: Order): string[] => {
  const cents = (amount: number) => Math.round(amount * 100);
  const dated = order.refunds.map((refund, index) => ({
    at: Date.parse(refund.date.replace(' ', 'T').replace(' ', '')),
    index,
    cents: cents(refund.amount),
  }));
  dated.sort((a, b) => a.at - b.at || a.index - b.index);
  const ids: string[] = [];
  let soFar = 0;
  for (const refund of dated) {
    soFar += refund.cents;
    ids.push(`${order.id}:refunded ${soFar}`);
  }
  if (order.paymentStatus === 'REFUNDED' && cents(order.total) > soFar)
    ids.push(`${order.id}:refunded ${cents(order.total)}`);
  return ids;
};
const orderItem = (output: any, orderIdOf: (internalId: unknown) => string) =>
  orderIdOf(output.internalId ?? output.orderInternalId);

export const ZAPS: Record<string, ZapSpec> = {
  new_order: {
    name: 'new_order',
    label: 'New Order',
    trigger: 'new_order',
    inputData: {},
    source: 'orders',
    itemsOf: (order: Order) => (placed(order) ? [order.id] : []),
    itemOfOutput: orderItem,
    permanent: true,
  },
  new_paid_order: {
    name: 'new_paid_order',
    label: 'New Paid Order',
    trigger: 'new_paid_order',
    inputData: {},
    source: 'orders',
    itemsOf: (order: Order) => (order.paymentStatus === 'PAID' ? [order.id] : []),
    itemOfOutput: orderItem,
    permanent: false,
  },
  paid_and_shipped: {
    name: 'paid_and_shipped',
    label: 'New Order (Paid + Shipped)',
    trigger: 'new_order',
    inputData: { paymentStatus: ['PAID'], fulfillmentStatus: ['SHIPPED'] },
    source: 'orders',
    itemsOf: (order: Order) =>
      order.paymentStatus === 'PAID' && order.fulfillmentStatus === 'SHIPPED' ? [order.id] : [],
    itemOfOutput: orderItem,
    permanent: false,
  },
  new_customer: {
    name: 'new_customer',
    label: 'New Customer',
    trigger: 'new_customer',
    inputData: {},
    source: 'customers',
    itemsOf: (customer: Customer) => [String(customer.id)],
    itemOfOutput: (output) => String(output.id),
    permanent: true,
  },
  new_product: {
    name: 'new_product',
    label: 'New Product',
    trigger: 'new_product',
    inputData: {},
    source: 'products',
    itemsOf: (product: Product) => [String(product.id)],
    itemOfOutput: (output) => String(output.id),
    permanent: true,
  },
  new_order_line_item: {
    name: 'new_order_line_item',
    label: 'New Order Line Item',
    trigger: 'new_order_line_item',
    inputData: {},
    source: 'orders',
    itemsOf: (order: Order) => (placed(order) ? order.items.map((item) => `${order.id}:${item.id}`) : []),
    itemOfOutput: (output, orderIdOf) => `${orderIdOf(output.orderInternalId)}:${output.itemId}`,
    permanent: true,
  },
  new_refund: {
    name: 'new_refund',
    label: 'New Refund',
    trigger: 'new_refund',
    inputData: {},
    source: 'orders',
    itemsOf: refundsShown,
    itemOfOutput: (output, orderIdOf) =>
      `${orderIdOf(output.orderInternalId)}:refunded ${Math.round(output.refundedSoFar * 100)}`,
    permanent: false,
  },
  deleted_order: {
    name: 'deleted_order',
    label: 'Deleted Order',
    trigger: 'deleted_order',
    inputData: {},
    source: 'deletions',
    itemsOf: (deletion: { id: string }) => [deletion.id],
    itemOfOutput: (output) => String(output.orderId),
    permanent: true,
  },
  order_status_changed: {
    name: 'order_status_changed',
    label: 'Order Status Changed',
    trigger: 'order_status_changed',
    inputData: {},
    source: 'orders',
    itemsOf: (order: Order) => (placed(order) ? [`${order.id}:${order.paymentStatus}:${order.fulfillmentStatus}`] : []),
    itemOfOutput: (output, orderIdOf) =>
      `${orderIdOf(output.internalId)}:${output.paymentStatus}:${output.fulfillmentStatus}`,
    permanent: false,
    kindOf: (item) => item.slice(item.indexOf(':') + 1),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The proxy between the app and the sandbox: timeouts, slow answers, and the store moving on during a poll

interface ProxyCounts {
  requests: number;
  injected429: number;
  rateLimited429: number;
  http500: number;
  http503: number;
  otherErrors: number;
  truncated: number;
  timeouts: number;
  slow: number;
}

class FaultProxy {
  readonly counts: ProxyCounts = {
    requests: 0,
    injected429: 0,
    rateLimited429: 0,
    http500: 0,
    http503: 0,
    otherErrors: 0,
    truncated: 0,
    timeouts: 0,
    slow: 0,
  };
  private server: Server | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  url = '';

  constructor(
    private readonly targetPort: number,
    private readonly rng: Random,
    private readonly options: Pick<SimulationOptions, 'timeoutRate' | 'slowRate' | 'requestTimeoutMs'>,
    /** Called as each request arrives: moves the clock on and lets due store events happen. */
    private readonly onRequest: () => void,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once no request is in flight (held answers included), so requests are counted to the right poll. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.agent.destroy();
    if (!this.server) return;
    await new Promise<void>((resolve) => {
      this.server!.close(() => resolve());
      this.server!.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight += 1;
    this.counts.requests += 1;
    this.onRequest();
    const roll = this.rng.next();
    const holdMs =
      roll < this.options.timeoutRate
        ? this.options.requestTimeoutMs + 200
        : roll < this.options.timeoutRate + this.options.slowRate
          ? this.rng.int(5, Math.max(6, Math.floor(this.options.requestTimeoutMs / 4)))
          : 0;
    if (holdMs > 0 && holdMs < this.options.requestTimeoutMs) this.counts.slow += 1;

    let finished = false;
    let replied = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    };
    // The app gave up before the answer came: a timeout, injected or not.
    res.on('close', () => {
      if (!replied) this.counts.timeouts += 1;
      finish();
    });

    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: this.targetPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: this.agent,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const reply = () => {
            if (res.destroyed) return finish();
            replied = true;
            this.classify(answer.statusCode ?? 0, body);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          };
          if (holdMs > 0) setTimeout(reply, holdMs);
          else reply();
        });
      },
    );
    upstream.on('error', () => {
      replied = true;
      this.counts.otherErrors += 1;
      if (!res.headersSent) res.writeHead(502).end();
      finish();
    });
    req.pipe(upstream);
  }

  private classify(status: number, body: Buffer): void {
    if (status === 429) {
      if (body.includes('(injected)')) this.counts.injected429 += 1;
      else this.counts.rateLimited429 += 1;
    } else if (status === 500) this.counts.http500 += 1;
    else if (status === 503) this.counts.http503 += 1;
    else if (status >= 400) this.counts.otherErrors += 1;
    else if (status === 200 && body.length > 0 && body[body.length - 1] !== 0x7d /* } */) this.counts.truncated += 1;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The store's traffic

interface TrafficCounts {
  ordersPlaced: number;
  abandoned: number;
  paid: number;
  oldOrdersPaid: number;
  shipped: number;
  delivered: number;
  cancelled: number;
  refunded: number;
  /** Orders picked by the mass refunds (as many as were paid, when fewer than asked). */
  massRefunded: number;
  deleted: number;
  customers: number;
  products: number;
}

class Traffic {
  readonly counts: TrafficCounts = {
    ordersPlaced: 0,
    abandoned: 0,
    paid: 0,
    oldOrdersPaid: 0,
    shipped: 0,
    delivered: 0,
    cancelled: 0,
    refunded: 0,
    massRefunded: 0,
    deleted: 0,
    customers: 0,
    products: 0,
  };
  /** Store changes so far: the ledgers' event numbers. */
  event = 0;
  private readonly customerIds: number[];
  constructor(
    private readonly sandbox: Sandbox,
    private readonly queue: EventQueue,
    private readonly rng: Random,
    /** Store events at or after this instant are not played (the drain period has none). */
    private readonly endMs: number,
    /** Multiplies the delays in an order's life. */
    private readonly scale: number,
    /** Told about every record a change touched, with the change's number. */
    private readonly touched: (source: Source, record: any, event: number) => void,
    /** Refund shapes and deletions draw from their own stream, so the rest of the traffic is as it was before them. */
    private readonly shapes: Random,
    private readonly refundRate: number,
  ) {
    this.customerIds = sandbox.store.customers.map((customer) => customer.id);
  }

  private at(atMs: number, run: () => void): void {
    if (atMs < this.endMs) this.queue.push(atMs, run);
  }

  private note(source: Source, record: any): void {
    this.event += 1;
    this.touched(source, record, this.event);
  }

  /** Orders at the store's rhythm (busier by day) and in bursts; customers and products likewise. */
  plan(
    fromMs: number,
    toMs: number,
    rates: {
      orders: number;
      customers: number;
      products: number;
      bursts: number;
      burstSize: [number, number];
      burstSizes?: number[];
    },
  ): void {
    const span = toMs - fromMs;
    const burstOrders: number[] = [];
    for (let b = 0; b < rates.bursts; b += 1) {
      const size = rates.burstSizes?.[b] ?? this.rng.int(rates.burstSize[0], rates.burstSize[1]);
      const start = this.daytime(fromMs, toMs);
      const length = this.rng.between(2, 6) * MINUTE;
      for (let i = 0; i < size; i += 1) burstOrders.push(start + this.rng.next() * length);
    }
    const steady = Math.max(0, rates.orders - burstOrders.length);
    for (let i = 0; i < steady; i += 1) this.at(this.daytime(fromMs, toMs), () => this.placeOrder());
    for (const time of burstOrders) this.at(time, () => this.placeOrder());

    const days = span / DAY;
    for (let i = 0; i < Math.round(rates.customers * days); i += 1)
      this.at(this.daytime(fromMs, toMs), () => this.registerCustomer());
    for (let i = 0; i < Math.round(rates.products * days); i += 1)
      this.at(this.daytime(fromMs, toMs), () => this.addProduct());
  }

  /** Bulk imports (a CSV upload): 150 customers and 130 products, each within a second — more than Zapier takes from one poll. */
  planImports(fromMs: number, toMs: number): void {
    const customersAt = this.daytime(fromMs, toMs);
    for (let i = 0; i < 150; i += 1) this.at(customersAt + i * 5, () => this.registerCustomer());
    const productsAt = this.daytime(fromMs, toMs);
    for (let i = 0; i < 130; i += 1) this.at(productsAt + i * 5, () => this.addProduct());
  }

  /** Some orders left unpaid before the Zaps were on are paid afterwards: New Paid Order must fire for them. */
  planLatePayments(fromMs: number, toMs: number): void {
    const unpaid = this.sandbox.store.searchOrderIds({ paymentStatuses: ['AWAITING_PAYMENT'] });
    for (const id of unpaid) {
      if (this.rng.chance(0.5)) {
        this.at(this.rng.between(fromMs, toMs), () => {
          if (this.sandbox.store.getOrder(id)?.paymentStatus !== 'AWAITING_PAYMENT') return;
          this.counts.oldOrdersPaid += 1;
          this.pay(id);
        });
      }
    }
  }

  /** A time in [from, to), more likely by day (UTC) than by night. */
  private daytime(fromMs: number, toMs: number): number {
    for (;;) {
      const time = this.rng.between(fromMs, toMs);
      const hour = (time % DAY) / HOUR;
      const weight = 0.25 + 0.75 * Math.sin((Math.PI * Math.max(0, hour - 6)) / 18) ** 2;
      if (this.rng.chance(weight)) return time;
    }
  }

  private now(): number {
    return this.sandbox.clock.now();
  }

  private placeOrder(): void {
    const store = this.sandbox.store;
    const roll = this.rng.next();
    const paymentStatus = roll < 0.03 ? 'INCOMPLETE' : roll < 0.13 ? 'PAID' : 'AWAITING_PAYMENT';
    const customerId = this.customerIds.length > 0 && this.rng.chance(0.6) ? this.rng.pick(this.customerIds) : null;
    const order = store.createOrder({ customerId, paymentStatus });
    this.note('orders', order);
    if (paymentStatus === 'INCOMPLETE') {
      this.counts.abandoned += 1;
      // Abandoned checkouts are sometimes cleaned up.
      if (this.shapes.chance(0.3))
        this.at(this.now() + this.scale * this.shapes.between(HOUR, 3 * DAY), () => this.deleteOrder(order.id));
      return;
    }
    this.counts.ordersPlaced += 1;
    if (paymentStatus === 'PAID') {
      this.counts.paid += 1;
      this.planFulfilment(order.id, order.total, this.now());
      return;
    }
    const fate = this.rng.next();
    if (fate < 0.08) {
      const cancelAt = this.now() + this.scale * this.rng.between(2 * DAY, 7 * DAY);
      this.at(cancelAt, () => this.change(order.id, 'cancelled', () => store.cancelOrder(order.id)));
      // Some cancelled orders are deleted a few days later.
      if (this.shapes.chance(0.4))
        this.at(cancelAt + this.scale * this.shapes.between(HOUR, 5 * DAY), () => this.deleteOrder(order.id));
    } else if (fate < 0.86) {
      const kind = this.rng.next();
      const delay =
        kind < 0.65
          ? this.rng.between(5 * SECOND, 3 * MINUTE)
          : kind < 0.75
            ? this.rng.between(3 * MINUTE, HOUR)
            : this.rng.between(HOUR, 3 * DAY);
      this.at(this.now() + this.scale * delay, () => {
        this.pay(order.id);
        this.planFulfilment(order.id, order.total, this.now());
      });
    }
    // the rest stay unpaid
  }

  private pay(id: string): void {
    this.counts.paid += 1;
    this.note('orders', this.sandbox.store.payOrder(id));
  }

  private change(id: string, counter: keyof TrafficCounts, apply: () => Order): void {
    this.counts[counter] += 1;
    this.note('orders', apply());
  }

  /** The order leaves every search (its items stop showing) and is listed by /orders/deleted. */
  private deleteOrder(id: string): void {
    const order = this.sandbox.store.getOrder(id);
    if (!order) return;
    const deletion = this.sandbox.store.deleteOrder(id);
    this.counts.deleted += 1;
    this.note('orders', { ...order, deleted: true });
    this.note('deletions', { id: deletion.orderId });
  }

  private status(id: string, status: FulfillmentStatus): void {
    if (status === 'SHIPPED') this.counts.shipped += 1;
    if (status === 'DELIVERED') this.counts.delivered += 1;
    this.note('orders', this.sandbox.store.setFulfillmentStatus(id, status));
  }

  /** Shipping (most), pickup or digital delivery; some refunds, in full or in part, days later. */
  private planFulfilment(id: string, total: number, paidAt: number): void {
    const steps: Array<[number, () => void]> = [];
    const kind = this.rng.next();
    let t = paidAt;
    if (kind < 0.1) {
      t += this.scale * MINUTE;
      steps.push([t, () => this.status(id, 'DELIVERED')]);
    } else {
      t += this.scale * this.rng.between(HOUR, DAY);
      steps.push([t, () => this.status(id, 'PROCESSING')]);
      if (kind < 0.3) {
        t += this.scale * this.rng.between(2 * HOUR, DAY);
        steps.push([t, () => this.status(id, 'READY_FOR_PICKUP')]);
        t += this.scale * this.rng.between(4 * HOUR, 3 * DAY);
        steps.push([t, () => this.status(id, 'DELIVERED')]);
      } else {
        t += this.scale * this.rng.between(4 * HOUR, 2 * DAY);
        steps.push([t, () => this.status(id, 'SHIPPED')]);
        if (this.rng.chance(0.9)) {
          t += this.scale * this.rng.between(DAY, 5 * DAY);
          steps.push([t, () => this.status(id, 'DELIVERED')]);
        }
      }
    }
    const refund = this.rng.next();
    if (refund < this.refundRate) {
      const full = refund < this.refundRate * 0.8;
      t += this.scale * this.rng.between(DAY, 10 * DAY);
      steps.push(...this.refundSteps(id, total, full, t));
    }
    for (const [at, run] of steps) this.at(at, run);
  }

  /**
   * Every shape of refund Ecwid may record: a full refund (a quarter marked by status alone, a third of those with
   * the gateway's entry a day later), or a partial one of 30% (half followed by a second of 20%, a quarter of all
   * then marked Refunded by hand).
   */
  private refundSteps(id: string, total: number, full: boolean, at: number): Array<[number, () => void]> {
    const store = this.sandbox.store;
    // An order refunded in full meanwhile (a mass refund as well as its own) has nothing left to refund.
    const refund = (options: Parameters<typeof store.refundOrder>[1]) => () => {
      if (store.getOrder(id)?.paymentStatus !== 'REFUNDED')
        this.change(id, 'refunded', () => store.refundOrder(id, options));
    };
    const later = (from: number, min: number, max: number) => from + this.scale * this.shapes.between(min, max);
    // Nothing to give back (a gift card paid it all): no refund.
    if (total < 0.1) return [];
    if (full) {
      if (!this.shapes.chance(0.25)) return [[at, refund({})]];
      const steps: Array<[number, () => void]> = [[at, refund({ statusOnly: true })]];
      if (this.shapes.chance(1 / 3))
        steps.push([later(at, DAY, 2 * DAY), () => this.note('orders', store.recordRefund(id, total))]);
      return steps;
    }
    const steps: Array<[number, () => void]> = [[at, refund({ amount: Math.round(total * 30) / 100 })]];
    let last = at;
    if (this.shapes.chance(0.5))
      steps.push([(last = later(last, DAY, 5 * DAY)), refund({ amount: Math.round(total * 20) / 100 })]);
    if (this.shapes.chance(0.25)) steps.push([later(last, DAY, 5 * DAY), refund({ statusOnly: true })]);
    return steps;
  }

  /** Mass refunds (see `SimulationOptions.refundBursts`): each at a time in [fromMs, toMs), of orders paid by then. */
  planRefundBursts(fromMs: number, toMs: number, sizes: number[]): void {
    for (const size of sizes) {
      const start = this.shapes.between(fromMs, toMs);
      this.at(start, () => {
        const store = this.sandbox.store;
        const paid = store.searchOrderIds({ paymentStatuses: ['PAID'] });
        const length = this.shapes.between(2, 6) * MINUTE;
        for (let i = 0; i < Math.min(size, paid.length); i += 1) {
          // A partial Fisher–Yates shuffle: `size` distinct paid orders.
          const pick = i + Math.floor(this.shapes.next() * (paid.length - i));
          [paid[i], paid[pick]] = [paid[pick], paid[i]];
          const order = store.getOrder(paid[i])!;
          this.counts.massRefunded += 1;
          const at = start + this.shapes.next() * length;
          for (const [time, run] of this.refundSteps(order.id, order.total, this.shapes.chance(0.8), at))
            this.at(time, run);
        }
      });
    }
  }

  private registerCustomer(): void {
    const customer = this.sandbox.store.registerRandomCustomer();
    this.customerIds.push(customer.id);
    this.counts.customers += 1;
    this.note('customers', customer);
  }

  private addProduct(): void {
    const n = this.sandbox.store.products.length + 1;
    const product = this.sandbox.store.addProduct({
      name: `Simulated product ${n}`,
      sku: `SIM-${n}`,
      price: Math.round(this.rng.between(5, 200) * 100) / 100,
      enabled: !this.rng.chance(0.1),
    });
    this.counts.products += 1;
    this.note('products', product);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One Zap, as Zapier runs it

class Zap {
  readonly dedupe = new Set<string>();
  readonly ledger = new Ledger();
  readonly fired = new Map<string, number>();
  /** Successful live polls that returned the item (fired or not). */
  readonly offered = new Map<string, number>();
  readonly delays: number[] = [];
  readonly pollsToFire: number[] = [];
  /** Requests of each live poll (the Zap-on poll counted apart). */
  readonly requestsPerPoll: number[] = [];
  /** Each Zap has its own poll rhythm. */
  readonly rng: Random;
  zapOnAttempts = 0;
  zapOnRequests = 0;
  readonly livePolls: Array<[number, number]> = [];
  /** Permanent items in the order they first showed, for the gap check. */
  readonly timeline: Array<{ second: number; id: string }> = [];
  on = false;
  /** The last successful live poll offered nothing new. */
  drained = false;
  seedStartEvent = 0;
  seedEndEvent = 0;
  nextPollAt = 0;
  polls = 0;
  throttled = 0;
  otherFailures = 0;
  maxNew = 0;
  pollsOverTake = 0;
  gaps = 0;
  readonly examples: string[] = [];

  constructor(
    readonly spec: ZapSpec,
    seed: number,
  ) {
    this.rng = new Random(seed * 7919 + 101 * (Object.keys(ZAPS).indexOf(spec.name) + 3));
  }

  example(line: string): void {
    if (this.examples.length < 8) this.examples.push(line);
  }
}

/** Index of the first poll (by start) at or after `atMs`; polls are in time order. */
const firstPollAtOrAfter = (polls: Array<[number, number]>, atMs: number): number => {
  let low = 0;
  let high = polls.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (polls[mid][0] < atMs) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** Most records one answer holds (the README's poll bounds): what "every new item" can take from one poll at most. */
const ANSWER_MAX_RECORDS = 1000;

/**
 * Which items an ideal connector hands over first, when live poll i can hand over only the items shown throughout it,
 * at most `perPoll` of them, with no request or page limit:
 * - 'deadline': the one that stops showing soonest — knowing the future; earliest deadline first is the optimal
 *   schedule for one-slot jobs with release times and deadlines on equal-capacity slots, so its misses are the fewest
 *   any connector can have;
 * - 'oldest' / 'newest': the one shown longest / most recently — what a connector can know (it sees what is current
 *   and since when, not when it will change).
 */
export type HandOverOrder = 'deadline' | 'oldest' | 'newest';

/** The items an ideal connector handing over in this order misses (each showing of an item is one job; an item is handed over once). */
export const idealMisses = (
  items: string[],
  showings: (id: string) => Array<[number, number]>,
  polls: Array<[number, number]>,
  perPoll: number,
  order: HandOverOrder,
): number => {
  const jobs: Array<{ id: string; since: number; first: number; last: number }> = [];
  for (const id of items) {
    for (const [from, to] of showings(id)) {
      const first = firstPollAtOrAfter(polls, from);
      let last = first - 1;
      while (last + 1 < polls.length && polls[last + 1][1] < to) last += 1;
      if (last >= first) jobs.push({ id, since: from, first, last });
    }
  }
  const priority: Record<HandOverOrder, (a: (typeof jobs)[0], b: (typeof jobs)[0]) => number> = {
    deadline: (a, b) => a.last - b.last,
    oldest: (a, b) => a.since - b.since,
    newest: (a, b) => b.since - a.since,
  };
  jobs.sort((a, b) => a.first - b.first);
  const handed = new Set<string>();
  let ready: typeof jobs = [];
  let next = 0;
  for (let poll = 0; poll < polls.length; poll += 1) {
    while (next < jobs.length && jobs[next].first === poll) ready.push(jobs[next++]);
    ready = ready.filter((job) => job.last >= poll && !handed.has(job.id)).sort(priority[order]);
    let room = perPoll;
    for (const job of ready) {
      if (room === 0) break;
      if (handed.has(job.id)) continue;
      handed.add(job.id);
      room -= 1;
    }
  }
  return items.filter((id) => !handed.has(id)).length;
};

const errorDetails = (error: unknown): { name: string; message: string; delay?: number } => {
  const name = String((error as Error)?.name ?? 'Error');
  const raw = String((error as Error)?.message ?? error);
  try {
    const parsed = JSON.parse(raw);
    return {
      name,
      message: String(parsed.message ?? raw),
      delay: typeof parsed.delay === 'number' ? parsed.delay : undefined,
    };
  } catch {
    return { name, message: raw };
  }
};

// ---------------------------------------------------------------------------------------------------------------
// The run

/** Monday 2025-03-03 00:00 UTC: the Zaps are turned on here; warm-up traffic comes before. */
const ZAPS_ON_AT = Date.UTC(2025, 2, 3, 0, 0, 0);

export async function runSimulation(overrides: Partial<SimulationOptions> = {}): Promise<SimulationFigures> {
  const options: SimulationOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const wallStart = performance.now();
  const rng = (salt: number) => new Random(options.seed * 7919 + salt);
  const warmupStart = ZAPS_ON_AT - options.warmupDays * DAY;
  const trafficEnd = ZAPS_ON_AT + options.days * DAY;
  const drainEnd = trafficEnd + options.drainHours * HOUR;
  const specs = options.zaps.map((name) => {
    const spec = ZAPS[name];
    if (!spec) throw new Error(`Unknown zap "${name}"; known: ${Object.keys(ZAPS).join(', ')}`);
    if (!(spec.trigger in App.triggers))
      throw new Error(`Zap "${name}" needs the ${spec.trigger} trigger, which index.ts does not register`);
    return spec;
  });

  const sandbox = await startSandbox({
    seed: options.seed,
    now: warmupStart,
    orders: 300,
    spanDays: 30,
    customers: 400,
    products: 60,
    token: options.token,
    knobs: {
      rateLimit: 600,
      orderRowOrder: options.rowOrders[0] ?? 'shuffled',
      faults: {
        errorRate: options.errorRate,
        statuses: [429, 500, 503],
        truncateRate: options.truncateRate,
        seed: options.seed,
      },
    },
  });
  const clock = sandbox.clock;
  const queue = new EventQueue();
  const zaps = specs.map((spec) => new Zap(spec, options.seed));
  const orderIdByInternal = new Map<number, string>();
  const orderIdOf = (internalId: unknown): string =>
    orderIdByInternal.get(Number(internalId)) ?? `unknown internalId ${String(internalId)}`;

  const touched = (source: Source, record: any, event: number, at = clock.now()) => {
    if (source === 'orders') orderIdByInternal.set(record.internalId, record.id);
    const key = `${source}:${record.id}`;
    for (const zap of zaps) {
      if (zap.spec.source !== source) continue;
      // A deleted order shows nothing any more.
      const ids = record.deleted ? [] : zap.spec.itemsOf(record);
      if (zap.spec.permanent)
        for (const id of ids) if (!zap.ledger.items.has(id)) zap.timeline.push({ second: Math.floor(at / SECOND), id });
      zap.ledger.update(key, ids, at, event);
    }
  };
  // What the store holds before the run: shown from the start, so firing any of it later is "unexpected".
  for (const order of sandbox.store.orders) touched('orders', order, 0, order.createTimestamp * SECOND);
  for (const customer of sandbox.store.customers) touched('customers', customer, 0, ecwidDateMs(customer.registered));
  for (const product of sandbox.store.products) touched('products', product, 0, product.createTimestamp * SECOND);
  for (const deletion of sandbox.store.searchDeletedOrders())
    touched('deletions', { id: deletion.orderId }, 0, deletion.deletedAt * SECOND);

  const traffic = new Traffic(
    sandbox,
    queue,
    rng(1),
    trafficEnd,
    options.lifecycleScale,
    touched,
    rng(6),
    options.refundRate,
  );
  const dailyOrders = options.orders / options.days;
  traffic.plan(warmupStart, ZAPS_ON_AT, {
    orders: Math.round(dailyOrders * options.warmupDays),
    customers: options.customersPerDay,
    products: options.productsPerDay,
    bursts: 0,
    burstSize: options.burstSize,
  });
  traffic.plan(ZAPS_ON_AT, trafficEnd, {
    orders: options.orders,
    customers: options.customersPerDay,
    products: options.productsPerDay,
    bursts: options.burstSizes?.length ?? options.bursts,
    burstSize: options.burstSize,
    burstSizes: options.burstSizes,
  });
  traffic.planImports(ZAPS_ON_AT + Math.min(DAY, (trafficEnd - ZAPS_ON_AT) / 4), trafficEnd);
  traffic.planLatePayments(ZAPS_ON_AT, ZAPS_ON_AT + Math.min(3 * DAY, options.days * DAY));
  traffic.planRefundBursts(
    trafficEnd - (trafficEnd - ZAPS_ON_AT) / 3,
    trafficEnd - 10 * MINUTE,
    options.refundBursts ?? [],
  );

  const playDue = (until: number) => {
    while (queue.peekAt() <= until) {
      const next = queue.pop()!;
      if (next.at > clock.now()) clock.set(next.at);
      next.run();
    }
  };

  const proxy = new FaultProxy(sandbox.port, rng(2), options, () => {
    clock.advance(options.requestVirtualMs);
    playDue(clock.now());
  });
  await proxy.start();

  const rowOrderRng = rng(3);
  const cacheLossRng = rng(4);
  const interval = (zap: Zap) => zap.rng.between(options.pollMinutes[0], options.pollMinutes[1]) * MINUTE;
  for (const zap of zaps) zap.nextPollAt = ZAPS_ON_AT + zap.rng.between(0, 5 * MINUTE);
  let rowOrderSwitches = 0;
  let cacheLosses = 0;

  const app = simulationApp(options.triggerOverrides);
  const tester = zapier.createAppTester(app as any) as unknown as AppTester;
  const authData = { access_token: sandbox.token, store_id: String(sandbox.storeId) };

  const realNow = Date.now;
  const savedEnv = {
    base: process.env.ECWID_API_BASE_URL,
    timeout: process.env.ECWID_REQUEST_TIMEOUT_MS,
    retryPause: process.env.ECWID_RETRY_MAX_PAUSE_MS,
  };
  Date.now = () => clock.now();
  // Thousands of invocations in one process that holds the whole store: core's Lambda memory guard would end it.
  const restoreMemoryUsage = hideRssFromMemoryGuard();
  process.env.ECWID_API_BASE_URL = `${proxy.url}/api/v3`;
  process.env.ECWID_REQUEST_TIMEOUT_MS = String(options.requestTimeoutMs);
  // The app's pause before retrying a read is wall-clock time; the store's clock is virtual, so it is not waited.
  process.env.ECWID_RETRY_MAX_PAUSE_MS = '0';

  const poll = async (zap: Zap) => {
    const others = options.rowOrders.filter((order) => order !== sandbox.knobs.orderRowOrder);
    if (others.length > 0 && rowOrderRng.chance(options.rowOrderSwitchRate)) {
      sandbox.knobs.orderRowOrder = rowOrderRng.pick(others);
      rowOrderSwitches += 1;
    }
    if (options.cacheLossRate > 0 && cacheLossRng.chance(options.cacheLossRate)) {
      emptyCaches(tester);
      cacheLosses += 1;
    }
    const seeding = !zap.on;
    const startMs = clock.now();
    const startEvent = traffic.event;
    const requestsBefore = proxy.counts.requests;
    const bundle = {
      authData,
      inputData: zap.spec.inputData,
      // Zapier names the Zap in bundle.meta.zap: the app keeps a backlog per Zap.
      meta: {
        isLoadingSample: false,
        isPopulatingDedupe: seeding,
        isFillingDynamicDropdown: false,
        limit: -1,
        page: 0,
        zap: { id: `sim-${zap.spec.name}` },
      },
    };
    let results: any[] | undefined;
    let failure: ReturnType<typeof errorDetails> | undefined;
    try {
      results = await tester((app.triggers as Record<string, any>)[zap.spec.trigger].operation.perform, bundle);
    } catch (error) {
      options.onPollError?.(error);
      failure = errorDetails(error);
    }
    await proxy.idle();
    const endMs = clock.now();
    zap.polls += 1;
    const requests = proxy.counts.requests - requestsBefore;
    if (seeding) {
      zap.zapOnAttempts += 1;
      zap.zapOnRequests = requests;
    } else {
      zap.requestsPerPoll.push(requests);
    }
    zap.nextPollAt = startMs + interval(zap);

    const record: PollRecord = {
      zap: zap.spec.name,
      at: new Date(startMs).toISOString(),
      seeding,
      rowOrder: sandbox.knobs.orderRowOrder,
      requests,
      failure: failure && `${failure.name}: ${failure.message.slice(0, 120)}`,
      returned: results?.length ?? 0,
      fresh: 0,
      taken: 0,
    };
    if (failure) {
      options.onPoll?.(record);
      if (failure.name === 'ThrottledError') {
        zap.throttled += 1;
        zap.nextPollAt = Math.max(zap.nextPollAt, endMs + (failure.delay ?? 0) * SECOND);
      } else {
        zap.otherFailures += 1;
        zap.example(`poll failed with ${failure.name}: ${failure.message.slice(0, 200)}`);
      }
      return;
    }
    if (!Array.isArray(results)) throw new Error(`${zap.spec.trigger} returned ${typeof results}, not an array`);
    if (seeding) {
      for (const result of results) zap.dedupe.add(String(result.id));
      zap.on = true;
      zap.seedStartEvent = startEvent;
      zap.seedEndEvent = traffic.event;
      options.onPoll?.(record);
      return;
    }
    zap.livePolls.push([startMs, endMs]);
    if (zap.spec.permanent) checkGaps(zap, results, startMs);
    const fresh: any[] = [];
    const seenThisPoll = new Set<string>();
    for (const result of results) {
      const id = String(result.id);
      if (zap.dedupe.has(id) || seenThisPoll.has(id)) continue;
      seenThisPoll.add(id);
      fresh.push(result);
    }
    for (const result of results) {
      const item = zap.spec.itemOfOutput(result, orderIdOf);
      zap.offered.set(item, (zap.offered.get(item) ?? 0) + 1);
    }
    zap.drained = fresh.length === 0;
    zap.maxNew = Math.max(zap.maxNew, fresh.length);
    if (fresh.length > options.takePerPoll) zap.pollsOverTake += 1;
    const taken = options.take === 'newest' ? fresh.slice(0, options.takePerPoll) : fresh.slice(-options.takePerPoll);
    options.onPoll?.({ ...record, fresh: fresh.length, taken: taken.length });
    for (const result of taken) {
      zap.dedupe.add(String(result.id));
      const item = zap.spec.itemOfOutput(result, orderIdOf);
      zap.fired.set(item, (zap.fired.get(item) ?? 0) + 1);
      const truth = zap.ledger.items.get(item);
      if (truth && truth.firstEvent > zap.seedEndEvent) {
        zap.delays.push((startMs - truth.firstAt) / MINUTE);
        zap.pollsToFire.push(zap.livePolls.length - firstPollAtOrAfter(zap.livePolls, truth.firstAt));
      }
    }
  };

  /** Shown before the Zap-on poll ended: seeded (or rightly never fired), so Zapier needs it in no answer. */
  const seededOrBefore = (zap: Zap, id: string): boolean =>
    (zap.ledger.items.get(id)?.firstEvent ?? Infinity) <= zap.seedEndEvent;

  /**
   * Every permanent item that first showed between the oldest returned one and the poll's start must be there, unless
   * Zapier has it already (fired, or seeded): a poll that hands over a backlog skips what Zapier has taken.
   */
  const checkGaps = (zap: Zap, results: any[], startMs: number) => {
    if (results.length === 0) return;
    const returned = new Set(results.map((result) => zap.spec.itemOfOutput(result, orderIdOf)));
    let oldest = Number.POSITIVE_INFINITY;
    for (const id of returned) {
      const truth = zap.ledger.items.get(id);
      if (truth) oldest = Math.min(oldest, Math.floor(truth.firstAt / SECOND));
    }
    const startSecond = Math.floor(startMs / SECOND);
    // The timeline is in time order: binary search for the oldest second, then walk to the poll's start.
    let low = 0;
    let high = zap.timeline.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (zap.timeline[mid].second < oldest) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < zap.timeline.length && zap.timeline[i].second < startSecond; i += 1) {
      const { id } = zap.timeline[i];
      // An item whose record was deleted before the poll began cannot be returned.
      if (!returned.has(id) && zap.ledger.showsAt(id, startMs) && !zap.fired.has(id) && !seededOrBefore(zap, id)) {
        zap.gaps += 1;
        zap.example(
          `gap: ${zap.timeline[i].id} (shown ${new Date(zap.timeline[i].second * SECOND).toISOString()}) missing from the poll of ${new Date(startMs).toISOString()}`,
        );
      }
    }
  };

  let nextProgress = ZAPS_ON_AT + DAY;
  try {
    clock.set(warmupStart);
    for (;;) {
      const polling = zaps.filter(
        (zap) => zap.nextPollAt < drainEnd || (!zap.drained && zap.nextPollAt < drainEnd + DAY),
      );
      const due = polling.reduce<Zap | undefined>(
        (first, zap) => (!first || zap.nextPollAt < first.nextPollAt ? zap : first),
        undefined,
      );
      const nextPoll = due ? due.nextPollAt : Number.POSITIVE_INFINITY;
      const nextEvent = queue.peekAt();
      if (nextPoll === Number.POSITIVE_INFINITY && nextEvent === Number.POSITIVE_INFINITY) break;
      if (nextEvent <= nextPoll) {
        playDue(nextEvent);
        continue;
      }
      if (nextPoll > clock.now()) clock.set(nextPoll);
      while (options.progress && clock.now() >= nextProgress) {
        options.progress(progressLine(nextProgress, traffic.counts, zaps, proxy.counts, performance.now() - wallStart));
        nextProgress += DAY;
      }
      await poll(due!);
    }
  } finally {
    Date.now = realNow;
    restoreMemoryUsage();
    restoreEnv('ECWID_API_BASE_URL', savedEnv.base);
    restoreEnv('ECWID_REQUEST_TIMEOUT_MS', savedEnv.timeout);
    restoreEnv('ECWID_RETRY_MAX_PAUSE_MS', savedEnv.retryPause);
    await proxy.close();
    await sandbox.close();
  }

  return figuresOf(options, zaps, traffic, proxy.counts, rowOrderSwitches, cacheLosses, performance.now() - wallStart);
}

/** "2025-03-03 10:00:00 +0000" → ms. */
const ecwidDateMs = (text: string): number => Date.parse(text.replace(' ', 'T').replace(' ', ''));

const restoreEnv = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

/** The app as index.ts defines it, with any trigger overrides (the checks' own test breaks triggers on purpose). */
const simulationApp = (overrides: SimulationOptions['triggerOverrides'] = {}) => {
  const triggers: Record<string, any> = { ...App.triggers };
  for (const [key, override] of Object.entries(overrides)) {
    triggers[key] = {
      ...triggers[key],
      operation: { ...triggers[key].operation, perform: override.operation.perform },
    };
  }
  return { ...App, triggers };
};

const progressLine = (
  at: number,
  counts: TrafficCounts,
  zaps: Zap[],
  proxyCounts: ProxyCounts,
  wallMs: number,
): string =>
  `day ${Math.round((at - ZAPS_ON_AT) / DAY)}: ${counts.ordersPlaced} orders, ${zaps.reduce((n, zap) => n + zap.polls, 0)} polls, ${proxyCounts.requests} requests, ${(wallMs / 1000).toFixed(0)} s`;

const figuresOf = (
  options: SimulationOptions,
  zaps: Zap[],
  traffic: Traffic,
  proxyCounts: ProxyCounts,
  rowOrderSwitches: number,
  cacheLosses: number,
  wallMs: number,
): SimulationFigures => {
  const zapFigures = zaps.map((zap): ZapFigures => {
    if (!zap.on) zap.example('the Zap-on poll never succeeded: the Zap was never on');
    let expected = 0;
    let missed = 0;
    let unobservable = 0;
    const visible: string[] = [];
    const missedByKind: Record<string, number> = {};
    for (const [id, item] of zap.ledger.items) {
      if (!zap.on || item.firstEvent <= zap.seedEndEvent) continue;
      const seen = zap.ledger.seenThroughout(id, zap.livePolls);
      if (!zap.fired.has(id) && !seen) {
        unobservable += 1;
        continue;
      }
      expected += 1;
      if (seen) visible.push(id);
      if (!zap.fired.has(id)) {
        missed += 1;
        const kind = zap.spec.kindOf?.(id) ?? zap.spec.label;
        missedByKind[kind] = (missedByKind[kind] ?? 0) + 1;
        const offered = zap.offered.get(id) ?? 0;
        zap.example(
          `missed: ${id} (first shown ${new Date(item.firstAt).toISOString()}; ${offered > 0 ? `in ${offered} poll results, never among the ${options.takePerPoll} new items taken` : 'in no poll result'})`,
        );
      }
    }
    let duplicated = 0;
    let unexpected = 0;
    let fired = 0;
    for (const [id, count] of zap.fired) {
      fired += count;
      if (count > 1) {
        duplicated += 1;
        zap.example(`duplicated: ${id} fired ${count} times`);
      }
      const item = zap.ledger.items.get(id);
      // Shown while the Zap-on poll read the store: Zapier may have seeded it or not; either is right.
      if (!item || item.firstEvent <= zap.seedStartEvent) {
        unexpected += 1;
        zap.example(
          `unexpected: ${id} (${item ? `shown ${new Date(item.firstAt).toISOString()}, before the Zap was on` : 'not a record of the store'})`,
        );
      }
    }
    const perPoll = Math.min(options.takePerPoll, ANSWER_MAX_RECORDS);
    return {
      name: zap.spec.name,
      label: zap.spec.label,
      expected,
      fired,
      missed,
      duplicated,
      unexpected,
      unobservable,
      idealMisses: Object.fromEntries(
        (['deadline', 'oldest', 'newest'] as const).map((order) => [
          order,
          missed === 0 ? 0 : idealMisses(visible, (id) => zap.ledger.showings(id), zap.livePolls, perPoll, order),
        ]),
      ) as Record<HandOverOrder, number>,
      missedByKind: Object.fromEntries(Object.entries(missedByKind).sort((a, b) => b[1] - a[1])),
      turnedOn: zap.on,
      zapOnAttempts: zap.zapOnAttempts,
      zapOnRequests: zap.zapOnRequests,
      polls: zap.polls,
      failedPolls: { throttled: zap.throttled, other: zap.otherFailures },
      requestsPerPoll: distribution(zap.requestsPerPoll),
      maxNewInPoll: zap.maxNew,
      pollsOverTake: zap.pollsOverTake,
      gaps: zap.gaps,
      delayMinutes: distribution(zap.delays),
      pollsToFire: distribution(zap.pollsToFire),
      examples: zap.examples,
    };
  });
  const faults = {
    '429 (Retry-After)': proxyCounts.injected429,
    '500': proxyCounts.http500,
    '503': proxyCounts.http503,
    'truncated JSON': proxyCounts.truncated,
    timeout: proxyCounts.timeouts,
    'rate limit (real 429)': proxyCounts.rateLimited429,
    'other 4xx/5xx': proxyCounts.otherErrors,
  };
  const faultedRequests = Object.values(faults).reduce((a, b) => a + b, 0);
  const {
    progress: _progress,
    triggerOverrides: _overrides,
    onPollError: _onPollError,
    onPoll: _onPoll,
    token: _token,
    ...shownOptions
  } = options;
  return {
    options: shownOptions,
    wallMs,
    events: { ...traffic.counts },
    polls: zaps.reduce((n, zap) => n + zap.polls, 0),
    requests: proxyCounts.requests,
    faults,
    faultedRequests,
    faultShare: proxyCounts.requests > 0 ? faultedRequests / proxyCounts.requests : 0,
    slowAnswers: proxyCounts.slow,
    rowOrderSwitches,
    cacheLosses,
    zaps: zapFigures,
    ok: zapFigures.every(
      (z) =>
        z.turnedOn &&
        z.missed === 0 &&
        z.duplicated === 0 &&
        z.unexpected === 0 &&
        z.gaps === 0 &&
        z.failedPolls.other === 0,
    ),
  };
};

/**
 * The figures of runs that played the same store (same seed and traffic options) for different Zaps — one process
 * per Zap, so the Zaps' polls use every core — as one run.
 */
export const mergeFigures = (parts: SimulationFigures[], wallMs: number): SimulationFigures => {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const faults: Record<string, number> = {};
  for (const part of parts)
    for (const [kind, count] of Object.entries(part.faults)) faults[kind] = (faults[kind] ?? 0) + count;
  const requests = sum(parts.map((part) => part.requests));
  const faultedRequests = sum(parts.map((part) => part.faultedRequests));
  return {
    options: { ...parts[0].options, zaps: parts.flatMap((part) => part.options.zaps) },
    wallMs,
    events: parts[0].events,
    polls: sum(parts.map((part) => part.polls)),
    requests,
    faults,
    faultedRequests,
    faultShare: requests > 0 ? faultedRequests / requests : 0,
    slowAnswers: sum(parts.map((part) => part.slowAnswers)),
    rowOrderSwitches: sum(parts.map((part) => part.rowOrderSwitches)),
    cacheLosses: sum(parts.map((part) => part.cacheLosses)),
    zaps: parts.flatMap((part) => part.zaps),
    ok: parts.every((part) => part.ok),
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Reporting

const n = (value: number): string => value.toLocaleString('en-US');
const minutes = (value: number): string => (value < 10 ? value.toFixed(1) : Math.round(value).toString());

const ZAP_COLUMNS = [
  'Zap',
  'expected',
  'fired',
  'missed',
  'duplicated',
  'unexpected',
  'gaps',
  'polls',
  'throttled',
  'failed',
  'req/poll median',
  'req/poll max',
  'max new/poll',
  'delay min (median / max)',
  'polls to fire (median / max)',
  'Zap-on tries (requests)',
];

const zapRow = (zap: ZapFigures): string[] => [
  zap.label,
  n(zap.expected),
  n(zap.fired),
  n(zap.missed),
  n(zap.duplicated),
  n(zap.unexpected),
  n(zap.gaps),
  n(zap.polls),
  n(zap.failedPolls.throttled),
  n(zap.failedPolls.other),
  n(zap.requestsPerPoll.median),
  n(zap.requestsPerPoll.max),
  n(zap.maxNewInPoll),
  `${minutes(zap.delayMinutes.median)} / ${minutes(zap.delayMinutes.max)}`,
  `${n(zap.pollsToFire.median)} / ${n(zap.pollsToFire.max)}`,
  `${n(zap.zapOnAttempts)} (${n(zap.zapOnRequests)})`,
];

const summaryLines = (figures: SimulationFigures): string[] => {
  const o = figures.options;
  const e = figures.events;
  const faults = Object.entries(figures.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${n(count)}`)
    .join(', ');
  return [
    `seed ${o.seed}: ${o.days} virtual days after ${o.warmupDays} days of warm-up, ${(figures.wallMs / 1000).toFixed(0)} s wall time`,
    `store: ${n(e.ordersPlaced)} orders placed (+${n(e.abandoned)} abandoned checkouts), ${n(e.paid)} paid (${n(e.oldOrdersPaid)} placed before the Zaps were on), ${n(e.shipped)} shipped, ${n(e.delivered)} delivered, ${n(e.cancelled)} cancelled, ${n(e.refunded)} refunded${o.refundBursts?.length ? ` (mass refunds of ${o.refundBursts.map(n).join(', ')} paid orders asked: ${n(e.massRefunded ?? 0)} were paid then and refunded)` : ''}; ${n(e.customers)} customers and ${n(e.products)} products added (warm-up included)`,
    `Zapier: ${n(figures.polls)} polls, ${n(figures.requests)} requests; ${n(figures.faultedRequests)} faulted (${(figures.faultShare * 100).toFixed(1)}%: ${faults}); ${n(figures.slowAnswers)} slow answers; ${o.takePerPoll >= TAKE_ALL ? 'every new item taken' : `${n(o.takePerPoll)} new items taken a poll (${o.take} first)`}; row order of /orders switched ${n(figures.rowOrderSwitches)} times among ${o.rowOrders.join(', ')}${o.cacheLossRate > 0 ? `; every cache emptied before ${n(figures.cacheLosses)} polls` : ''}`,
  ];
};

/**
 * Why items were missed: by kind, and what an ideal connector would have missed (see `ZapFigures.idealMisses`); the
 * items no poll could see are counted apart, not as missed.
 */
const missLines = (figures: SimulationFigures): string[] =>
  figures.zaps
    .filter((zap) => zap.missed > 0)
    .map((zap) => {
      const kinds = Object.entries(zap.missedByKind)
        .slice(0, 6)
        .map(([kind, count]) => `${kind} ${n(count)}`)
        .join(', ');
      const take =
        figures.options.takePerPoll >= TAKE_ALL
          ? `${n(ANSWER_MAX_RECORDS)} (an answer's records)`
          : n(figures.options.takePerPoll);
      const ideal = zap.idealMisses;
      return `${zap.label}: ${n(zap.missed)} missed (by kind: ${kinds}); an ideal connector handing over ${take} a poll would miss ${n(ideal.deadline)} knowing when each item stops showing (the fewest possible), ${n(ideal.oldest)} handing the longest shown first, ${n(ideal.newest)} the newest first. Not counted: ${n(zap.unobservable)} shown only between polls.`;
    });

/** A plain-text table for the terminal. */
export const formatFigures = (figures: SimulationFigures): string => {
  const rows = [ZAP_COLUMNS, ...figures.zaps.map(zapRow)];
  const widths = ZAP_COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const examples = figures.zaps.flatMap((zap) => zap.examples.map((example) => `  ${zap.label}: ${example}`));
  return [
    ...summaryLines(figures),
    '',
    line(rows[0]),
    ...rows.slice(1).map(line),
    '',
    figures.ok
      ? 'OK: every item fired exactly once; no gap, no unexpected firing, every failed poll retryable.'
      : 'FAILED:',
    ...missLines(figures),
    ...examples,
  ].join('\n');
};

/** The same figures as Markdown, for docs/simulation-results.md. */
export const figuresMarkdown = (figures: SimulationFigures, command: string): string => {
  const header = `| ${ZAP_COLUMNS.join(' | ')} |`;
  const rule = `|${ZAP_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`;
  const rows = figures.zaps.map((zap) => `| ${zapRow(zap).join(' | ')} |`);
  return [
    '# Simulation results',
    '',
    `Generated by \`${command}\` (see \`tools/simulation/simulation-core.ts\` for what is simulated and checked).`,
    '',
    ...summaryLines(figures).map((text) => `- ${text}`),
    '',
    header,
    rule,
    ...rows,
    '',
    figures.ok ? '**Result: OK** — every item fired exactly once.' : '**Result: FAILED**',
    ...missLines(figures).map((line) => `- ${line}`),
    ...figures.zaps.flatMap((zap) => zap.examples.map((example) => `- ${zap.label}: ${example}`)),
    '',
  ].join('\n');
};
