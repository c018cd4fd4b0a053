/** What the simulated control plane's components share. */
import type { ApiServer } from "./apiserver.ts";
import type { Clock } from "./clock.ts";
import { rfc3339 } from "./clock.ts";
import type { EventRecorder } from "./events.ts";
import type { FaultInjector } from "./faults.ts";
import type { Ipam } from "./ipam.ts";
import type { UsageTracker } from "./quota-usage.ts";
import type { ResourceType } from "./resources.ts";
import type { Obj, Store } from "./store.ts";

export interface Delays {
  /** Image pull time (per image and node; a cached IfNotPresent image is not pulled again). */
  imagePullMs: number;
  /** Container start to readiness. */
  startMs: number;
  /** How long a deleted pod takes to stop (capped by its grace period). */
  terminateMs: number;
  /** PersistentVolumeClaim provisioning and binding. */
  bindPvcMs: number;
  /** LoadBalancer Service / Ingress address assignment. */
  loadBalancerMs: number;
}

export const DEFAULT_DELAYS: Delays = {
  imagePullMs: 2000,
  startMs: 1000,
  terminateMs: 500,
  bindPvcMs: 200,
  loadBalancerMs: 500,
};

export interface SimContext {
  api: ApiServer;
  store: Store;
  clock: Clock;
  recorder: EventRecorder;
  faults: FaultInjector;
  ipam: Ipam;
  usage: UsageTracker;
  delays: Delays;
  onError(component: string, key: string, err: unknown): void;
}

export function objKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return [key.slice(0, i), key.slice(i + 1)];
}

export function ownerRefTo(rt: ResourceType, owner: Obj, controller = true): Obj {
  return {
    apiVersion: rt.apiVersion,
    kind: rt.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  };
}

export function controllerRef(o: Obj): Obj | undefined {
  return ((o.metadata?.ownerReferences ?? []) as Obj[]).find((r) => r.controller === true);
}

export function isPodReady(pod: Obj): boolean {
  return ((pod.status?.conditions ?? []) as Obj[]).some((c) => c.type === "Ready" && c.status === "True");
}

export function isPodActive(pod: Obj): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";
}

/**
 * Sets a condition in place; returns true if anything changed. Keeps lastTransitionTime when the
 * status is unchanged.
 */
export function setCondition(
  list: Obj[],
  cond: Obj,
  nowMs: number,
  opts: { probe?: boolean; update?: boolean } = {},
): boolean {
  const now = rfc3339(nowMs);
  const i = list.findIndex((c) => c.type === cond.type);
  const prev = i >= 0 ? list[i]! : undefined;
  const next: Obj = { ...cond };
  next.lastTransitionTime = prev && prev.status === cond.status ? prev.lastTransitionTime : now;
  if (opts.update)
    next.lastUpdateTime =
      prev && prev.status === cond.status && prev.reason === cond.reason && prev.message === cond.message
        ? (prev.lastUpdateTime ?? now)
        : now;
  if (opts.probe) next.lastProbeTime = null;
  if (prev && sameCondition(prev, next)) return false;
  if (i >= 0) list[i] = next;
  else list.push(next);
  return true;
}

function sameCondition(a: Obj, b: Obj): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}
