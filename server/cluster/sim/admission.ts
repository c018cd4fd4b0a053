/**
 * The admission plugins a pod-creating driver meets on a real cluster, in kube-apiserver's order:
 * NamespaceLifecycle, LimitRanger, ServiceAccount, Priority, DefaultTolerationSeconds,
 * RuntimeClass, (optionally) ExtendedResourceToleration, and ResourceQuota last, each with the
 * real rejection messages.
 */

import { formatQuantity, parseQuantity, toAmounts } from "./quantity.ts";
import { podResources, type Usage, type UsageTracker, usageOf } from "./quota-usage.ts";
import { R, type ResourceType } from "./resources.ts";
import { errors } from "./status.ts";
import type { Obj, Store } from "./store.ts";
import { isExtendedResource } from "./validation.ts";

interface AdmissionOptions {
  /** Adds a toleration for each extended resource a pod requests (GKE does this). Default false. */
  extendedResourceToleration: boolean;
  /** storageClassName given to claims that name none (DefaultStorageClass). */
  defaultStorageClass?: string;
}

type Operation = "CREATE" | "UPDATE";

export class Admission {
  constructor(
    private readonly store: Store,
    private readonly usage: UsageTracker,
    private readonly options: AdmissionOptions,
  ) {}

  /** Mutating plugins. */
  mutate(rt: ResourceType, o: Obj, op: Operation) {
    if (op !== "CREATE") return;
    if (rt.key === R.pods.key) {
      this.limitRangerDefaults(o);
      const spec = o.spec;
      spec.serviceAccountName ??= spec.serviceAccount ?? "default";
      spec.serviceAccount = spec.serviceAccountName;
      if (spec.priority === undefined) spec.priority = 0;
      spec.preemptionPolicy ??= "PreemptLowerPriority";
      spec.tolerations ??= [];
      const tolerations = spec.tolerations as Obj[];
      for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
        const has = tolerations.some(
          (t) => (t.key === key || (t.operator === "Exists" && !t.key)) && (!t.effect || t.effect === "NoExecute"),
        );
        if (!has) tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
      }
      if (this.options.extendedResourceToleration) {
        const { requests } = podResources(spec);
        for (const r of [...requests.keys()].filter(isExtendedResource).sort()) {
          if (!tolerations.some((t) => t.key === r))
            tolerations.push({ key: r, operator: "Exists", effect: "NoSchedule" });
        }
      }
      if (spec.runtimeClassName) this.runtimeClass(o);
    }
    if (rt.key === R.pvcs.key) {
      if (o.spec && o.spec.storageClassName === undefined && this.options.defaultStorageClass)
        o.spec.storageClassName = this.options.defaultStorageClass;
      // StorageObjectInUseProtection.
      const fin = (o.metadata.finalizers ?? []) as string[];
      if (!fin.includes("kubernetes.io/pvc-protection"))
        o.metadata.finalizers = [...fin, "kubernetes.io/pvc-protection"];
    }
  }

  /** Validating plugins; throws the real Forbidden / NotFound errors. */
  validate(rt: ResourceType, o: Obj, op: Operation, old?: Obj) {
    const name = o.metadata?.name ?? "";
    if (rt.namespaced && op === "CREATE") {
      const ns = this.store.get(R.namespaces, "", o.metadata.namespace);
      if (!ns) throw errors.notFound(R.namespaces, o.metadata.namespace);
      if (ns.metadata.deletionTimestamp || ns.status?.phase === "Terminating") {
        const err = errors.forbidden(
          rt,
          name,
          `unable to create new content in namespace ${o.metadata.namespace} because it is being terminated`,
        );
        err.status.details!.causes = [
          {
            reason: "NamespaceTerminating",
            message: `namespace ${o.metadata.namespace} is being terminated`,
            field: "metadata.namespace",
          },
        ];
        throw err;
      }
    }
    if (rt.key === R.pods.key && op === "CREATE") {
      this.limitRangerValidate(rt, o);
      const sa = o.spec.serviceAccountName;
      if (!this.store.get(R.serviceAccounts, o.metadata.namespace, sa)) {
        throw errors.forbidden(
          rt,
          name,
          `error looking up service account ${o.metadata.namespace}/${sa}: serviceaccount "${sa}" not found`,
        );
      }
      const pc = o.spec.priorityClassName;
      if (pc && pc !== "system-cluster-critical" && pc !== "system-node-critical") {
        throw errors.forbidden(rt, name, `no PriorityClass with name ${pc} was found`);
      }
    }
    this.quota(rt, o, op, old);
  }

  // -------------------------------------------------------------------------------------------

  private runtimeClass(pod: Obj) {
    const rcName = pod.spec.runtimeClassName as string;
    const rc = this.store.get(R.runtimeClasses, "", rcName);
    if (!rc)
      throw errors.forbidden(R.pods, pod.metadata.name ?? "", `pod rejected: RuntimeClass "${rcName}" not found`);
    if (rc.overhead?.podFixed) pod.spec.overhead = { ...rc.overhead.podFixed };
    const sched = rc.scheduling as Obj | undefined;
    if (sched?.nodeSelector) {
      pod.spec.nodeSelector ??= {};
      const ns = pod.spec.nodeSelector as Obj;
      for (const [k, v] of Object.entries(sched.nodeSelector as Obj)) {
        if (ns[k] !== undefined && ns[k] !== v) {
          throw errors.forbidden(
            R.pods,
            pod.metadata.name ?? "",
            `pod rejected: conflict: runtimeClass.scheduling.nodeSelector["${k}"] = ${String(v)}; ` +
              `pod.spec.nodeSelector["${k}"] = ${String(ns[k])}`,
          );
        }
        ns[k] = v;
      }
    }
    for (const t of (sched?.tolerations ?? []) as Obj[]) {
      pod.spec.tolerations ??= [];
      const list = pod.spec.tolerations as Obj[];
      if (!list.some((x) => JSON.stringify(x) === JSON.stringify(t))) list.push({ ...t });
    }
  }

  private limitRanges(namespace: string): Obj[] {
    return this.store.list(R.limitRanges, namespace);
  }

  private limitRangerDefaults(pod: Obj) {
    for (const lr of this.limitRanges(pod.metadata.namespace)) {
      for (const item of (lr.spec?.limits ?? []) as Obj[]) {
        if (item.type !== "Container") continue;
        for (const c of [...((pod.spec.containers ?? []) as Obj[]), ...((pod.spec.initContainers ?? []) as Obj[])]) {
          c.resources ??= {};
          for (const [r, v] of Object.entries((item.default ?? {}) as Obj)) {
            c.resources.limits ??= {};
            if (c.resources.limits[r] === undefined) c.resources.limits[r] = v;
          }
          for (const [r, v] of Object.entries((item.defaultRequest ?? {}) as Obj)) {
            c.resources.requests ??= {};
            if (c.resources.requests[r] === undefined) c.resources.requests[r] = v;
          }
        }
      }
    }
  }

  private limitRangerValidate(rt: ResourceType, pod: Obj) {
    const problems: string[] = [];
    for (const lr of this.limitRanges(pod.metadata.namespace)) {
      for (const item of (lr.spec?.limits ?? []) as Obj[]) {
        const check = (scope: string, requests: Map<string, number>, limits: Map<string, number>) => {
          for (const [r, q] of Object.entries((item.max ?? {}) as Obj)) {
            const max = parseQuantity(q);
            const lim = limits.get(r);
            if (lim === undefined)
              problems.push(`maximum ${r} usage per ${scope} is ${String(q)}.  No limit is specified`);
            else if (lim > max)
              problems.push(`maximum ${r} usage per ${scope} is ${String(q)}, but limit is ${formatQuantity(lim, r)}`);
          }
          for (const [r, q] of Object.entries((item.min ?? {}) as Obj)) {
            const min = parseQuantity(q);
            const req = requests.get(r);
            if (req === undefined)
              problems.push(`minimum ${r} usage per ${scope} is ${String(q)}.  No request is specified`);
            else if (req < min)
              problems.push(
                `minimum ${r} usage per ${scope} is ${String(q)}, but request is ${formatQuantity(req, r)}`,
              );
          }
        };
        if (item.type === "Container") {
          for (const c of (pod.spec.containers ?? []) as Obj[]) {
            check("Container", toAmounts(c.resources?.requests), toAmounts(c.resources?.limits));
          }
        } else if (item.type === "Pod") {
          const { requests, limits } = podResources(pod.spec);
          check("Pod", requests, limits);
        }
      }
    }
    if (problems.length === 1) throw errors.forbidden(rt, pod.metadata.name ?? "", problems[0]!);
    if (problems.length > 1) throw errors.forbidden(rt, pod.metadata.name ?? "", `[${problems.join(", ")}]`);
  }

  /** ResourceQuota: `exceeded quota: q, requested: …, used: …, limited: …`. */
  private quota(rt: ResourceType, o: Obj, op: Operation, old?: Obj) {
    if (!rt.namespaced || rt.key === R.events.key) return;
    const ns = o.metadata.namespace as string;
    const quotas = this.store.list(R.quotas, ns);
    if (quotas.length === 0) return;
    const delta: Usage = usageOf(rt, o);
    if (op === "UPDATE" && old) {
      for (const [k, v] of usageOf(rt, old)) delta.set(k, (delta.get(k) ?? 0) - v);
    }
    const used = this.usage.used(ns);
    const name = o.metadata.name ?? "";
    for (const q of quotas) {
      const hard = toAmounts(q.spec?.hard);
      if (rt.key === R.pods.key && op === "CREATE") {
        const missing = missingComputeResources(o, hard);
        if (missing) throw errors.forbidden(rt, name, `failed quota: ${q.metadata.name}: must specify ${missing}`);
      }
      const requested: [string, number][] = [];
      const usedOut: [string, number][] = [];
      const limited: [string, number][] = [];
      for (const [r, h] of hard) {
        const d = delta.get(r);
        if (d === undefined || d <= 0) continue;
        const u = used.get(r) ?? 0;
        if (u + d > h + 1e-9) {
          requested.push([r, d]);
          usedOut.push([r, u]);
          limited.push([r, h]);
        }
      }
      if (requested.length > 0) {
        const fmt = (list: [string, number][]) =>
          list
            .sort((a, b) => (a[0] < b[0] ? -1 : 1))
            .map(([r, v]) => `${r}=${formatQuantity(v, r)}`)
            .join(",");
        throw errors.forbidden(
          rt,
          name,
          `exceeded quota: ${q.metadata.name}, requested: ${fmt(requested)}, ` +
            `used: ${fmt(usedOut)}, limited: ${fmt(limited)}`,
        );
      }
    }
  }
}

/** The ResourceQuota "must specify" rule for compute resources a quota constrains. */
function missingComputeResources(pod: Obj, hard: Map<string, number>): string | undefined {
  const constrained: [string, "requests" | "limits", string][] = [];
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    if (hard.has(r) || hard.has(`requests.${r}`)) constrained.push([`requests.${r}`, "requests", r]);
    if (hard.has(`limits.${r}`)) constrained.push([`limits.${r}`, "limits", r]);
  }
  const parts: string[] = [];
  for (const [label, kind, r] of constrained.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const missing = ((pod.spec?.containers ?? []) as Obj[])
      .filter((c) => c.resources?.[kind]?.[r] === undefined)
      .map((c) => c.name);
    if (missing.length > 0) parts.push(`${label} for: ${missing.join(",")}`);
  }
  return parts.length > 0 ? parts.join("; ") : undefined;
}
