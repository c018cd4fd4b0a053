/**
 * Deployment controller: one ReplicaSet per pod template (pod-template-hash), rolling updates
 * bounded by maxSurge/maxUnavailable (or Recreate), revision history, and the status and
 * conditions (Available, Progressing with its deadline, ReplicaFailure) clients wait on.
 */

import { splitKey } from "../context.ts";
import { R } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import {
  ComponentEvents,
  Controller,
  controlledBy,
  createIfAbsent,
  deleteIfPresent,
  keyOf,
  queueController,
} from "./controller.ts";
import {
  availableReplicas,
  DESIRED_REPLICAS,
  HASH_LABEL,
  initialReplicas,
  nextRevision,
  type RolloutPlan,
  replicaSetFor,
  rolloutPlan,
  specReplicas,
  total,
} from "./deployment-plan.ts";
import { nextStatus, type Rollup, type StatusInputs } from "./deployment-status.ts";

/** A shallow working copy: reconcile adjusts spec.replicas on it as it scales. */
function workingCopy(rs: Obj): Obj {
  return { ...rs, spec: { ...rs.spec } };
}

function byCreation(a: Obj, b: Obj): number {
  const age = String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp));
  return age || (a.metadata.name < b.metadata.name ? -1 : 1);
}

export class DeploymentController extends Controller {
  private readonly queue = this.workQueue("deployment", (key) => this.reconcile(key));
  private readonly events = new ComponentEvents(this.ctx.recorder, R.deployments, "deployment-controller");

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.deployments.key) {
      if (ev.type !== "DELETED") this.queue.add(keyOf(ev.object));
    } else if (ev.rt.key === R.replicaSets.key) {
      queueController(this.queue, ev.object, "Deployment");
    }
  }

  /** Working copies of the Deployment's ReplicaSets, oldest first. */
  private ownedReplicaSets(d: Obj): Obj[] {
    return controlledBy(this.ctx.store, R.replicaSets, d).map(workingCopy).sort(byCreation);
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const d = this.ctx.store.get(R.deployments, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const plan = rolloutPlan(d);
    const all = this.ownedReplicaSets(d);
    let newRS = all.find((rs) => rs.metadata.labels?.[HASH_LABEL] === plan.hash);
    const old = all.filter((rs) => rs !== newRS);
    let created = false;
    if (!newRS && !d.spec?.paused) ({ rs: newRS, created } = this.createReplicaSet(d, plan, all));
    if (newRS && !d.spec?.paused) {
      if (plan.strategy === "Recreate") this.recreate(d, plan, newRS, old);
      else this.rollingUpdate(d, plan, newRS, all, old);
      this.pruneHistory(d, old);
    }
    this.updateStatus(d, newRS, created, plan);
  }

  /** The ReplicaSet of the current template, or the one a concurrent create left behind. */
  private createReplicaSet(d: Obj, plan: RolloutPlan, all: Obj[]): { rs?: Obj; created: boolean } {
    const initial = initialReplicas(plan, all);
    const body = replicaSetFor(d, plan, nextRevision(all), initial);
    const rs = createIfAbsent(this.ctx.api, R.replicaSets, d.metadata.namespace, body);
    if (!rs) {
      const existing = this.ctx.store.get(R.replicaSets, d.metadata.namespace, body.metadata.name);
      return { rs: existing && workingCopy(existing), created: false };
    }
    const message = `Scaled up replica set ${String(rs.metadata.name)} from 0 to ${initial}`;
    this.events.normal(d, "ScalingReplicaSet", message);
    return { rs: workingCopy(rs), created: true };
  }

  private scale(rs: Obj, replicas: number, d: Obj) {
    const from = rs.spec?.replicas ?? 0;
    if (from === replicas) return;
    this.ctx.api.internalUpdate(R.replicaSets, rs.metadata.namespace, rs.metadata.name, (o) => {
      o.spec.replicas = replicas;
      const desired = String(d.spec.replicas ?? 1);
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DESIRED_REPLICAS]: desired };
    });
    rs.spec = { ...rs.spec, replicas };
    const verb = replicas > from ? "up" : "down";
    const message = `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${replicas}`;
    this.events.normal(d, "ScalingReplicaSet", message);
  }

  /** Recreate: the new ReplicaSet scales up only once every old pod is gone. */
  private recreate(d: Obj, plan: RolloutPlan, newRS: Obj, old: Obj[]) {
    for (const rs of old) this.scale(rs, 0, d);
    if (total(old, (rs) => rs.status?.replicas ?? 0) === 0) this.scale(newRS, plan.desired, d);
  }

  private rollingUpdate(d: Obj, plan: RolloutPlan, newRS: Obj, all: Obj[], old: Obj[]) {
    this.surgeNew(d, plan, newRS, all);
    const minAvailable = plan.desired - plan.maxUnavailable;
    this.scaleDownUnhealthy(d, newRS, all, old, minAvailable);
    this.scaleDownAvailable(d, all, old, minAvailable);
  }

  /** Scales the new ReplicaSet towards the desired count within maxSurge. */
  private surgeNew(d: Obj, plan: RolloutPlan, newRS: Obj, all: Obj[]) {
    const newReplicas = specReplicas(newRS);
    if (newReplicas > plan.desired) return this.scale(newRS, plan.desired, d);
    if (newReplicas === plan.desired) return;
    const specTotal = total(all, (rs) => (rs === newRS ? 0 : specReplicas(rs))) + newReplicas;
    const room = plan.desired + plan.maxSurge - specTotal;
    if (room > 0) this.scale(newRS, newReplicas + Math.min(room, plan.desired - newReplicas), d);
  }

  /** First removes old pods that are not available anyway, without going under minAvailable. */
  private scaleDownUnhealthy(d: Obj, newRS: Obj, all: Obj[], old: Obj[], minAvailable: number) {
    const newUnavailable = Math.max(0, specReplicas(newRS) - availableReplicas(newRS));
    let budget = total(all, specReplicas) - minAvailable - newUnavailable;
    for (const rs of old) {
      if (budget <= 0) break;
      const n = Math.min(budget, Math.max(0, specReplicas(rs) - availableReplicas(rs)));
      if (n > 0) {
        this.scale(rs, specReplicas(rs) - n, d);
        budget -= n;
      }
    }
  }

  /** Then scales old ReplicaSets down by what availability above minAvailable allows. */
  private scaleDownAvailable(d: Obj, all: Obj[], old: Obj[], minAvailable: number) {
    let budget = total(all, availableReplicas) - minAvailable;
    for (const rs of old) {
      if (budget <= 0) break;
      const n = Math.min(specReplicas(rs), budget);
      if (n > 0) {
        this.scale(rs, specReplicas(rs) - n, d);
        budget -= n;
      }
    }
  }

  /** Deletes scaled-down ReplicaSets beyond revisionHistoryLimit, oldest first. */
  private pruneHistory(d: Obj, old: Obj[]) {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const idle = old.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0);
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      deleteIfPresent(this.ctx.api, R.replicaSets, d.metadata.namespace, rs.metadata.name);
    }
  }

  private rollup(d: Obj, newRS: Obj | undefined): Rollup {
    const all = this.ownedReplicaSets(d);
    const fresh = newRS && this.ctx.store.get(R.replicaSets, newRS.metadata.namespace, newRS.metadata.name);
    return {
      replicas: total(all, (rs) => rs.status?.replicas ?? 0),
      ready: total(all, (rs) => rs.status?.readyReplicas ?? 0),
      available: total(all, availableReplicas),
      updated: fresh?.status?.replicas ?? 0,
      newAvailable: fresh?.status?.availableReplicas ?? 0,
      newFailure: ((fresh?.status?.conditions ?? []) as Obj[]).find((c) => c.type === "ReplicaFailure"),
    };
  }

  private updateStatus(d: Obj, newRS: Obj | undefined, created: boolean, plan: RolloutPlan) {
    const inputs: StatusInputs = {
      counts: this.rollup(d, newRS),
      plan,
      created,
      rsName: newRS?.metadata.name ?? "",
      deadlineMs: (d.spec?.progressDeadlineSeconds ?? 600) * 1000,
      nowMs: this.ctx.clock.now(),
    };
    let requeueIn: number | undefined;
    this.ctx.api.setStatus(R.deployments, d.metadata.namespace, d.metadata.name, (o) => {
      const next = nextStatus(o, inputs);
      requeueIn = next.requeueIn;
      return next.status;
    });
    if (requeueIn !== undefined && requeueIn > 0) this.queue.addAfter(keyOf(d), requeueIn + 1);
  }
}
