/** The Deployment status conditions: Available, Progressing (with its deadline) and ReplicaFailure. */

import { rfc3339 } from "../clock.ts";
import { setCondition } from "../context.ts";
import type { Obj } from "../store.ts";
import { copyConditions, omitZeros, removeCondition } from "./controller.ts";
import type { RolloutPlan } from "./deployment-plan.ts";

/** The ReplicaSets' counters the Deployment's status sums up. */
export interface Rollup {
  replicas: number;
  ready: number;
  available: number;
  /** Pods of the new ReplicaSet. */
  updated: number;
  newAvailable: number;
  newFailure?: Obj;
}

const AVAILABLE = {
  type: "Available",
  status: "True",
  reason: "MinimumReplicasAvailable",
  message: "Deployment has minimum availability.",
};
const UNAVAILABLE = {
  type: "Available",
  status: "False",
  reason: "MinimumReplicasUnavailable",
  message: "Deployment does not have minimum availability.",
};

/** What a status update needs besides the live Deployment. */
export interface StatusInputs {
  counts: Rollup;
  plan: RolloutPlan;
  /** The new ReplicaSet was created by this reconcile. */
  created: boolean;
  rsName: string;
  deadlineMs: number;
  nowMs: number;
}

interface Progress {
  complete: boolean;
  created: boolean;
  /** Any counter or the generation moved since the last status. */
  progressed: boolean;
  rsName: string;
  deadlineMs: number;
  nowMs: number;
}

function hasProgressed(prev: Obj, counts: Rollup, generation: number, created: boolean): boolean {
  return (
    created ||
    (prev.updatedReplicas ?? 0) !== counts.updated ||
    (prev.readyReplicas ?? 0) !== counts.ready ||
    (prev.availableReplicas ?? 0) !== counts.available ||
    (prev.replicas ?? 0) !== counts.replicas ||
    prev.observedGeneration !== generation
  );
}

const lastProgressMs = (c: Obj): number => Date.parse(c.lastUpdateTime ?? c.lastTransitionTime);

/** Progressing reasons the deadline no longer applies to. */
const SETTLED = ["ProgressDeadlineExceeded", "NewReplicaSetAvailable"];

/** Sets the Progressing condition; returns in how long the progress deadline needs a look. */
function updateProgressing(conditions: Obj[], p: Progress): number | undefined {
  const set = (status: string, reason: string, message: string) =>
    setCondition(conditions, { type: "Progressing", status, reason, message }, p.nowMs, { update: true });
  const rs = `ReplicaSet "${p.rsName}"`;
  const progressing = conditions.find((c) => c.type === "Progressing");
  let requeueIn: number | undefined;
  if (p.complete) set("True", "NewReplicaSetAvailable", `${rs} has successfully progressed.`);
  else if (p.created) set("True", "NewReplicaSetCreated", `Created new replica set "${p.rsName}"`);
  else if (p.progressed || !progressing) {
    set("True", "ReplicaSetUpdated", `${rs} is progressing.`);
    const i = conditions.findIndex((x) => x.type === "Progressing");
    conditions[i] = { ...conditions[i], lastUpdateTime: rfc3339(p.nowMs) };
  } else if (!SETTLED.includes(progressing.reason)) {
    const deadline = lastProgressMs(progressing) + p.deadlineMs;
    if (deadline <= p.nowMs) set("False", "ProgressDeadlineExceeded", `${rs} has timed out progressing.`);
    else requeueIn = deadline - p.nowMs;
  }
  if (p.complete || requeueIn !== undefined) return requeueIn;
  const c = conditions.find((x) => x.type === "Progressing");
  return c?.status === "True" ? lastProgressMs(c) + p.deadlineMs - p.nowMs : undefined;
}

/** Mirrors the new ReplicaSet's ReplicaFailure condition. */
function mirrorReplicaFailure(conditions: Obj[], failure: Obj | undefined, nowMs: number) {
  if (!failure) return removeCondition(conditions, "ReplicaFailure");
  const cond = { type: "ReplicaFailure", status: "True", reason: failure.reason, message: failure.message };
  setCondition(conditions, cond, nowMs, { update: true });
}

function isComplete(counts: Rollup, desired: number): boolean {
  return (
    counts.updated === desired &&
    counts.replicas === desired &&
    counts.available === desired &&
    counts.newAvailable === desired
  );
}

/** The Deployment's next status, and in how long the progress deadline needs a look (if at all). */
export function nextStatus(o: Obj, x: StatusInputs): { status: Obj; requeueIn?: number } {
  const { counts, plan, nowMs } = x;
  const conditions = copyConditions(o);
  const isAvailable = counts.available >= plan.desired - plan.maxUnavailable;
  setCondition(conditions, isAvailable ? AVAILABLE : UNAVAILABLE, nowMs, { update: true });
  const requeueIn = updateProgressing(conditions, {
    complete: isComplete(counts, plan.desired),
    created: x.created,
    progressed: hasProgressed((o.status ?? {}) as Obj, counts, o.metadata.generation, x.created),
    rsName: x.rsName,
    deadlineMs: x.deadlineMs,
    nowMs,
  });
  mirrorReplicaFailure(conditions, counts.newFailure, nowMs);
  const status = omitZeros({
    observedGeneration: o.metadata.generation,
    replicas: counts.replicas,
    updatedReplicas: counts.updated,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    unavailableReplicas: Math.max(0, plan.desired - counts.available),
    conditions,
  });
  return { status, requeueIn };
}
