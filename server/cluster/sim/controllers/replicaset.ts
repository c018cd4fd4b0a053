/**
 * ReplicaSet controller: keeps spec.replicas pods (created through admission, so quota applies),
 * reports FailedCreate as an event and a ReplicaFailure condition, deletes surplus pods the way
 * kube-controller-manager ranks them, and maintains status.
 */

import { isPodActive, isPodReady, setCondition, splitKey } from "../context.ts";
import { R } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import {
  ComponentEvents,
  Controller,
  controlledBy,
  copyConditions,
  deleteIfPresent,
  expectApiError,
  keyOf,
  omitZeros,
  podFromTemplate,
  queueController,
  removeCondition,
} from "./controller.ts";

/** Pods created per reconcile at the most, as kube-controller-manager's burst. */
const MAX_CREATES = 500;

/** Which pods go first when scaling down (kube-controller-manager's ActivePods ranking). */
function deletionRank(a: Obj, b: Obj): number {
  const assigned = (p: Obj) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Obj) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Obj) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: Obj) =>
    ((p.status?.containerStatuses ?? []) as Obj[]).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
}

interface PodCounts {
  fullyLabeled: number;
  ready: number;
  /** Ready for at least minReadySeconds. */
  available: number;
  /** When the next ready pod becomes available, if one is waiting. */
  nextCheckMs?: number;
}

function countPods(rs: Obj, pods: Obj[], nowMs: number): PodCounts {
  const minReadyMs = (rs.spec?.minReadySeconds ?? 0) * 1000;
  const labels = rs.spec?.template?.metadata?.labels ?? rs.spec?.selector?.matchLabels ?? {};
  const counts: PodCounts = { fullyLabeled: 0, ready: 0, available: 0 };
  for (const p of pods) {
    if (Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v)) counts.fullyLabeled++;
    if (!isPodReady(p)) continue;
    counts.ready++;
    const readyCondition = ((p.status.conditions ?? []) as Obj[]).find((c) => c.type === "Ready");
    const since = Date.parse(readyCondition?.lastTransitionTime ?? "");
    if (minReadyMs === 0 || since + minReadyMs <= nowMs) counts.available++;
    else counts.nextCheckMs = Math.min(counts.nextCheckMs ?? Infinity, since + minReadyMs - nowMs);
  }
  return counts;
}

export class ReplicaSetController extends Controller {
  private readonly queue = this.workQueue("replicaset", (key) => this.reconcile(key));
  private readonly blocked = this.quotaBlocked(this.queue);
  private readonly events = new ComponentEvents(this.ctx.recorder, R.replicaSets, "replicaset-controller");

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.replicaSets.key) {
      if (ev.type !== "DELETED") this.queue.add(keyOf(ev.object));
      return;
    }
    if (ev.rt.key === R.pods.key) queueController(this.queue, ev.object, "ReplicaSet");
    if (ev.rt.key === R.quotas.key) this.blocked.release(ev.object.metadata.namespace);
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const rs = this.ctx.store.get(R.replicaSets, ns, name);
    if (!rs) return;
    let failure: string | undefined;
    if (!rs.metadata.deletionTimestamp) {
      const active = controlledBy(this.ctx.store, R.pods, rs).filter(isPodActive);
      const diff = (rs.spec?.replicas ?? 1) - active.length;
      if (diff > 0) failure = this.createPods(rs, Math.min(diff, MAX_CREATES));
      else if (diff < 0) this.deletePods(rs, [...active].sort(deletionRank).slice(0, -diff));
      this.blocked.settle(ns, key, failure !== undefined);
    }
    this.updateStatus(rs, failure);
  }

  /** Creates `count` pods; stops at the first refusal and returns its message. */
  private createPods(rs: Obj, count: number): string | undefined {
    for (let i = 0; i < count; i++) {
      const pod = podFromTemplate(rs.spec.template, rs, R.replicaSets);
      try {
        const created = this.ctx.api.create(R.pods, rs.metadata.namespace, pod, { internal: true });
        this.events.normal(rs, "SuccessfulCreate", `Created pod: ${String(created.metadata.name)}`);
      } catch (e) {
        const { message } = expectApiError(e);
        this.events.warning(rs, "FailedCreate", `Error creating: ${message}`);
        return message;
      }
    }
    return undefined;
  }

  private deletePods(rs: Obj, victims: Obj[]) {
    for (const p of victims) {
      if (deleteIfPresent(this.ctx.api, R.pods, p.metadata.namespace, p.metadata.name)) {
        this.events.normal(rs, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
      }
    }
  }

  private updateStatus(rs: Obj, failure: string | undefined) {
    const nowMs = this.ctx.clock.now();
    const pods = controlledBy(this.ctx.store, R.pods, rs).filter(isPodActive);
    const counts = countPods(rs, pods, nowMs);
    if (counts.nextCheckMs !== undefined) this.queue.addAfter(keyOf(rs), counts.nextCheckMs + 1);
    this.ctx.api.setStatus(R.replicaSets, rs.metadata.namespace, rs.metadata.name, (o) => {
      const conditions = copyConditions(o);
      const replicaFailure = { type: "ReplicaFailure", status: "True", reason: "FailedCreate" };
      if (failure) setCondition(conditions, { ...replicaFailure, message: failure }, nowMs);
      else removeCondition(conditions, "ReplicaFailure");
      const status = {
        replicas: pods.length,
        fullyLabeledReplicas: counts.fullyLabeled,
        readyReplicas: counts.ready,
        availableReplicas: counts.available,
        observedGeneration: o.metadata.generation,
        ...(conditions.length ? { conditions } : {}),
      };
      return omitZeros(status, ["replicas"]);
    });
  }
}
