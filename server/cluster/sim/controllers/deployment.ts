/**
 * Deployment controller: one ReplicaSet per pod template (pod-template-hash), rolling updates
 * bounded by maxSurge/maxUnavailable (or Recreate), revision history, and the status and
 * conditions (Available, Progressing with its deadline, ReplicaFailure) clients wait on.
 */
import { safeHash, stableStringify } from "../json.ts";
import { R } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { controllerRef, objKey, ownerRefTo, setCondition, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";
import { omitZeros } from "./replicaset.ts";

const SOURCE = { component: "deployment-controller" };

function resolveIntOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^\d+%$/.test(v)) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  return 0;
}

const hashCache = new WeakMap<object, string>();

/** pod-template-hash of a (frozen, stored) template; cached per template object. */
export function templateHash(template: Obj): string {
  const cached = hashCache.get(template);
  if (cached) return cached;
  const h = computeTemplateHash(template);
  if (Object.isFrozen(template)) hashCache.set(template, h);
  return h;
}

function computeTemplateHash(template: Obj): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels["pod-template-hash"];
  return safeHash(stableStringify(t));
}

export class DeploymentController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("deployment", ctx.clock, (key) => this.reconcile(key), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
  }

  close() {
    this.unsubscribe();
    this.queue.close();
  }

  private onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.deployments.key) {
      if (ev.type !== "DELETED") this.queue.add(objKey(ev.object.metadata.namespace, ev.object.metadata.name));
    } else if (ev.rt.key === R.replicaSets.key) {
      const ref = controllerRef(ev.object);
      if (ref?.kind === "Deployment") this.queue.add(objKey(ev.object.metadata.namespace, ref.name));
    }
  }

  private ownedReplicaSets(d: Obj): Obj[] {
    const out: Obj[] = [];
    for (const ref of this.ctx.store.dependentsOf(d.metadata.uid)) {
      if (ref.rt.key !== R.replicaSets.key) continue;
      const rs = this.ctx.store.get(R.replicaSets, ref.namespace, ref.name);
      // Shallow working copies: reconcile adjusts spec.replicas as it scales.
      if (rs && controllerRef(rs)?.uid === d.metadata.uid) out.push({ ...rs, spec: { ...rs.spec } });
    }
    return out.sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  private scale(rs: Obj, replicas: number, d: Obj) {
    const from = rs.spec?.replicas ?? 0;
    if (from === replicas) return;
    this.ctx.api.internalUpdate(R.replicaSets, rs.metadata.namespace, rs.metadata.name, (o) => {
      o.spec.replicas = replicas;
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), "deployment.kubernetes.io/desired-replicas": String(d.spec.replicas ?? 1) };
    });
    rs.spec = { ...rs.spec, replicas };
    const verb = replicas > from ? "up" : "down";
    this.ctx.recorder.record(R.deployments, d, "Normal", "ScalingReplicaSet", `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${replicas}`, SOURCE);
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const d = this.ctx.store.get(R.deployments, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const desired = d.spec?.replicas ?? 1;
    const hash = templateHash(d.spec.template);
    const all = this.ownedReplicaSets(d);
    let newRS = all.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    const old = all.filter((rs) => rs !== newRS);
    const revisions = all.map((rs) => Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0));
    const maxRevision = revisions.length ? Math.max(...revisions) : 0;
    let created = false;
    const strategy = d.spec?.strategy?.type ?? "RollingUpdate";
    const maxSurge = strategy === "RollingUpdate" ? resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge ?? "25%", desired, true) : 0;
    let maxUnavailable = strategy === "RollingUpdate" ? resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? "25%", desired, false) : desired;
    if (strategy === "RollingUpdate" && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;

    if (!newRS && !d.spec?.paused) {
      const specTotal = all.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      let initial = desired;
      if (old.length > 0) initial = strategy === "Recreate" ? 0 : Math.max(0, Math.min(desired, desired + maxSurge - specTotal));
      const template = structuredClone(d.spec.template);
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash } };
      const selector = structuredClone(d.spec.selector);
      selector.matchLabels = { ...(selector.matchLabels ?? {}), "pod-template-hash": hash };
      try {
        const createdRS = this.ctx.api.create(
          R.replicaSets,
          ns,
          {
            metadata: {
              name: `${name}-${hash}`,
              namespace: ns,
              labels: { ...(d.spec.template.metadata?.labels ?? {}), "pod-template-hash": hash },
              annotations: {
                "deployment.kubernetes.io/desired-replicas": String(desired),
                "deployment.kubernetes.io/max-replicas": String(desired + maxSurge),
                "deployment.kubernetes.io/revision": String(maxRevision + 1),
              },
              ownerReferences: [ownerRefTo(R.deployments, d)],
            },
            spec: { replicas: initial, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
          },
          { internal: true },
        );
        newRS = { ...createdRS, spec: { ...createdRS.spec } } as Obj;
        created = true;
        this.ctx.recorder.record(R.deployments, d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${String(createdRS.metadata.name)} from 0 to ${initial}`, SOURCE);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 409) {
          const existing = this.ctx.store.get(R.replicaSets, ns, `${name}-${hash}`);
          newRS = existing ? { ...existing, spec: { ...existing.spec } } : undefined;
        } else throw e;
      }
    }

    if (newRS && !d.spec?.paused) {
      if (strategy === "Recreate") {
        for (const rs of old) this.scale(rs, 0, d);
        const oldPods = old.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
        if (oldPods === 0) this.scale(newRS, desired, d);
      } else {
        // Scale the new ReplicaSet up within maxSurge.
        const specTotal = all.reduce((n, rs) => n + (rs === newRS ? 0 : rs.spec?.replicas ?? 0), 0) + (newRS.spec?.replicas ?? 0);
        const newReplicas = newRS.spec?.replicas ?? 0;
        if (newReplicas > desired) this.scale(newRS, desired, d);
        else if (newReplicas < desired) {
          const room = desired + maxSurge - specTotal;
          if (room > 0) this.scale(newRS, newReplicas + Math.min(room, desired - newReplicas), d);
        }
        // Scale old ReplicaSets down without going under minAvailable.
        const minAvailable = desired - maxUnavailable;
        const allPods = all.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
        const newUnavailable = Math.max(0, (newRS.spec?.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0));
        let maxScaledDown = allPods - minAvailable - newUnavailable;
        for (const rs of old) {
          if (maxScaledDown <= 0) break;
          const unhealthy = Math.max(0, (rs.spec?.replicas ?? 0) - (rs.status?.availableReplicas ?? 0));
          const n = Math.min(maxScaledDown, unhealthy);
          if (n > 0) {
            this.scale(rs, (rs.spec?.replicas ?? 0) - n, d);
            maxScaledDown -= n;
          }
        }
        const available = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
        let down = available - minAvailable;
        for (const rs of old) {
          if (down <= 0) break;
          const n = Math.min(rs.spec?.replicas ?? 0, down);
          if (n > 0) {
            this.scale(rs, (rs.spec?.replicas ?? 0) - n, d);
            down -= n;
          }
        }
      }
      // Revision history.
      const limit = d.spec?.revisionHistoryLimit ?? 10;
      const idle = old.filter((rs) => (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0);
      for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
        try {
          this.ctx.api.delete(R.replicaSets, ns, rs.metadata.name, {});
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
      }
    }
    this.updateStatus(d, newRS, created, desired, maxUnavailable);
  }

  private updateStatus(d: Obj, newRS: Obj | undefined, created: boolean, desired: number, maxUnavailable: number) {
    const all = this.ownedReplicaSets(d);
    const nowMs = this.ctx.clock.now();
    const sum = (f: (rs: Obj) => number) => all.reduce((n, rs) => n + f(rs), 0);
    const replicas = sum((rs) => rs.status?.replicas ?? 0);
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const updated = newRS ? this.ctx.store.get(R.replicaSets, newRS.metadata.namespace, newRS.metadata.name)?.status?.replicas ?? 0 : 0;
    const newAvailable = newRS ? this.ctx.store.get(R.replicaSets, newRS.metadata.namespace, newRS.metadata.name)?.status?.availableReplicas ?? 0 : 0;
    const complete = updated === desired && replicas === desired && available === desired && newAvailable === desired;
    const deadlineMs = (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
    let requeueIn: number | undefined;
    this.ctx.api.setStatus(R.deployments, d.metadata.namespace, d.metadata.name, (o) => {
      const prev = (o.status ?? {}) as Obj;
      const conditions = [...((prev.conditions ?? []) as Obj[])];
      const progressed =
        created ||
        (prev.updatedReplicas ?? 0) !== updated ||
        (prev.readyReplicas ?? 0) !== ready ||
        (prev.availableReplicas ?? 0) !== available ||
        (prev.replicas ?? 0) !== replicas ||
        prev.observedGeneration !== o.metadata.generation;
      const isAvailable = available >= desired - maxUnavailable;
      setCondition(
        conditions,
        isAvailable
          ? { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }
          : { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
        nowMs,
        { update: true },
      );
      const rsName = newRS?.metadata.name ?? "";
      const progressing = conditions.find((c) => c.type === "Progressing");
      if (complete) {
        setCondition(conditions, { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rsName}" has successfully progressed.` }, nowMs, { update: true });
      } else if (created) {
        setCondition(conditions, { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: `Created new replica set "${rsName}"` }, nowMs, { update: true });
      } else if (progressed || !progressing) {
        setCondition(conditions, { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` }, nowMs, { update: true });
        const ci = conditions.findIndex((x) => x.type === "Progressing");
        conditions[ci] = { ...conditions[ci], lastUpdateTime: new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace(".000Z", "Z") };
      } else if (progressing && progressing.reason !== "ProgressDeadlineExceeded" && progressing.reason !== "NewReplicaSetAvailable") {
        const last = Date.parse(progressing.lastUpdateTime ?? progressing.lastTransitionTime);
        if (last + deadlineMs <= nowMs) {
          setCondition(conditions, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` }, nowMs, { update: true });
        } else requeueIn = last + deadlineMs - nowMs;
      }
      if (!complete && requeueIn === undefined) {
        const c = conditions.find((x) => x.type === "Progressing");
        if (c && c.status === "True") requeueIn = Date.parse(c.lastUpdateTime ?? c.lastTransitionTime) + deadlineMs - nowMs;
      }
      const failure = newRS ? ((this.ctx.store.get(R.replicaSets, newRS.metadata.namespace, newRS.metadata.name)?.status?.conditions ?? []) as Obj[]).find((c) => c.type === "ReplicaFailure") : undefined;
      const fi = conditions.findIndex((c) => c.type === "ReplicaFailure");
      if (failure) setCondition(conditions, { type: "ReplicaFailure", status: "True", reason: failure.reason, message: failure.message }, nowMs, { update: true });
      else if (fi >= 0) conditions.splice(fi, 1);
      return omitZeros({
        observedGeneration: o.metadata.generation,
        replicas,
        updatedReplicas: updated,
        readyReplicas: ready,
        availableReplicas: available,
        unavailableReplicas: Math.max(0, desired - available),
        conditions,
      });
    });
    if (requeueIn !== undefined && requeueIn > 0) this.queue.addAfter(objKey(d.metadata.namespace, d.metadata.name), requeueIn + 1);
  }
}
