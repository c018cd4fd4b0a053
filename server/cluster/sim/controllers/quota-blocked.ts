/**
 * Work a controller could not do because quota admission refused it, per namespace: queued
 * again as soon as that namespace's usage drops (or its quota changes), not only at the next retry.
 */
import { getOrInsert } from "../maps.ts";
import type { WorkQueue } from "../workqueue.ts";

/** Longest back-off of a refused key: usage changes usually release it much sooner. */
const MAX_RETRY_MS = 60_000;

export class QuotaBlocked {
  private readonly blocked = new Map<string, Set<string>>();
  private readonly unsubscribe: () => void;

  constructor(
    usage: { onChange(fn: (namespace: string) => void): () => void },
    private readonly queue: WorkQueue,
  ) {
    this.unsubscribe = usage.onChange((namespace) => this.release(namespace));
  }

  /** Records how reconciling `key` went: a refused key backs off until released, a done one resets. */
  settle(namespace: string, key: string, refused: boolean): void {
    if (!refused) {
      this.queue.forget(key);
      return;
    }
    getOrInsert(this.blocked, namespace, () => new Set()).add(key);
    this.queue.retry(key, MAX_RETRY_MS);
  }

  release(namespace: string): void {
    const keys = this.blocked.get(namespace);
    if (!keys) return;
    this.blocked.delete(namespace);
    for (const key of keys) this.queue.add(key);
  }

  close(): void {
    this.unsubscribe();
  }
}
