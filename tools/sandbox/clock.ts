/**
 * The sandbox's notion of "now". It follows real time until `set` or `advance` is called; from then on it is a
 * frozen virtual clock that only moves when told to, so simulations over weeks of virtual time are instant and
 * repeatable. Every created/updated timestamp and the rate-limit window are read from it.
 */
export class Clock {
  private virtualMs: number | undefined;

  /** `startMs` given → starts frozen at that instant; omitted → follows real time. */
  constructor(startMs?: number) {
    this.virtualMs = startMs;
  }

  now(): number {
    return this.virtualMs ?? Date.now();
  }

  /** Now in unix seconds, the unit of every Ecwid `*Timestamp` field. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock.set needs a finite number of ms, got ${ms}`);
    this.virtualMs = ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock.advance needs a finite number of ms, got ${ms}`);
    this.virtualMs = this.now() + ms;
  }

  /** Back to following real time. */
  useRealTime(): void {
    this.virtualMs = undefined;
  }

  get isVirtual(): boolean {
    return this.virtualMs !== undefined;
  }
}
