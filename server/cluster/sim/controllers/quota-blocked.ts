/**
 * Work a controller could not do because quota admission refused it, per namespace: queued
 * again as soon as that namespace's usage drops (or its quota changes), not only at the next retry.
 */
export class QuotaBlocked {
  private readonly blocked = new Map<string, Set<string>>();
  private readonly unsubscribe: () => void;

  constructor(
    usage: { onChange(fn: (namespace: string) => void): () => void },
    private readonly requeue: (key: string) => void,
  ) {
    this.unsubscribe = usage.onChange((namespace) => this.release(namespace));
  }

  add(namespace: string, key: string): void {
    let keys = this.blocked.get(namespace);
    if (!keys) this.blocked.set(namespace, (keys = new Set()));
    keys.add(key);
  }

  release(namespace: string): void {
    const keys = this.blocked.get(namespace);
    if (!keys) return;
    this.blocked.delete(namespace);
    for (const key of keys) this.requeue(key);
  }

  close(): void {
    this.unsubscribe();
  }
}
