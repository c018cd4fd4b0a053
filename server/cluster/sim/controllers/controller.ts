/**
 * What the controllers share, as in kube-controller-manager: store events choose keys, work
 * queues on the simulation clock reconcile each key once per turn, and close() stops it all.
 * Below the scaffold are the reads and writes they all repeat: owned objects, creates and deletes
 * that tolerate a race with another writer, events, conditions and status counters.
 */
import type { ApiServer, DeleteOptions } from "../apiserver.ts";
import { controllerRef, objKey, ownerRefTo, type SimContext } from "../context.ts";
import type { EventRecorder, EventSource } from "../events.ts";
import type { ResourceType } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { Obj, Store, StoreEvent } from "../store.ts";
import { WorkQueue } from "../workqueue.ts";
import { QuotaBlocked } from "./quota-blocked.ts";

export abstract class Controller {
  private readonly closers: (() => void)[] = [];

  constructor(protected readonly ctx: SimContext) {
    this.closeWith(ctx.store.subscribe((ev) => this.onEvent(ev)));
  }

  close(): void {
    for (const close of this.closers) close();
  }

  /** Queues the keys a change in the store makes stale. */
  protected abstract onEvent(ev: StoreEvent): void;

  /** A work queue on the simulation clock, closed with the controller. */
  protected workQueue(name: string, reconcile: (key: string) => void): WorkQueue {
    const queue = new WorkQueue(name, this.ctx.clock, reconcile, this.ctx.onError);
    this.closeWith(() => queue.close());
    return queue;
  }

  /** Keys of `queue` that quota admission refused, queued again once their namespace has room. */
  protected quotaBlocked(queue: WorkQueue): QuotaBlocked {
    const blocked = new QuotaBlocked(this.ctx.usage, queue);
    this.closeWith(() => blocked.close());
    return blocked;
  }

  protected closeWith(close: () => void): void {
    this.closers.push(close);
  }
}

/** The namespace/name key controllers queue an object under. */
export function keyOf(o: Obj): string {
  return objKey(o.metadata.namespace, o.metadata.name);
}

/** A dependent changed: queues its controller when that is a `kind`. */
export function queueController(queue: WorkQueue, dependent: Obj, kind: string): void {
  const ref = controllerRef(dependent);
  if (ref?.kind === kind) queue.add(objKey(dependent.metadata.namespace, ref.name));
}

/** Objects of `rt` with an ownerReference to `owner`. */
export function dependentsOf(store: Store, rt: ResourceType, owner: Obj): Obj[] {
  const out: Obj[] = [];
  for (const ref of store.dependentsOf(owner.metadata.uid)) {
    if (ref.rt.key !== rt.key) continue;
    const o = store.get(rt, ref.namespace, ref.name);
    if (o) out.push(o);
  }
  return out;
}

/** Objects of `rt` whose controller (the ownerReference with controller: true) is `owner`. */
export function controlledBy(store: Store, rt: ResourceType, owner: Obj): Obj[] {
  return dependentsOf(store, rt, owner).filter((o) => controllerRef(o)?.uid === owner.metadata.uid);
}

/** A pod for `owner` from its pod template, controlled by it. */
export function podFromTemplate(
  template: Obj,
  owner: Obj,
  ownerRt: ResourceType,
  extra: { name?: string; labels?: Record<string, string> } = {},
): Obj {
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(extra.name ? { name: extra.name } : { generateName: `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...(extra.labels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [ownerRefTo(ownerRt, owner)],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}

/** Returns the API error a write was refused with; anything else is a bug and goes on up. */
export function expectApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  throw e;
}

/** Creates as the control plane does; undefined when the object already exists (409). */
export function createIfAbsent(api: ApiServer, rt: ResourceType, namespace: string, body: Obj): Obj | undefined {
  try {
    return api.create(rt, namespace, body, { internal: true });
  } catch (e) {
    if (expectApiError(e).code === 409) return undefined;
    throw e;
  }
}

/** Deletes the object; false when it was already gone (404). */
export function deleteIfPresent(
  api: ApiServer,
  rt: ResourceType,
  namespace: string,
  name: string,
  opts: DeleteOptions = {},
): boolean {
  try {
    api.delete(rt, namespace, name, opts);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return false;
    throw e;
  }
}

/** Drops one entry of metadata.finalizers (the whole list once it is empty). */
export function removeFinalizer(
  api: ApiServer,
  rt: ResourceType,
  namespace: string,
  name: string,
  finalizer: string,
): void {
  api.internalUpdate(rt, namespace, name, (o) => {
    const rest = ((o.metadata.finalizers ?? []) as string[]).filter((f) => f !== finalizer);
    if (rest.length > 0) o.metadata.finalizers = rest;
    else delete o.metadata.finalizers;
  });
}

/** Events one component records about objects of one type. */
export class ComponentEvents {
  private readonly source: EventSource;

  constructor(
    private readonly recorder: EventRecorder,
    private readonly rt: ResourceType,
    component: string,
  ) {
    this.source = { component };
  }

  normal(involved: Obj, reason: string, message: string): void {
    this.recorder.record(this.rt, involved, "Normal", reason, message, this.source);
  }

  warning(involved: Obj, reason: string, message: string): void {
    this.recorder.record(this.rt, involved, "Warning", reason, message, this.source);
  }
}

/** A copy of status.conditions to edit inside a status update. */
export function copyConditions(o: Obj): Obj[] {
  return [...((o.status?.conditions ?? []) as Obj[])];
}

export function removeCondition(conditions: Obj[], type: string): void {
  const i = conditions.findIndex((c) => c.type === type);
  if (i >= 0) conditions.splice(i, 1);
}

/** Drops zero-valued counters except the ones the API always serialises (omitempty). */
export function omitZeros(status: Obj, keep: string[] = []): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === 0 && !keep.includes(k)) continue;
    if (v === undefined) continue;
    out[k] = v;
  }
  return out;
}
