/**
 * What a Deployment's spec asks of a rollout, and the ReplicaSet it wants for its current pod
 * template (named and labelled by pod-template-hash).
 */

import { ownerRefTo } from "../context.ts";
import { safeHash, stableStringify } from "../json.ts";
import { R } from "../resources.ts";
import type { Obj } from "../store.ts";

export const HASH_LABEL = "pod-template-hash";
const REVISION = "deployment.kubernetes.io/revision";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";

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
function templateHash(template: Obj): string {
  const cached = hashCache.get(template);
  if (cached) return cached;
  const h = computeTemplateHash(template);
  if (Object.isFrozen(template)) hashCache.set(template, h);
  return h;
}

function computeTemplateHash(template: Obj): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  return safeHash(stableStringify(t));
}

export function total(list: Obj[], count: (rs: Obj) => number): number {
  return list.reduce((n, rs) => n + count(rs), 0);
}

export const specReplicas = (rs: Obj): number => rs.spec?.replicas ?? 0;
export const availableReplicas = (rs: Obj): number => rs.status?.availableReplicas ?? 0;

/** What the Deployment's spec asks of this rollout. */
export interface RolloutPlan {
  desired: number;
  hash: string;
  strategy: string;
  maxSurge: number;
  maxUnavailable: number;
}

export function rolloutPlan(d: Obj): RolloutPlan {
  const desired = d.spec?.replicas ?? 1;
  const strategy = d.spec?.strategy?.type ?? "RollingUpdate";
  const rolling = strategy === "RollingUpdate";
  const bounds = d.spec?.strategy?.rollingUpdate;
  const maxSurge = rolling ? resolveIntOrPercent(bounds?.maxSurge ?? "25%", desired, true) : 0;
  let maxUnavailable = desired;
  if (rolling) maxUnavailable = resolveIntOrPercent(bounds?.maxUnavailable ?? "25%", desired, false);
  // Both zero could never make progress; Kubernetes then allows one unavailable pod.
  if (rolling && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { desired, hash: templateHash(d.spec.template), strategy, maxSurge, maxUnavailable };
}

/** Replicas a new ReplicaSet starts with: all at first, else what maxSurge leaves room for. */
export function initialReplicas(plan: RolloutPlan, existing: Obj[]): number {
  if (existing.length === 0) return plan.desired;
  if (plan.strategy === "Recreate") return 0;
  const room = plan.desired + plan.maxSurge - total(existing, specReplicas);
  return Math.max(0, Math.min(plan.desired, room));
}

export function nextRevision(existing: Obj[]): number {
  const revisions = existing.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0));
  return (revisions.length ? Math.max(...revisions) : 0) + 1;
}

export function replicaSetFor(d: Obj, plan: RolloutPlan, revision: number, replicas: number): Obj {
  const { hash, desired } = plan;
  const template = structuredClone(d.spec.template);
  template.metadata = {
    ...(template.metadata ?? {}),
    labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
  };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  return {
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(d.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      annotations: {
        [DESIRED_REPLICAS]: String(desired),
        "deployment.kubernetes.io/max-replicas": String(desired + plan.maxSurge),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerRefTo(R.deployments, d)],
    },
    spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
}
