/**
 * StatefulSet controller: pods <name>-0…<name>-(n-1) with stable identity, a PVC per
 * volumeClaimTemplate and ordinal (<template>-<name>-<i>, kept after deletion unless the
 * retention policy says Delete), OrderedReady or Parallel management, rolling updates from the
 * highest ordinal, and status.
 */
import { safeHash, stableStringify } from "../json.ts";
import { R } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { controllerRef, isPodActive, isPodReady, objKey, ownerRefTo, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";
import { omitZeros, podFromTemplate } from "./replicaset.ts";
import { QuotaBlocked } from "./quota-blocked.ts";

const SOURCE = { component: "statefulset-controller" };

export class StatefulSetController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;
  private readonly blocked: QuotaBlocked;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("statefulset", ctx.clock, (key) => this.reconcile(key), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
    this.blocked = new QuotaBlocked(ctx.usage, (key) => this.queue.add(key));
  }

  close() {
    this.unsubscribe();
    this.blocked.close();
    this.queue.close();
  }

  private onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.statefulSets.key) {
      if (ev.type !== "DELETED") this.queue.add(objKey(ev.object.metadata.namespace, ev.object.metadata.name));
    } else if (ev.rt.key === R.pods.key) {
      const ref = controllerRef(ev.object);
      if (ref?.kind === "StatefulSet") this.queue.add(objKey(ev.object.metadata.namespace, ref.name));
    } else if (ev.rt.key === R.pvcs.key && ev.type === "DELETED") {
      const sts = ev.object.metadata.labels?.["statefulset.kubernetes.io/owner"];
      if (sts) this.queue.add(objKey(ev.object.metadata.namespace, sts));
    }
  }

  private revision(sts: Obj): string {
    return `${sts.metadata.name}-${safeHash(stableStringify(sts.spec.template)).slice(0, 10)}`;
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const sts = this.ctx.store.get(R.statefulSets, ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const replicas = sts.spec?.replicas ?? 1;
    const parallel = sts.spec?.podManagementPolicy === "Parallel";
    const updateRevision = this.revision(sts);
    const byOrdinal = new Map<number, Obj>();
    for (const ref of this.ctx.store.dependentsOf(sts.metadata.uid)) {
      if (ref.rt.key !== R.pods.key) continue;
      const p = this.ctx.store.get(R.pods, ref.namespace, ref.name);
      if (!p || controllerRef(p)?.uid !== sts.metadata.uid) continue;
      const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)$`).exec(p.metadata.name);
      if (m) byOrdinal.set(Number(m[1]), p);
    }
    let failure = false;
    // Create missing pods (and their claims) in ordinal order.
    for (let i = 0; i < replicas; i++) {
      const pod = byOrdinal.get(i);
      if (pod) {
        if (pod.status?.phase === "Failed" && !pod.metadata.deletionTimestamp) {
          this.deletePod(sts, pod);
          if (!parallel) break;
        }
        if (!parallel && (!isPodReady(pod) || pod.metadata.deletionTimestamp)) break;
        continue;
      }
      if (!this.ensureClaims(sts, i)) {
        failure = true;
        break;
      }
      if (!this.createPod(sts, i, updateRevision)) {
        failure = true;
        break;
      }
      if (!parallel) break;
    }
    // Scale down: highest ordinal first.
    const extra = [...byOrdinal.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    for (const i of extra) {
      const pod = byOrdinal.get(i)!;
      if (pod.metadata.deletionTimestamp) {
        if (!parallel) break;
        continue;
      }
      this.deletePod(sts, pod);
      if (sts.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === "Delete") this.deleteClaims(sts, i);
      if (!parallel) break;
    }
    // Rolling update: replace the highest outdated pod once everything is ready.
    const strategy = sts.spec?.updateStrategy?.type ?? "RollingUpdate";
    if (strategy === "RollingUpdate" && extra.length === 0) {
      const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
      const current = [...byOrdinal.entries()].filter(([i]) => i < replicas);
      const allReady = current.length === replicas && current.every(([, p]) => isPodReady(p) && !p.metadata.deletionTimestamp);
      if (allReady) {
        const outdated = current
          .filter(([i, p]) => i >= partition && p.metadata.labels?.["controller-revision-hash"] !== updateRevision)
          .sort((a, b) => b[0] - a[0]);
        if (outdated.length > 0) this.deletePod(sts, outdated[0]![1]);
      }
    }
    if (failure) {
      this.blocked.add(ns, key);
      this.queue.retry(key, 60_000);
    } else this.queue.forget(key);
    this.updateStatus(sts, updateRevision);
  }

  private claimName(template: Obj, sts: Obj, i: number): string {
    return `${template.metadata?.name}-${sts.metadata.name}-${i}`;
  }

  private ensureClaims(sts: Obj, i: number): boolean {
    const ns = sts.metadata.namespace;
    const podName = `${sts.metadata.name}-${i}`;
    for (const t of (sts.spec?.volumeClaimTemplates ?? []) as Obj[]) {
      const claim = this.claimName(t, sts, i);
      if (this.ctx.store.get(R.pvcs, ns, claim)) continue;
      const owned = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === "Delete";
      try {
        this.ctx.api.create(
          R.pvcs,
          ns,
          {
            metadata: {
              name: claim,
              namespace: ns,
              labels: { ...(sts.spec.selector?.matchLabels ?? {}), ...(t.metadata?.labels ?? {}), "statefulset.kubernetes.io/owner": sts.metadata.name },
              ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
              ...(owned ? { ownerReferences: [ownerRefTo(R.statefulSets, sts)] } : {}),
            },
            spec: structuredClone(t.spec),
          },
          { internal: true },
        );
        this.ctx.recorder.record(R.statefulSets, sts, "Normal", "SuccessfulCreate", `create Claim ${claim} Pod ${podName} in StatefulSet ${sts.metadata.name} success`, SOURCE);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.ctx.recorder.record(R.statefulSets, sts, "Warning", "FailedCreate", `create Claim ${claim} for Pod ${podName} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`, SOURCE);
        return false;
      }
    }
    return true;
  }

  private deleteClaims(sts: Obj, i: number) {
    for (const t of (sts.spec?.volumeClaimTemplates ?? []) as Obj[]) {
      try {
        this.ctx.api.delete(R.pvcs, sts.metadata.namespace, this.claimName(t, sts, i), {});
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
  }

  private createPod(sts: Obj, i: number, revision: string): boolean {
    const name = `${sts.metadata.name}-${i}`;
    const pod = podFromTemplate(sts.spec.template, sts, R.statefulSets, {
      name,
      labels: { "controller-revision-hash": revision, "statefulset.kubernetes.io/pod-name": name, "apps.kubernetes.io/pod-index": String(i) },
    });
    pod.spec.hostname = name;
    if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
    const volumes = (pod.spec.volumes ?? []) as Obj[];
    for (const t of (sts.spec?.volumeClaimTemplates ?? []) as Obj[]) {
      const vname = t.metadata?.name;
      const existing = volumes.findIndex((v) => v.name === vname);
      const vol = { name: vname, persistentVolumeClaim: { claimName: this.claimName(t, sts, i) } };
      if (existing >= 0) volumes[existing] = vol;
      else volumes.push(vol);
    }
    if (volumes.length > 0) pod.spec.volumes = volumes;
    try {
      this.ctx.api.create(R.pods, sts.metadata.namespace, pod, { internal: true });
      this.ctx.recorder.record(R.statefulSets, sts, "Normal", "SuccessfulCreate", `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`, SOURCE);
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 409) return true;
      this.ctx.recorder.record(R.statefulSets, sts, "Warning", "FailedCreate", `create Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`, SOURCE);
      return false;
    }
  }

  private deletePod(sts: Obj, pod: Obj) {
    try {
      this.ctx.api.delete(R.pods, pod.metadata.namespace, pod.metadata.name, {});
      this.ctx.recorder.record(R.statefulSets, sts, "Normal", "SuccessfulDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`, SOURCE);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }

  private updateStatus(sts: Obj, updateRevision: string) {
    const pods: Obj[] = [];
    for (const ref of this.ctx.store.dependentsOf(sts.metadata.uid)) {
      if (ref.rt.key !== R.pods.key) continue;
      const p = this.ctx.store.get(R.pods, ref.namespace, ref.name);
      if (p && isPodActive(p)) pods.push(p);
    }
    const ready = pods.filter(isPodReady).length;
    const updated = pods.filter((p) => p.metadata.labels?.["controller-revision-hash"] === updateRevision).length;
    this.ctx.api.setStatus(R.statefulSets, sts.metadata.namespace, sts.metadata.name, (o) => {
      const prevCurrent = o.status?.currentRevision as string | undefined;
      const replicas = o.spec?.replicas ?? 1;
      const done = updated === replicas && pods.length === replicas;
      const currentRevision = done || !prevCurrent ? updateRevision : prevCurrent;
      const current = pods.filter((p) => p.metadata.labels?.["controller-revision-hash"] === currentRevision).length;
      return {
        ...omitZeros(
          {
            observedGeneration: o.metadata.generation,
            replicas: pods.length,
            readyReplicas: ready,
            currentReplicas: current,
            updatedReplicas: updated,
            availableReplicas: ready,
          },
          ["replicas", "availableReplicas"],
        ),
        currentRevision,
        updateRevision,
        collisionCount: 0,
      };
    });
  }
}
