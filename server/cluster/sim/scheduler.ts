/**
 * The scheduler: filters nodes like kube-scheduler's plugins (NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodePorts, NodeResourcesFit, InterPodAffinity, DynamicResources), bin-packs GPUs
 * (MostAllocated), binds, and leaves pods it cannot place Pending with the real Unschedulable
 * condition and FailedScheduling message. Unschedulable pods are retried when capacity frees up.
 */

import { objKey, type SimContext, setCondition, splitKey } from "./context.ts";
import { toAmounts } from "./quantity.ts";
import { isTerminalPod, norm, podResources } from "./quota-usage.ts";
import { R } from "./resources.ts";
import { fromLabelSelector, matchesLabels } from "./selectors.ts";
import type { Obj, StoreEvent } from "./store.ts";

const SCHEDULERS = new Set(["default-scheduler", "kai-scheduler"]);
const SOURCE = { component: "default-scheduler" };
export const DRA_DRIVER = "gpu.nvidia.com";

interface NodeInfo {
  name: string;
  labels: Record<string, string>;
  taints: Obj[];
  /** Identifies the node's scheduling-relevant taints (nodes of a pool share it). */
  taintSig: string;
  unschedulable: boolean;
  allocatable: Map<string, number>;
  used: Map<string, number>;
  hostPorts: Set<string>;
  gpuSlots: number;
  /** nvidia.com/gpu and nvidia.com/mig-* resources this node offers. */
  gpuResources: string[];
  usedGpu: Set<number>;
  pods: Set<string>;
}

interface Placement {
  node: string;
  requests: Map<string, number>;
  hostPorts: string[];
  gpuIdx: number[];
  labels: Record<string, string>;
  namespace: string;
}

interface ClaimNeed {
  claimName: string;
  claim: Obj;
  /** Whole GPUs to allocate per request name; "all" for allocationMode All. */
  requests: { name: string; count: number | "all" }[];
  /** Already allocated: must run on this node. */
  node?: string;
}

interface Attempt {
  node?: string;
  message?: string;
  claims?: ClaimNeed[];
}

function tolerates(tolerations: Obj[], taint: Obj): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

function matchExpression(value: string | undefined, e: Obj): boolean {
  const values = (e.values ?? []) as string[];
  switch (e.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
      return value !== undefined && /^-?\d+$/.test(value) && Number(value) > Number(values[0]);
    case "Lt":
      return value !== undefined && /^-?\d+$/.test(value) && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function nodeAffinityMatches(pod: Obj, n: NodeInfo): boolean {
  const sel = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(sel)) if (n.labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  const terms = (required.nodeSelectorTerms ?? []) as Obj[];
  return terms.some((term) => {
    const exprs = (term.matchExpressions ?? []) as Obj[];
    const fields = (term.matchFields ?? []) as Obj[];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((e) => matchExpression(n.labels[e.key], e)) &&
      fields.every((f) => f.key === "metadata.name" && matchExpression(n.name, f))
    );
  });
}

function hostPortsOf(pod: Obj): string[] {
  const out: string[] = [];
  for (const c of (pod.spec?.containers ?? []) as Obj[]) {
    for (const p of (c.ports ?? []) as Obj[])
      if (p.hostPort) out.push(`${p.protocol ?? "TCP"}/${p.hostIP ?? "0.0.0.0"}/${p.hostPort}`);
  }
  return out;
}

export class Scheduler {
  private readonly nodes = new Map<string, NodeInfo>();
  private nodeOrder: string[] = [];
  private nodeList: NodeInfo[] = [];
  private nextStart = 0;
  private readonly placements = new Map<string, Placement>();
  /** claim uid → GPUs it holds. */
  private readonly claimGpus = new Map<string, { node: string; idx: number[] }>();
  private readonly active = new Set<string>();
  private readonly unschedulable = new Set<string>();
  private readonly lastMessage = new Map<string, string>();
  private scheduled = false;
  private closed = false;
  private readonly unsubscribe: () => void;
  /** Scheduling attempts made (for tests and benchmarks). */
  attempts = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly percentageOfNodesToScore = 100,
  ) {
    for (const n of ctx.store.list(R.nodes)) this.upsertNode(n);
    for (const p of ctx.store.list(R.pods)) this.onPod({ type: "ADDED", rt: R.pods, object: p, rv: 0 });
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
  }

  close() {
    this.closed = true;
    this.unsubscribe();
  }

  /** Free capacity per node (for tests and the capacity view). */
  capacity(): { node: string; allocatable: Record<string, number>; used: Record<string, number> }[] {
    return this.nodeOrder.map((name) => {
      const n = this.nodes.get(name)!;
      return { node: name, allocatable: Object.fromEntries(n.allocatable), used: Object.fromEntries(n.used) };
    });
  }

  // ------------------------------------------------------------------------------------------

  private onEvent(ev: StoreEvent) {
    switch (ev.rt.key) {
      case R.nodes.key:
        if (ev.type === "DELETED") {
          this.nodes.delete(ev.object.metadata.name);
          this.nodeOrder = this.nodeOrder.filter((n) => n !== ev.object.metadata.name);
          this.nodeList = this.nodeOrder.map((n) => this.nodes.get(n)!);
        } else this.upsertNode(ev.object);
        this.wake();
        break;
      case R.pods.key:
        this.onPod(ev);
        break;
      case R.pvcs.key:
        if (ev.object.status?.phase === "Bound" && ev.oldObject?.status?.phase !== "Bound") this.wake();
        break;
      case R.claims.key:
        if (ev.type === "DELETED") this.releaseClaim(ev.object.metadata.uid);
        else if (ev.type === "ADDED") this.wake();
        break;
      case R.queues.key:
      case R.deviceClasses.key:
        if (ev.type === "ADDED") this.wake();
        break;
    }
  }

  private upsertNode(node: Obj) {
    const name = node.metadata.name as string;
    const existing = this.nodes.get(name);
    const allocatable = toAmounts(node.status?.allocatable);
    const ready = ((node.status?.conditions ?? []) as Obj[]).find((c) => c.type === "Ready")?.status === "True";
    const taints = [...((node.spec?.taints ?? []) as Obj[])];
    if (!ready && !taints.some((t) => t.key === "node.kubernetes.io/not-ready")) {
      taints.push({ key: "node.kubernetes.io/not-ready", effect: "NoSchedule" });
    }
    const info: NodeInfo = {
      name,
      labels: { ...(node.metadata.labels ?? {}) },
      taints,
      taintSig: taints
        .filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute")
        .map((t) => `${String(t.key)}=${String(t.value ?? "")}:${String(t.effect)}`)
        .join(","),
      unschedulable: Boolean(node.spec?.unschedulable),
      allocatable,
      used: existing?.used ?? new Map(),
      hostPorts: existing?.hostPorts ?? new Set(),
      gpuSlots: allocatable.get("nvidia.com/gpu") ?? 0,
      gpuResources: [...allocatable]
        .filter(([r, v]) => (r === "nvidia.com/gpu" || r.startsWith("nvidia.com/mig-")) && v > 0)
        .map(([r]) => r),
      usedGpu: existing?.usedGpu ?? new Set(),
      pods: existing?.pods ?? new Set(),
    };
    this.nodes.set(name, info);
    if (!existing) {
      // Keep names sorted (insertion point by binary search).
      let lo = 0;
      let hi = this.nodeOrder.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.nodeOrder[mid]! < name) lo = mid + 1;
        else hi = mid;
      }
      this.nodeOrder.splice(lo, 0, name);
    }
    this.nodeList = this.nodeOrder.map((n) => this.nodes.get(n)!);
  }

  private onPod(ev: StoreEvent) {
    const pod = ev.object;
    const key = objKey(pod.metadata.namespace, pod.metadata.name);
    if (ev.type === "DELETED") {
      this.active.delete(key);
      this.unschedulable.delete(key);
      this.lastMessage.delete(key);
      if (this.release(key, pod)) this.wake();
      return;
    }
    if (pod.spec?.nodeName) {
      this.active.delete(key);
      this.unschedulable.delete(key);
      if (isTerminalPod(pod)) {
        if (this.release(key, pod)) this.wake();
      } else if (!this.placements.has(key)) {
        this.account(key, pod, pod.spec.nodeName, []);
      }
      return;
    }
    if (!SCHEDULERS.has(pod.spec?.schedulerName ?? "default-scheduler") || pod.metadata.deletionTimestamp) return;
    const claimsChanged =
      ev.type === "MODIFIED" &&
      JSON.stringify(ev.oldObject?.status?.resourceClaimStatuses) !== JSON.stringify(pod.status?.resourceClaimStatuses);
    if (ev.type === "ADDED" || claimsChanged) {
      this.unschedulable.delete(key);
      this.enqueue(key);
    }
  }

  private enqueue(key: string) {
    this.active.add(key);
    if (!this.scheduled && !this.closed) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private wake() {
    if (this.unschedulable.size === 0) return;
    for (const k of this.unschedulable) this.active.add(k);
    this.unschedulable.clear();
    this.enqueue([...this.active][0]!);
  }

  private account(key: string, pod: Obj, nodeName: string, gpuIdx: number[]) {
    const n = this.nodes.get(nodeName);
    const { requests } = podResources(pod.spec);
    requests.set("pods", 1);
    const ports = hostPortsOf(pod);
    const placement: Placement = {
      node: nodeName,
      requests,
      hostPorts: ports,
      gpuIdx,
      labels: { ...(pod.metadata.labels ?? {}) },
      namespace: pod.metadata.namespace,
    };
    this.placements.set(key, placement);
    if (!n) return;
    for (const [r, v] of requests) n.used.set(r, norm((n.used.get(r) ?? 0) + v));
    for (const p of ports) n.hostPorts.add(p);
    const gpus = requests.get("nvidia.com/gpu") ?? 0;
    if (gpuIdx.length === 0 && gpus > 0) {
      for (let i = 0; i < n.gpuSlots && placement.gpuIdx.length < gpus; i++) {
        if (!n.usedGpu.has(i)) placement.gpuIdx.push(i);
      }
    }
    for (const i of placement.gpuIdx) n.usedGpu.add(i);
    n.pods.add(key);
  }

  private release(key: string, pod: Obj): boolean {
    const p = this.placements.get(key);
    if (!p) return false;
    this.placements.delete(key);
    const n = this.nodes.get(p.node);
    if (n) {
      for (const [r, v] of p.requests) n.used.set(r, norm((n.used.get(r) ?? 0) - v));
      for (const port of p.hostPorts) n.hostPorts.delete(port);
      for (const i of p.gpuIdx) n.usedGpu.delete(i);
      n.pods.delete(key);
    }
    this.unreserveClaims(pod);
    return true;
  }

  private unreserveClaims(pod: Obj) {
    for (const s of (pod.status?.resourceClaimStatuses ?? []) as Obj[]) this.unreserve(pod, s.resourceClaimName);
    for (const rc of (pod.spec?.resourceClaims ?? []) as Obj[])
      if (rc.resourceClaimName) this.unreserve(pod, rc.resourceClaimName);
  }

  private unreserve(pod: Obj, claimName: string | undefined) {
    if (!claimName) return;
    const updated = this.ctx.api.internalUpdate(R.claims, pod.metadata.namespace, claimName, (c) => {
      const reserved = ((c.status?.reservedFor ?? []) as Obj[]).filter((r) => r.uid !== pod.metadata.uid);
      if (reserved.length === (c.status?.reservedFor ?? []).length) return false;
      if (reserved.length > 0) c.status.reservedFor = reserved;
      else c.status = {};
    });
    if (updated && !updated.status?.allocation) this.releaseClaim(updated.metadata.uid);
  }

  private releaseClaim(uid: string) {
    const held = this.claimGpus.get(uid);
    if (!held) return;
    this.claimGpus.delete(uid);
    const n = this.nodes.get(held.node);
    if (n) {
      n.used.set("nvidia.com/gpu", norm((n.used.get("nvidia.com/gpu") ?? 0) - held.idx.length));
      for (const i of held.idx) n.usedGpu.delete(i);
    }
    this.wake();
  }

  // ------------------------------------------------------------------------------------------

  private drain() {
    this.scheduled = false;
    if (this.closed) return;
    const failedShapes = new Map<string, string>();
    let budget = 2000;
    for (const key of [...this.active]) {
      if (budget-- <= 0) break;
      this.active.delete(key);
      const [ns, name] = splitKey(key);
      const pod = this.ctx.store.get(R.pods, ns, name);
      if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
      const shape = this.shapeOf(pod);
      const cached = shape ? failedShapes.get(shape) : undefined;
      if (cached) {
        this.markUnschedulable(key, pod, cached);
        continue;
      }
      this.attempts++;
      const result = this.schedule(pod);
      if (result.node) this.bind(key, pod, result.node, result.claims ?? []);
      else {
        if (shape) failedShapes.set(shape, result.message!);
        this.markUnschedulable(key, pod, result.message!);
      }
    }
    if (this.active.size > 0 && !this.closed) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Pods with the same shape get the same answer within one pass (no need to re-filter). */
  private shapeOf(pod: Obj): string | undefined {
    const s = pod.spec ?? {};
    if (s.resourceClaims?.length || s.affinity?.podAffinity || s.affinity?.podAntiAffinity) return undefined;
    if (((s.volumes ?? []) as Obj[]).some((v) => v.persistentVolumeClaim)) return undefined;
    const { requests } = podResources(s);
    return JSON.stringify([
      s.schedulerName,
      pod.metadata.labels?.["kai.scheduler/queue"],
      [...requests].sort(),
      s.nodeSelector,
      s.affinity?.nodeAffinity,
      s.tolerations,
      hostPortsOf(pod),
      s.topologySpreadConstraints,
    ]);
  }

  private noNodes(total: number, reason: string): Attempt {
    return {
      message:
        `0/${total} nodes are available: ${reason}. ` +
        `preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
    };
  }

  /** Pod-level checks before looking at nodes (PreFilter). */
  private preFilter(pod: Obj): { error?: string; claims: ClaimNeed[] } {
    const s = pod.spec ?? {};
    const ns = pod.metadata.namespace as string;
    if (s.schedulerName === "kai-scheduler") {
      const queue = pod.metadata.labels?.["kai.scheduler/queue"];
      if (queue && !this.ctx.store.get(R.queues, "", queue))
        return { error: `queue "${queue}" does not exist (simulated KAI scheduler)`, claims: [] };
    }
    if (((s.topologySpreadConstraints ?? []) as Obj[]).some((t) => t.whenUnsatisfiable !== "ScheduleAnyway")) {
      return {
        error:
          "topologySpreadConstraints with whenUnsatisfiable=DoNotSchedule are not evaluated by the simulated scheduler",
        claims: [],
      };
    }
    for (const v of (s.volumes ?? []) as Obj[]) {
      const claimName = v.persistentVolumeClaim?.claimName;
      if (!claimName) continue;
      const pvc = this.ctx.store.get(R.pvcs, ns, claimName);
      if (!pvc) return { error: `persistentvolumeclaim "${claimName}" not found`, claims: [] };
      if (pvc.metadata.deletionTimestamp)
        return { error: `persistentvolumeclaim "${claimName}" is being deleted`, claims: [] };
      if (pvc.status?.phase !== "Bound")
        return { error: "pod has unbound immediate PersistentVolumeClaims", claims: [] };
    }
    const claims: ClaimNeed[] = [];
    for (const rc of (s.resourceClaims ?? []) as Obj[]) {
      let claimName: string | undefined = rc.resourceClaimName;
      if (!claimName) {
        claimName = ((pod.status?.resourceClaimStatuses ?? []) as Obj[]).find(
          (x) => x.name === rc.name,
        )?.resourceClaimName;
        if (!claimName)
          return {
            error: `waiting for resource claim controller to create the ResourceClaim for pod claim "${rc.name}"`,
            claims: [],
          };
      }
      const claim = this.ctx.store.get(R.claims, ns, claimName);
      if (!claim) return { error: `resourceclaim "${claimName}" not found`, claims: [] };
      if (claim.metadata.deletionTimestamp)
        return { error: `resourceclaim "${claimName}" is being deleted`, claims: [] };
      const allocation = claim.status?.allocation;
      if (allocation) {
        const node = allocation.nodeSelector?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] as
          | string
          | undefined;
        claims.push({ claimName, claim, requests: [], node });
        continue;
      }
      const need: ClaimNeed = { claimName, claim, requests: [] };
      for (const r of (claim.spec?.devices?.requests ?? []) as Obj[]) {
        const exact = (r.exactly ?? r) as Obj;
        if (r.firstAvailable)
          return {
            error:
              `resourceclaim "${claimName}": ` +
              "prioritized device lists (firstAvailable) are not supported by the simulated scheduler",
            claims: [],
          };
        const cls = exact.deviceClassName as string | undefined;
        if (!cls || !this.ctx.store.get(R.deviceClasses, "", cls))
          return { error: `resourceclaim "${claimName}": device class ${String(cls)} does not exist`, claims: [] };
        if (cls !== DRA_DRIVER)
          return {
            error:
              `resourceclaim "${claimName}": ` +
              `the simulated scheduler only allocates whole GPUs of DeviceClass "${DRA_DRIVER}"`,
            claims: [],
          };
        if ((exact.selectors ?? []).length > 0)
          return {
            error: `resourceclaim "${claimName}": CEL device selectors are not evaluated by the simulated scheduler`,
            claims: [],
          };
        const mode = exact.allocationMode ?? "ExactCount";
        need.requests.push({ name: r.name, count: mode === "All" ? "all" : Number(exact.count ?? 1) });
      }
      if ((claim.spec?.devices?.constraints ?? []).length > 0)
        return {
          error: `resourceclaim "${claimName}": device constraints are not evaluated by the simulated scheduler`,
          claims: [],
        };
      claims.push(need);
    }
    return { claims };
  }

  private schedule(pod: Obj): Attempt {
    const total = this.nodeOrder.length;
    const pre = this.preFilter(pod);
    if (pre.error) return this.noNodes(total, pre.error);
    const { requests } = podResources(pod.spec);
    requests.set("pods", 1);
    const tolerations = (pod.spec?.tolerations ?? []) as Obj[];
    const ports = hostPortsOf(pod);
    const pinned = pre.claims.find((c) => c.node)?.node;
    const draFixed = pre.claims.reduce(
      (n, c) => n + c.requests.reduce((m, r) => m + (r.count === "all" ? 0 : r.count), 0),
      0,
    );
    const draAll = pre.claims.some((c) => c.requests.some((r) => r.count === "all"));
    const affinity = this.affinityChecks(pod);

    const reasons = new Map<string, number>();
    let unresolvable = 0;
    const requestList = [...requests].filter(([, v]) => v > 0);
    const selector = Object.entries((pod.spec?.nodeSelector ?? {}) as Record<string, string>);
    const requiredAffinity = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // Nodes with the same taints get the same answer: cache it per taint signature.
    const untoleratedBySig = new Map<string, Obj | null>();
    const untolerated = (n: NodeInfo): Obj | undefined => {
      let hit = untoleratedBySig.get(n.taintSig);
      if (hit === undefined) {
        hit =
          n.taints.find((t) => (t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerates(tolerations, t)) ??
          null;
        untoleratedBySig.set(n.taintSig, hit);
      }
      return hit ?? undefined;
    };
    const feasible: NodeInfo[] = [];
    // kube-scheduler's percentageOfNodesToScore: stop after enough feasible nodes. GPU clusters
    // that bin-pack set it to 100 (the default here); 0 means kube-scheduler's adaptive default.
    const pct = this.percentageOfNodesToScore;
    const toFind =
      pct >= 100 || total < 100
        ? total
        : Math.max(100, Math.floor((total * (pct > 0 ? pct : Math.max(5, 50 - total / 125))) / 100));
    let visited = 0;
    const fail = (reason: string, hard: boolean) => {
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      if (hard) unresolvable++;
    };
    const list = this.nodeList;
    for (let i = 0; i < total; i++) {
      const n = list[(this.nextStart + i) % total]!;
      visited++;
      if (pinned && n.name !== pinned) {
        fail("node(s) didn't match Pod's node affinity/selector", true);
        continue;
      }
      if (
        n.unschedulable &&
        !tolerates(tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" })
      ) {
        fail("node(s) were unschedulable", true);
        continue;
      }
      const taint = n.taints.length > 0 ? untolerated(n) : undefined;
      if (taint) {
        fail(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`, true);
        continue;
      }
      let selected = true;
      for (const [k, v] of selector) if (n.labels[k] !== v) selected = false;
      if (!selected || (requiredAffinity && !nodeAffinityMatches(pod, n))) {
        fail("node(s) didn't match Pod's node affinity/selector", true);
        continue;
      }
      if (ports.length > 0 && ports.some((p) => n.hostPorts.has(p))) {
        fail("node(s) didn't have free ports for the requested pod ports", true);
        continue;
      }
      let insufficient: string[] | undefined;
      for (const [r, v] of requestList) {
        const free = (n.allocatable.get(r) ?? 0) - (n.used.get(r) ?? 0);
        if (v > free + 1e-9) {
          insufficient ??= [];
          insufficient.push(r === "pods" ? "Too many pods" : `Insufficient ${r}`);
        }
      }
      if (insufficient) {
        for (const reason of insufficient) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        continue;
      }
      const aff = affinity(n);
      if (aff) {
        fail(aff, true);
        continue;
      }
      if (pre.claims.length > 0 && !pinned) {
        const freeGpus = n.gpuSlots - (n.used.get("nvidia.com/gpu") ?? 0) - (requests.get("nvidia.com/gpu") ?? 0);
        const need = draAll ? n.gpuSlots : draFixed;
        if ((draAll && (n.used.get("nvidia.com/gpu") ?? 0) > 0) || need > freeGpus || (draAll && n.gpuSlots === 0)) {
          fail("cannot allocate all claims", false);
          continue;
        }
      }
      feasible.push(n);
      if (feasible.length >= toFind) break;
    }
    this.nextStart = total > 0 ? (this.nextStart + visited) % total : 0;
    if (feasible.length === 0) {
      const parts = [...reasons].map(([r, c]) => `${c} ${r}`).sort();
      const resolvable = total - unresolvable;
      const pre2: string[] = [];
      if (resolvable > 0) pre2.push(`${resolvable} No preemption victims found for incoming pod`);
      if (unresolvable > 0) pre2.push(`${unresolvable} Preemption is not helpful for scheduling`);
      return {
        message:
          `0/${total} nodes are available: ${parts.join(", ")}. ` +
          `preemption: 0/${total} nodes are available: ${pre2.sort().join(", ")}.`,
      };
    }
    const gpuReq =
      [...requests]
        .filter(([r]) => r === "nvidia.com/gpu" || r.startsWith("nvidia.com/mig-"))
        .reduce((s, [, v]) => s + v, 0) +
      draFixed +
      (draAll ? 1 : 0);
    // MostAllocated: the fewest GPUs left after placement (GPU pods), CPU-only nodes first
    // (other pods), then the least CPU left.
    const cpuReq = requests.get("cpu") ?? 0;
    const primary = (n: NodeInfo): number => {
      if (gpuReq > 0) {
        let gpuFree = 0;
        for (const r of n.gpuResources) gpuFree += (n.allocatable.get(r) ?? 0) - (n.used.get(r) ?? 0);
        return gpuFree - gpuReq;
      }
      return n.gpuResources.length > 0 ? 1 : 0;
    };
    const secondary = (n: NodeInfo): number => (n.allocatable.get("cpu") ?? 0) - (n.used.get("cpu") ?? 0) - cpuReq;
    let best = feasible[0]!;
    let b1 = primary(best);
    let b2 = secondary(best);
    for (let i = 1; i < feasible.length; i++) {
      const n = feasible[i]!;
      const s1 = primary(n);
      if (s1 > b1) continue;
      const s2 = secondary(n);
      if (s1 < b1 || s2 < b2 || (s2 === b2 && n.name < best.name)) {
        best = n;
        b1 = s1;
        b2 = s2;
      }
    }
    return { node: best.name, claims: pre.claims };
  }

  /** Required inter-pod (anti-)affinity, evaluated per topology domain. */
  private affinityChecks(pod: Obj): (n: NodeInfo) => string | undefined {
    const aff = pod.spec?.affinity ?? {};
    const build = (terms: Obj[] | undefined) =>
      ((terms ?? []) as Obj[]).map((t) => {
        const sel = fromLabelSelector(t.labelSelector);
        const namespaces = new Set<string>(t.namespaces?.length ? t.namespaces : [pod.metadata.namespace]);
        const anyNamespace = t.namespaceSelector && Object.keys(t.namespaceSelector).length === 0;
        const domains = new Set<string>();
        for (const p of this.placements.values()) {
          if (!anyNamespace && !namespaces.has(p.namespace)) continue;
          if (!matchesLabels(sel, p.labels)) continue;
          const v = this.nodes.get(p.node)?.labels[t.topologyKey];
          if (v !== undefined) domains.add(v);
        }
        return { key: t.topologyKey as string, domains, selfMatch: matchesLabels(sel, pod.metadata.labels) };
      });
    const anti = build(aff.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    const pro = build(aff.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    if (anti.length === 0 && pro.length === 0) return () => undefined;
    return (n) => {
      for (const t of anti) {
        const v = n.labels[t.key];
        if (v !== undefined && t.domains.has(v)) return "node(s) didn't match pod anti-affinity rules";
      }
      for (const t of pro) {
        const v = n.labels[t.key];
        if (v === undefined) return "node(s) didn't match pod affinity rules";
        // The first pod of a group that matches its own affinity may go anywhere.
        if (!t.domains.has(v) && !(t.domains.size === 0 && t.selfMatch))
          return "node(s) didn't match pod affinity rules";
      }
      return undefined;
    };
  }

  private bind(key: string, pod: Obj, nodeName: string, claims: ClaimNeed[]) {
    const now = this.ctx.clock.now();
    const n = this.nodes.get(nodeName)!;
    // Allocate DRA claims first.
    for (const c of claims) {
      if (c.node) {
        this.reserve(pod, c.claimName);
        continue;
      }
      const results: Obj[] = [];
      const idx: number[] = [];
      for (const r of c.requests) {
        const count = r.count === "all" ? n.gpuSlots : r.count;
        for (let i = 0; i < n.gpuSlots && results.filter((x) => x.request === r.name).length < count; i++) {
          if (n.usedGpu.has(i) || idx.includes(i)) continue;
          idx.push(i);
          results.push({ request: r.name, driver: DRA_DRIVER, pool: nodeName, device: `gpu-${i}` });
        }
      }
      for (const i of idx) n.usedGpu.add(i);
      n.used.set("nvidia.com/gpu", norm((n.used.get("nvidia.com/gpu") ?? 0) + idx.length));
      this.claimGpus.set(c.claim.metadata.uid, { node: nodeName, idx });
      this.ctx.api.internalUpdate(R.claims, pod.metadata.namespace, c.claimName, (o) => {
        o.status = {
          allocation: {
            devices: { results },
            nodeSelector: {
              nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] }],
            },
            allocationTimestamp: this.ctx.api.now(),
          },
          reservedFor: [{ resource: "pods", name: pod.metadata.name, uid: pod.metadata.uid }],
        };
      });
    }
    const bound = this.ctx.api.internalUpdate(
      R.pods,
      pod.metadata.namespace,
      pod.metadata.name,
      (o) => {
        if (o.spec.nodeName) return false;
        o.spec = { ...o.spec, nodeName };
        const conditions = [...((o.status?.conditions ?? []) as Obj[])];
        setCondition(conditions, { type: "PodScheduled", status: "True" }, now, { probe: true });
        o.status = { ...(o.status ?? {}), conditions };
      },
      "shallow",
    );
    if (!bound) return;
    this.lastMessage.delete(key);
    // The pod's MODIFIED event accounted for its resources.
    this.ctx.recorder.record(
      R.pods,
      bound,
      "Normal",
      "Scheduled",
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      SOURCE,
    );
  }

  private reserve(pod: Obj, claimName: string) {
    this.ctx.api.internalUpdate(R.claims, pod.metadata.namespace, claimName, (o) => {
      const list = ((o.status?.reservedFor ?? []) as Obj[]).filter((r) => r.uid !== pod.metadata.uid);
      list.push({ resource: "pods", name: pod.metadata.name, uid: pod.metadata.uid });
      o.status = { ...(o.status ?? {}), reservedFor: list };
    });
  }

  private markUnschedulable(key: string, pod: Obj, message: string) {
    this.unschedulable.add(key);
    if (this.lastMessage.get(key) === message) return;
    this.lastMessage.set(key, message);
    const now = this.ctx.clock.now();
    const updated = this.ctx.api.internalUpdate(
      R.pods,
      pod.metadata.namespace,
      pod.metadata.name,
      (o) => {
        if (o.spec.nodeName) return false;
        const conditions = [...((o.status?.conditions ?? []) as Obj[])];
        setCondition(conditions, { type: "PodScheduled", status: "False", reason: "Unschedulable", message }, now, {
          probe: true,
        });
        o.status = { ...(o.status ?? {}), conditions };
      },
      "shallow",
    );
    if (updated) this.ctx.recorder.record(R.pods, updated, "Warning", "FailedScheduling", message, SOURCE);
  }
}
