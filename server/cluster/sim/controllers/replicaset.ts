/**
 * ReplicaSet controller: keeps spec.replicas pods (created through admission, so quota applies),
 * reports FailedCreate as an event and a ReplicaFailure condition, deletes surplus pods the way
 * kube-controller-manager ranks them, and maintains status.
 */
import { R } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { controllerRef, isPodActive, isPodReady, objKey, ownerRefTo, setCondition, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";
import { QuotaBlocked } from "./quota-blocked.ts";

const SOURCE = { component: "replicaset-controller" };

export function podFromTemplate(template: Obj, owner: Obj, ownerRt: typeof R.replicaSets | typeof R.statefulSets, extra: { name?: string; generateName?: string; labels?: Record<string, string> } = {}): Obj {
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(extra.name ? { name: extra.name } : { generateName: extra.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...(extra.labels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [ownerRefTo(ownerRt, owner)],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}

/** Which pods go first when scaling down (kube-controller-manager's ActivePods ranking). */
export function deletionRank(a: Obj, b: Obj): number {
  const assigned = (p: Obj) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Obj) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Obj) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: Obj) => ((p.status?.containerStatuses ?? []) as Obj[]).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
}

export class ReplicaSetController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;
  private readonly blocked: QuotaBlocked;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("replicaset", ctx.clock, (key) => this.reconcile(key), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
    this.blocked = new QuotaBlocked(ctx.usage, (key) => this.queue.add(key));
  }

  close() {
    this.unsubscribe();
    this.blocked.close();
    this.queue.close();
  }

  private onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.replicaSets.key) {
      if (ev.type !== "DELETED") this.queue.add(objKey(ev.object.metadata.namespace, ev.object.metadata.name));
      return;
    }
    if (ev.rt.key === R.pods.key) {
      const ref = controllerRef(ev.object);
      if (ref?.kind === "ReplicaSet") this.queue.add(objKey(ev.object.metadata.namespace, ref.name));
    }
    if (ev.rt.key === R.quotas.key) {
      this.blocked.release(ev.object.metadata.namespace);
    }
  }

  private ownedPods(rs: Obj): Obj[] {
    const out: Obj[] = [];
    for (const ref of this.ctx.store.dependentsOf(rs.metadata.uid)) {
      if (ref.rt.key !== R.pods.key) continue;
      const p = this.ctx.store.get(R.pods, ref.namespace, ref.name);
      if (p && controllerRef(p)?.uid === rs.metadata.uid) out.push(p);
    }
    return out;
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const rs = this.ctx.store.get(R.replicaSets, ns, name);
    if (!rs) return;
    const pods = this.ownedPods(rs);
    const active = pods.filter(isPodActive);
    let failure: string | undefined;
    if (!rs.metadata.deletionTimestamp) {
      const want = rs.spec?.replicas ?? 1;
      const diff = want - active.length;
      if (diff > 0) {
        for (let i = 0; i < Math.min(diff, 500); i++) {
          try {
            const pod = this.ctx.api.create(R.pods, ns, podFromTemplate(rs.spec.template, rs, R.replicaSets), { internal: true });
            this.ctx.recorder.record(R.replicaSets, rs, "Normal", "SuccessfulCreate", `Created pod: ${String(pod.metadata.name)}`, SOURCE);
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            failure = e.message;
            this.ctx.recorder.record(R.replicaSets, rs, "Warning", "FailedCreate", `Error creating: ${e.message}`, SOURCE);
            this.blocked.add(ns, key);
            this.queue.retry(key, 60_000);
            break;
          }
        }
      } else if (diff < 0) {
        const victims = [...active].sort(deletionRank).slice(0, -diff);
        for (const p of victims) {
          try {
            this.ctx.api.delete(R.pods, ns, p.metadata.name, {});
            this.ctx.recorder.record(R.replicaSets, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, SOURCE);
          } catch (e) {
            if (!(e instanceof ApiError && e.code === 404)) throw e;
          }
        }
      }
      if (!failure) this.queue.forget(key);
    }
    this.updateStatus(rs, failure);
  }

  private updateStatus(rs: Obj, failure: string | undefined) {
    const now = this.ctx.clock.now();
    const pods = this.ownedPods(rs).filter(isPodActive);
    const minReady = (rs.spec?.minReadySeconds ?? 0) * 1000;
    let ready = 0;
    let available = 0;
    let nextCheck: number | undefined;
    const selectorLabels = rs.spec?.selector?.matchLabels ?? {};
    let fullyLabeled = 0;
    for (const p of pods) {
      if (Object.entries(rs.spec?.template?.metadata?.labels ?? selectorLabels).every(([k, v]) => p.metadata.labels?.[k] === v)) fullyLabeled++;
      if (!isPodReady(p)) continue;
      ready++;
      const since = Date.parse(((p.status.conditions ?? []) as Obj[]).find((c) => c.type === "Ready")?.lastTransitionTime ?? "");
      if (minReady === 0 || since + minReady <= now) available++;
      else nextCheck = Math.min(nextCheck ?? Infinity, since + minReady - now);
    }
    if (nextCheck !== undefined) this.queue.addAfter(objKey(rs.metadata.namespace, rs.metadata.name), nextCheck + 1);
    this.ctx.api.setStatus(R.replicaSets, rs.metadata.namespace, rs.metadata.name, (o) => {
      const conditions = [...((o.status?.conditions ?? []) as Obj[])];
      if (failure) setCondition(conditions, { type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: failure }, now);
      else {
        const i = conditions.findIndex((c) => c.type === "ReplicaFailure");
        if (i >= 0) conditions.splice(i, 1);
      }
      // Zero counts are omitted, as in the real API (omitempty).
      return omitZeros(
        {
          replicas: pods.length,
          fullyLabeledReplicas: fullyLabeled,
          readyReplicas: ready,
          availableReplicas: available,
          observedGeneration: o.metadata.generation,
          ...(conditions.length ? { conditions } : {}),
        },
        ["replicas"],
      );
    });
  }
}

/** Drops zero-valued counters except the ones the API always serialises. */
export function omitZeros(status: Obj, keep: string[] = []): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === 0 && !keep.includes(k)) continue;
    if (v === undefined) continue;
    out[k] = v;
  }
  return out;
}
