/**
 * What each object counts against a ResourceQuota (the kube-apiserver quota evaluators' rules),
 * and a per-namespace running total kept up to date from store events, so admission and the quota
 * controller never rescan a namespace.
 */

import { getOrInsert } from "./maps.ts";
import { toAmounts } from "./quantity.ts";
import { R, type ResourceType } from "./resources.ts";
import type { Obj, Store, StoreEvent } from "./store.ts";
import { isExtendedResource } from "./validation.ts";

export type Usage = Map<string, number>;

/** Keeps sums exact at millicore / byte precision despite floating point. */
export function norm(x: number): number {
  return Math.abs(x) < 1e12 ? Math.round(x * 1000) / 1000 : Math.round(x);
}

function add(u: Usage, k: string, v: number) {
  u.set(k, norm((u.get(k) ?? 0) + v));
}

/** Effective pod requests/limits: sum of containers, at least the largest init container. */
export function podResources(spec: Obj | undefined): { requests: Usage; limits: Usage } {
  const requests: Usage = new Map();
  const limits: Usage = new Map();
  for (const c of (spec?.containers ?? []) as Obj[]) {
    for (const [k, v] of toAmounts(c.resources?.requests)) add(requests, k, v);
    for (const [k, v] of toAmounts(c.resources?.limits)) add(limits, k, v);
  }
  for (const c of (spec?.initContainers ?? []) as Obj[]) {
    for (const [k, v] of toAmounts(c.resources?.requests)) if ((requests.get(k) ?? 0) < v) requests.set(k, v);
    for (const [k, v] of toAmounts(c.resources?.limits)) if ((limits.get(k) ?? 0) < v) limits.set(k, v);
  }
  for (const [k, v] of toAmounts(spec?.overhead)) {
    add(requests, k, v);
    if (limits.has(k)) add(limits, k, v);
  }
  return { requests, limits };
}

export function isTerminalPod(pod: Obj): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

function podUsage(pod: Obj): Usage {
  const u: Usage = new Map();
  if (isTerminalPod(pod)) return u;
  u.set("pods", 1);
  u.set("count/pods", 1);
  const { requests, limits } = podResources(pod.spec);
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    const req = requests.get(r);
    if (req !== undefined) {
      u.set(r, req);
      u.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim !== undefined) u.set(`limits.${r}`, lim);
  }
  for (const [r, v] of requests) {
    if (r.startsWith("hugepages-")) {
      u.set(r, v);
      u.set(`requests.${r}`, v);
    }
    // Extended resources (nvidia.com/gpu, nvidia.com/mig-1g.10gb…): only the requests. form is
    // tracked, as in Kubernetes. A quota on limits.nvidia.com/gpu is accepted but never enforced.
    if (isExtendedResource(r)) u.set(`requests.${r}`, v);
  }
  return u;
}

function countKey(rt: ResourceType): string {
  return rt.group ? `count/${rt.resource}.${rt.group}` : `count/${rt.resource}`;
}

/** Usage an object contributes in its namespace. */
export function usageOf(rt: ResourceType, o: Obj): Usage {
  if (rt.key === R.pods.key) return podUsage(o);
  const u: Usage = new Map([[countKey(rt), 1]]);
  switch (rt.key) {
    case R.services.key:
      u.set("services", 1);
      if (o.spec?.type === "LoadBalancer") u.set("services.loadbalancers", 1);
      if (o.spec?.type === "NodePort" || o.spec?.type === "LoadBalancer")
        u.set("services.nodeports", (o.spec?.ports ?? []).length);
      break;
    case R.pvcs.key: {
      u.set("persistentvolumeclaims", 1);
      const storage = toAmounts(o.spec?.resources?.requests).get("storage") ?? 0;
      u.set("requests.storage", storage);
      if (o.spec?.storageClassName) {
        u.set(`${o.spec.storageClassName}.storageclass.storage.k8s.io/requests.storage`, storage);
        u.set(`${o.spec.storageClassName}.storageclass.storage.k8s.io/persistentvolumeclaims`, 1);
      }
      break;
    }
    case R.configMaps.key:
      u.set("configmaps", 1);
      break;
    case R.secrets.key:
      u.set("secrets", 1);
      break;
    case R.quotas.key:
      u.set("resourcequotas", 1);
      break;
  }
  return u;
}

/** Running per-namespace totals. */
export class UsageTracker {
  private readonly totals = new Map<string, Usage>();
  private readonly listeners = new Set<(namespace: string) => void>();
  private readonly unsubscribe: () => void;

  constructor(store: Store) {
    this.unsubscribe = store.subscribe((ev) => this.onEvent(ev));
  }

  close() {
    this.unsubscribe();
  }

  /** Called after a namespace's totals changed. */
  onChange(fn: (namespace: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  used(namespace: string): Usage {
    return this.totals.get(namespace) ?? new Map();
  }

  private onEvent(ev: StoreEvent) {
    if (!ev.rt.namespaced || ev.rt.key === R.events.key) return;
    const ns = ev.object.metadata?.namespace as string;
    const t = getOrInsert(this.totals, ns, () => new Map());
    let changed = false;
    if (ev.oldObject) {
      for (const [k, v] of usageOf(ev.rt, ev.oldObject)) {
        t.set(k, norm((t.get(k) ?? 0) - v));
        changed = true;
      }
    }
    if (ev.type !== "DELETED") {
      for (const [k, v] of usageOf(ev.rt, ev.object)) {
        t.set(k, norm((t.get(k) ?? 0) + v));
        changed = true;
      }
    }
    if (changed) for (const fn of this.listeners) fn(ns);
  }
}
