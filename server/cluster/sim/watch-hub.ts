/**
 * Fan-out of store events to watch streams, with a bounded history so a watch can resume from a
 * resourceVersion (and gets 410 Expired when that version has been compacted away).
 */
import { getOrInsert } from "./maps.ts";
import type { ResourceType } from "./resources.ts";
import { type CompiledFieldSelector, type LabelSelector, matchesLabels } from "./selectors.ts";
import type { EventType, Obj, Store, StoreEvent } from "./store.ts";

type WatchEventType = EventType | "BOOKMARK" | "ERROR";

export interface WatchFilter {
  rt: ResourceType;
  namespace?: string;
  labels?: LabelSelector;
  fields?: CompiledFieldSelector;
}

export interface Watcher {
  filter: WatchFilter;
  allowBookmarks: boolean;
  /** Writes one newline-delimited JSON line. */
  write(line: string): void;
  /** Ends the stream cleanly (the client sees a normal end of body). */
  end(): void;
  /** Breaks the connection (the client sees an error). */
  destroy(): void;
}

type CachedEvent = StoreEvent & { lines?: Partial<Record<WatchEventType, string>> };

function matchesFilter(f: WatchFilter, o: Obj | undefined): boolean {
  if (!o) return false;
  if (f.namespace !== undefined && f.rt.namespaced && o.metadata?.namespace !== f.namespace) return false;
  if (f.labels && f.labels.length > 0 && !matchesLabels(f.labels, o.metadata?.labels)) return false;
  if (f.fields && !f.fields.matches(o)) return false;
  return true;
}

/** How a store event looks through a filtered watch (selectors turn updates into adds/deletes). */
export function projectEvent(f: WatchFilter, ev: StoreEvent): WatchEventType | undefined {
  if (ev.rt.key !== f.rt.key) return undefined;
  const now = matchesFilter(f, ev.object);
  switch (ev.type) {
    case "ADDED":
      return now ? "ADDED" : undefined;
    case "DELETED":
      return matchesFilter(f, ev.oldObject ?? ev.object) ? "DELETED" : undefined;
    case "MODIFIED": {
      const before = matchesFilter(f, ev.oldObject);
      if (now && before) return "MODIFIED";
      if (now) return "ADDED";
      if (before) return "DELETED";
      return undefined;
    }
  }
}

export function eventLine(ev: CachedEvent, type: WatchEventType): string {
  ev.lines ??= {};
  let line = ev.lines[type];
  if (!line) {
    line = `${JSON.stringify({ type, object: ev.object })}\n`;
    ev.lines[type] = line;
  }
  return line;
}

export class WatchHub {
  private readonly ring: (CachedEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** resourceVersion of the newest event that fell out of the history (0: nothing yet). */
  private compactedRv = 0;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly unsubscribe: () => void;
  private bookmarkTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    capacity: number,
    bookmarkIntervalMs: number,
  ) {
    this.ring = new Array(Math.max(16, capacity));
    this.unsubscribe = store.subscribe((ev) => this.publish(ev));
    if (bookmarkIntervalMs > 0) {
      this.bookmarkTimer = setInterval(() => this.sendBookmarks(), bookmarkIntervalMs);
      this.bookmarkTimer.unref?.();
    }
  }

  get oldestResumableRv(): number {
    return this.compactedRv;
  }

  /**
   * Events after `rv` for a resource type, oldest first; "expired" if some of them were compacted.
   */
  eventsSince(rv: number): CachedEvent[] | "expired" {
    if (rv < this.compactedRv) return "expired";
    const out: CachedEvent[] = [];
    // The ring holds contiguous resourceVersions: find the first one above rv.
    if (this.size === 0) return out;
    const first = this.ring[this.start]!.rv;
    const offset = Math.max(0, rv + 1 - first);
    for (let i = offset; i < this.size; i++) out.push(this.ring[(this.start + i) % this.ring.length]!);
    return out;
  }

  add(w: Watcher): () => void {
    const set = getOrInsert(this.watchers, w.filter.rt.key, () => new Set());
    set.add(w);
    return () => {
      set.delete(w);
    };
  }

  get openWatches(): number {
    let n = 0;
    for (const s of this.watchers.values()) n += s.size;
    return n;
  }

  /** Breaks every open watch connection (clients see an error). */
  dropAll(graceful = false): number {
    let n = 0;
    for (const set of this.watchers.values()) {
      for (const w of [...set]) {
        set.delete(w);
        if (graceful) w.end();
        else w.destroy();
        n++;
      }
    }
    return n;
  }

  close() {
    this.unsubscribe();
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    this.dropAll(true);
  }

  sendBookmarks() {
    const rv = String(this.store.resourceVersion);
    for (const set of this.watchers.values()) {
      for (const w of set) {
        if (!w.allowBookmarks) continue;
        w.write(bookmarkLine(w.filter.rt, rv));
      }
    }
  }

  private publish(ev: StoreEvent) {
    const cached = ev as CachedEvent;
    if (this.size === this.ring.length) {
      this.compactedRv = this.ring[this.start]!.rv;
      this.ring[this.start] = undefined;
      this.start = (this.start + 1) % this.ring.length;
      this.size--;
    }
    this.ring[(this.start + this.size) % this.ring.length] = cached;
    this.size++;
    const set = this.watchers.get(ev.rt.key);
    if (!set || set.size === 0) return;
    for (const w of set) {
      const type = projectEvent(w.filter, ev);
      if (type) w.write(eventLine(cached, type));
    }
  }
}

export function bookmarkLine(rt: ResourceType, rv: string, annotations?: Record<string, string>): string {
  const metadata: Obj = { resourceVersion: rv };
  if (annotations) metadata.annotations = annotations;
  return `${JSON.stringify({ type: "BOOKMARK", object: { kind: rt.kind, apiVersion: rt.apiVersion, metadata } })}\n`;
}
