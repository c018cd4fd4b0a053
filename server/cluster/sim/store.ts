/**
 * The object store: one bucket per resource type and namespace (the index lists and watches use),
 * a label index for equality selectors, a uid index and an owner index (for garbage collection).
 * Stored objects are deep-frozen; writers clone, change, and write back.
 */
import { getOrInsert } from "./maps.ts";
import type { ResourceType } from "./resources.ts";
import { type CompiledFieldSelector, indexableTerms, type LabelSelector, matchesLabels } from "./selectors.ts";

// JSON objects as they travel on the wire: deliberately loose.
// biome-ignore lint/suspicious/noExplicitAny: any kind of object, read and written by path all over the simulator
export type Obj = Record<string, any>;

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  type: EventType;
  rt: ResourceType;
  object: Obj;
  oldObject?: Obj;
  rv: number;
  /** Lazily cached serialisation of `{type, object}`, shared by every watcher. */
  line?: string;
}

export interface ObjectRef {
  rt: ResourceType;
  namespace: string;
  name: string;
}

const SEP = "\u0000";

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
  }
  return o;
}

/** Deep copy of a JSON object (faster than structuredClone for plain JSON in V8). */
export function clone<T>(o: T): T {
  return o === undefined ? o : (JSON.parse(JSON.stringify(o)) as T);
}

export class Store {
  private rv = 0;
  private readonly buckets = new Map<string, Map<string, Map<string, Obj>>>();
  private readonly labelIndex = new Map<string, Map<string, Set<string>>>();
  private readonly uids = new Map<string, ObjectRef>();
  private readonly owners = new Map<string, Set<string>>();
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<(ev: StoreEvent) => void>();
  private readonly rts = new Map<string, ResourceType>();

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv;
  }

  subscribe(fn: (ev: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get(rt: ResourceType, namespace: string, name: string): Obj | undefined {
    return this.buckets
      .get(rt.key)
      ?.get(rt.namespaced ? namespace : "")
      ?.get(name);
  }

  getByUid(uid: string): (ObjectRef & { object: Obj }) | undefined {
    const ref = this.uids.get(uid);
    if (!ref) return undefined;
    const object = this.get(ref.rt, ref.namespace, ref.name);
    return object ? { ...ref, object } : undefined;
  }

  count(rt: ResourceType, namespace?: string): number {
    if (namespace === undefined) return this.counts.get(rt.key) ?? 0;
    return this.buckets.get(rt.key)?.get(namespace)?.size ?? 0;
  }

  /** Namespaces that currently hold objects of this type. */
  namespacesOf(rt: ResourceType): string[] {
    return [...(this.buckets.get(rt.key)?.keys() ?? [])];
  }

  /**
   * Lists objects, sorted by namespace then name (etcd key order). Uses the label index when the
   * selector has equality terms, the namespace bucket otherwise.
   */
  list(rt: ResourceType, namespace?: string, labels?: LabelSelector, fields?: CompiledFieldSelector): Obj[] {
    const bucket = this.buckets.get(rt.key);
    if (!bucket) return [];
    const ns = rt.namespaced ? namespace : undefined;
    let candidates: Iterable<Obj>;
    const terms = labels ? indexableTerms(labels) : [];
    if (terms.length > 0) {
      const index = this.labelIndex.get(rt.key);
      let best: string[] | undefined;
      let bestSize = Number.POSITIVE_INFINITY;
      for (const alternatives of terms) {
        let size = 0;
        for (const t of alternatives) size += index?.get(t)?.size ?? 0;
        if (size < bestSize) {
          bestSize = size;
          best = alternatives;
        }
      }
      const out: Obj[] = [];
      for (const t of best ?? []) {
        for (const key of index?.get(t) ?? []) {
          const i = key.indexOf(SEP);
          const objNs = key.slice(0, i);
          if (ns !== undefined && objNs !== ns) continue;
          const o = bucket.get(objNs)?.get(key.slice(i + 1));
          if (o) out.push(o);
        }
      }
      candidates = out;
    } else if (ns !== undefined) {
      candidates = bucket.get(ns)?.values() ?? [];
    } else {
      candidates = (function* () {
        for (const m of bucket.values()) yield* m.values();
      })();
    }
    const result: Obj[] = [];
    for (const o of candidates) {
      if (labels && labels.length > 0 && !matchesLabels(labels, o.metadata?.labels)) continue;
      if (fields && !fields.matches(o)) continue;
      result.push(o);
    }
    result.sort(compareObjects);
    return result;
  }

  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): ObjectRef[] {
    const keys = this.owners.get(uid);
    if (!keys) return [];
    const out: ObjectRef[] = [];
    for (const k of keys) {
      const [rtKey, namespace, name] = k.split(SEP) as [string, string, string];
      const rt = this.rts.get(rtKey);
      if (rt) out.push({ rt, namespace, name });
    }
    return out;
  }

  /** Inserts a new object; assigns its resourceVersion. The caller filled everything else. */
  create(rt: ResourceType, obj: Obj): Obj {
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    deepFreeze(obj);
    this.insert(rt, obj);
    this.emit({ type: "ADDED", rt, object: obj, rv });
    return obj;
  }

  /** Replaces an existing object; assigns a new resourceVersion. */
  update(rt: ResourceType, obj: Obj): Obj {
    const ns = rt.namespaced ? obj.metadata.namespace : "";
    const old = this.get(rt, ns, obj.metadata.name);
    if (!old) throw new Error(`store.update: ${rt.qualified} ${ns}/${obj.metadata.name} does not exist`);
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    deepFreeze(obj);
    if (sameIndexKeys(old, obj)) this.replace(rt, obj);
    else {
      this.unindex(rt, old);
      this.insert(rt, obj);
    }
    this.emit({ type: "MODIFIED", rt, object: obj, oldObject: old, rv });
    return obj;
  }

  /** Removes an object; the DELETED event carries the deletion's resourceVersion. */
  remove(rt: ResourceType, namespace: string, name: string): Obj | undefined {
    const old = this.get(rt, namespace, name);
    if (!old) return undefined;
    const rv = ++this.rv;
    const final = deepFreeze({ ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } });
    this.unindex(rt, old);
    const bucket = this.buckets.get(rt.key)!;
    const nsKey = rt.namespaced ? namespace : "";
    const m = bucket.get(nsKey)!;
    m.delete(name);
    if (m.size === 0) bucket.delete(nsKey);
    this.counts.set(rt.key, (this.counts.get(rt.key) ?? 1) - 1);
    this.emit({ type: "DELETED", rt, object: final, oldObject: old, rv });
    return final;
  }

  /** Swaps in a new version whose labels and owners did not change (indexes stay as they are). */
  private replace(rt: ResourceType, obj: Obj) {
    const nsKey = rt.namespaced ? (obj.metadata.namespace as string) : "";
    this.buckets
      .get(rt.key)!
      .get(nsKey)!
      .set(obj.metadata.name as string, obj);
  }

  private insert(rt: ResourceType, obj: Obj) {
    this.rts.set(rt.key, rt);
    const nsKey = rt.namespaced ? (obj.metadata.namespace as string) : "";
    const name = obj.metadata.name as string;
    const bucket = getOrInsert(this.buckets, rt.key, () => new Map());
    const m = getOrInsert(bucket, nsKey, () => new Map());
    if (!m.has(name)) this.counts.set(rt.key, (this.counts.get(rt.key) ?? 0) + 1);
    m.set(name, obj);
    const id = nsKey + SEP + name;
    const li = getOrInsert(this.labelIndex, rt.key, () => new Map());
    for (const [k, v] of Object.entries((obj.metadata.labels ?? {}) as Record<string, string>)) {
      getOrInsert(li, `${k}=${v}`, () => new Set()).add(id);
    }
    if (obj.metadata.uid) this.uids.set(obj.metadata.uid, { rt, namespace: nsKey, name });
    for (const ref of (obj.metadata.ownerReferences ?? []) as { uid: string }[]) {
      getOrInsert(this.owners, ref.uid, () => new Set()).add(rt.key + SEP + nsKey + SEP + name);
    }
  }

  private unindex(rt: ResourceType, obj: Obj) {
    const nsKey = rt.namespaced ? (obj.metadata.namespace as string) : "";
    const name = obj.metadata.name as string;
    const id = nsKey + SEP + name;
    const li = this.labelIndex.get(rt.key);
    for (const [k, v] of Object.entries((obj.metadata.labels ?? {}) as Record<string, string>)) {
      const t = `${k}=${v}`;
      const s = li?.get(t);
      s?.delete(id);
      if (s && s.size === 0) li!.delete(t);
    }
    if (obj.metadata.uid) this.uids.delete(obj.metadata.uid);
    for (const ref of (obj.metadata.ownerReferences ?? []) as { uid: string }[]) {
      const s = this.owners.get(ref.uid);
      s?.delete(rt.key + SEP + nsKey + SEP + name);
      if (s && s.size === 0) this.owners.delete(ref.uid);
    }
  }

  private emit(ev: StoreEvent) {
    for (const fn of this.listeners) fn(ev);
  }
}

export function compareObjects(a: Obj, b: Obj): number {
  const an = (a.metadata?.namespace as string) ?? "";
  const bn = (b.metadata?.namespace as string) ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  const a2 = a.metadata?.name as string;
  const b2 = b.metadata?.name as string;
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

function sameMap(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

function sameIndexKeys(a: Obj, b: Obj): boolean {
  if (a.metadata.uid !== b.metadata.uid || !sameMap(a.metadata.labels, b.metadata.labels)) return false;
  const ra = (a.metadata.ownerReferences ?? []) as { uid: string }[];
  const rb = (b.metadata.ownerReferences ?? []) as { uid: string }[];
  if (ra === rb) return true;
  return ra.length === rb.length && ra.every((r, i) => r.uid === rb[i]!.uid);
}
