/**
 * A deduplicating work queue: keys added many times in a tick are reconciled once, on the next
 * turn of the event loop. Failed keys are retried later on the simulation clock.
 */
import type { Clock, ClockTimer } from "./clock.ts";

export class WorkQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private closed = false;
  private readonly timers = new Map<string, ClockTimer>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly name: string,
    private readonly clock: Clock,
    private readonly handler: (key: string) => void,
    private readonly onError: (name: string, key: string, err: unknown) => void,
  ) {}

  add(key: string) {
    if (this.closed) return;
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Re-adds the key after `ms` of simulated time (replaces an earlier delayed add). */
  addAfter(key: string, ms: number) {
    if (this.closed) return;
    const existing = this.timers.get(key);
    if (existing) this.clock.clearTimeout(existing);
    this.timers.set(
      key,
      this.clock.setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, ms),
    );
  }

  /** Exponential back-off per key: 1s, 2s, 4s … capped at `maxMs`. */
  retry(key: string, maxMs = 30_000) {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.addAfter(key, Math.min(maxMs, 1000 * 2 ** (n - 1)));
  }

  forget(key: string) {
    this.failures.delete(key);
  }

  get length(): number {
    return this.pending.size;
  }

  close() {
    this.closed = true;
    this.pending.clear();
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  private drain() {
    this.scheduled = false;
    if (this.closed) return;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      try {
        this.handler(key);
      } catch (err) {
        this.onError(this.name, key, err);
        this.retry(key);
      }
    }
  }
}
