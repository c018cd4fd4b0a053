/**
 * StatefulSet controller: pods <name>-0…<name>-(n-1) with stable identity, a PVC per
 * volumeClaimTemplate and ordinal (<template>-<name>-<i>, kept after deletion unless the
 * retention policy says Delete), OrderedReady or Parallel management, rolling updates from the
 * highest ordinal, and status.
 */

import { isPodActive, isPodReady, objKey, ownerRefTo, splitKey } from "../context.ts";
import { safeHash, stableStringify } from "../json.ts";
import { R } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import {
  ComponentEvents,
  Controller,
  controlledBy,
  createIfAbsent,
  deleteIfPresent,
  dependentsOf,
  expectApiError,
  keyOf,
  omitZeros,
  podFromTemplate,
  queueController,
} from "./controller.ts";

const OWNER_LABEL = "statefulset.kubernetes.io/owner";
const REVISION_LABEL = "controller-revision-hash";

function revisionOf(sts: Obj): string {
  return `${sts.metadata.name}-${safeHash(stableStringify(sts.spec.template)).slice(0, 10)}`;
}

function isParallel(sts: Obj): boolean {
  return sts.spec?.podManagementPolicy === "Parallel";
}

function claimName(template: Obj, sts: Obj, ordinal: number): string {
  return `${template.metadata?.name}-${sts.metadata.name}-${ordinal}`;
}

function claimTemplates(sts: Obj): Obj[] {
  return (sts.spec?.volumeClaimTemplates ?? []) as Obj[];
}

function claimFor(sts: Obj, template: Obj, ordinal: number): Obj {
  const owned = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === "Delete";
  const labels = {
    ...(sts.spec.selector?.matchLabels ?? {}),
    ...(template.metadata?.labels ?? {}),
    [OWNER_LABEL]: sts.metadata.name,
  };
  return {
    metadata: {
      name: claimName(template, sts, ordinal),
      namespace: sts.metadata.namespace,
      labels,
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ...(owned ? { ownerReferences: [ownerRefTo(R.statefulSets, sts)] } : {}),
    },
    spec: structuredClone(template.spec),
  };
}

/** The pod of one ordinal, its hostname under the governing Service and its claims mounted. */
function podFor(sts: Obj, ordinal: number, revision: string): Obj {
  const name = `${sts.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(sts.spec.template, sts, R.statefulSets, {
    name,
    labels: {
      [REVISION_LABEL]: revision,
      "statefulset.kubernetes.io/pod-name": name,
      "apps.kubernetes.io/pod-index": String(ordinal),
    },
  });
  pod.spec.hostname = name;
  if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
  const volumes = (pod.spec.volumes ?? []) as Obj[];
  for (const t of claimTemplates(sts)) {
    const vol = { name: t.metadata?.name, persistentVolumeClaim: { claimName: claimName(t, sts, ordinal) } };
    const existing = volumes.findIndex((v) => v.name === vol.name);
    if (existing >= 0) volumes[existing] = vol;
    else volumes.push(vol);
  }
  if (volumes.length > 0) pod.spec.volumes = volumes;
  return pod;
}

export class StatefulSetController extends Controller {
  private readonly queue = this.workQueue("statefulset", (key) => this.reconcile(key));
  private readonly blocked = this.quotaBlocked(this.queue);
  private readonly events = new ComponentEvents(this.ctx.recorder, R.statefulSets, "statefulset-controller");

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.statefulSets.key) {
      if (ev.type !== "DELETED") this.queue.add(keyOf(ev.object));
    } else if (ev.rt.key === R.pods.key) {
      queueController(this.queue, ev.object, "StatefulSet");
    } else if (ev.rt.key === R.pvcs.key && ev.type === "DELETED") {
      const sts = ev.object.metadata.labels?.[OWNER_LABEL];
      if (sts) this.queue.add(objKey(ev.object.metadata.namespace, sts));
    }
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const sts = this.ctx.store.get(R.statefulSets, ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const revision = revisionOf(sts);
    const pods = this.podsByOrdinal(sts);
    const refused = !this.createMissing(sts, pods, revision);
    const replicas = sts.spec?.replicas ?? 1;
    const surplus = [...pods.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    this.scaleDown(sts, pods, surplus);
    if (surplus.length === 0) this.rollOne(sts, pods, revision);
    this.blocked.settle(ns, key, refused);
    this.updateStatus(sts, revision);
  }

  private podsByOrdinal(sts: Obj): Map<number, Obj> {
    const escaped = String(sts.metadata.name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const ordinal = new RegExp(`^${escaped}-(\\d+)$`);
    const out = new Map<number, Obj>();
    for (const p of controlledBy(this.ctx.store, R.pods, sts)) {
      const m = ordinal.exec(p.metadata.name);
      if (m) out.set(Number(m[1]), p);
    }
    return out;
  }

  /** Creates missing pods (and their claims) in ordinal order; false when one was refused. */
  private createMissing(sts: Obj, pods: Map<number, Obj>, revision: string): boolean {
    const parallel = isParallel(sts);
    const replicas = sts.spec?.replicas ?? 1;
    for (let i = 0; i < replicas; i++) {
      const pod = pods.get(i);
      if (pod) {
        if (pod.status?.phase === "Failed" && !pod.metadata.deletionTimestamp) {
          this.deletePod(sts, pod);
          if (!parallel) break;
        }
        // OrderedReady: the next ordinal waits for this one.
        if (!parallel && (!isPodReady(pod) || pod.metadata.deletionTimestamp)) break;
        continue;
      }
      if (!this.ensureClaims(sts, i) || !this.createPod(sts, i, revision)) return false;
      if (!parallel) break;
    }
    return true;
  }

  /** Removes surplus pods, highest ordinal first (one at a time unless Parallel). */
  private scaleDown(sts: Obj, pods: Map<number, Obj>, surplus: number[]) {
    const parallel = isParallel(sts);
    for (const i of surplus) {
      const pod = pods.get(i)!;
      if (pod.metadata.deletionTimestamp) {
        if (!parallel) break;
        continue;
      }
      this.deletePod(sts, pod);
      if (sts.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === "Delete") this.deleteClaims(sts, i);
      if (!parallel) break;
    }
  }

  /** Rolling update: replaces the highest outdated pod once every pod is ready. */
  private rollOne(sts: Obj, pods: Map<number, Obj>, revision: string) {
    if ((sts.spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") return;
    const replicas = sts.spec?.replicas ?? 1;
    const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const current = [...pods.entries()].filter(([i]) => i < replicas);
    const isSettled = (p: Obj) => isPodReady(p) && !p.metadata.deletionTimestamp;
    if (current.length !== replicas || !current.every(([, p]) => isSettled(p))) return;
    const outdated = current
      .filter(([i, p]) => i >= partition && p.metadata.labels?.[REVISION_LABEL] !== revision)
      .sort((a, b) => b[0] - a[0]);
    if (outdated.length > 0) this.deletePod(sts, outdated[0]![1]);
  }

  private ensureClaims(sts: Obj, ordinal: number): boolean {
    const podName = `${sts.metadata.name}-${ordinal}`;
    const of = `Pod ${podName} in StatefulSet ${sts.metadata.name}`;
    for (const t of claimTemplates(sts)) {
      const claim = claimName(t, sts, ordinal);
      if (this.ctx.store.get(R.pvcs, sts.metadata.namespace, claim)) continue;
      try {
        this.ctx.api.create(R.pvcs, sts.metadata.namespace, claimFor(sts, t, ordinal), { internal: true });
        this.events.normal(sts, "SuccessfulCreate", `create Claim ${claim} ${of} success`);
      } catch (e) {
        const { message } = expectApiError(e);
        this.events.warning(sts, "FailedCreate", `create Claim ${claim} for ${of} failed error: ${message}`);
        return false;
      }
    }
    return true;
  }

  private deleteClaims(sts: Obj, ordinal: number) {
    for (const t of claimTemplates(sts)) {
      deleteIfPresent(this.ctx.api, R.pvcs, sts.metadata.namespace, claimName(t, sts, ordinal));
    }
  }

  /** Creates the pod of an ordinal; false when the API refused it (an existing pod is fine). */
  private createPod(sts: Obj, ordinal: number, revision: string): boolean {
    const what = `Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name}`;
    try {
      if (createIfAbsent(this.ctx.api, R.pods, sts.metadata.namespace, podFor(sts, ordinal, revision))) {
        this.events.normal(sts, "SuccessfulCreate", `create ${what} successful`);
      }
      return true;
    } catch (e) {
      this.events.warning(sts, "FailedCreate", `create ${what} failed error: ${expectApiError(e).message}`);
      return false;
    }
  }

  private deletePod(sts: Obj, pod: Obj) {
    if (deleteIfPresent(this.ctx.api, R.pods, pod.metadata.namespace, pod.metadata.name)) {
      const what = `Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name}`;
      this.events.normal(sts, "SuccessfulDelete", `delete ${what} successful`);
    }
  }

  private updateStatus(sts: Obj, updateRevision: string) {
    const pods = dependentsOf(this.ctx.store, R.pods, sts).filter(isPodActive);
    const ready = pods.filter(isPodReady).length;
    const atRevision = (revision: string) =>
      pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
    const updated = atRevision(updateRevision);
    this.ctx.api.setStatus(R.statefulSets, sts.metadata.namespace, sts.metadata.name, (o) => {
      const prevCurrent = o.status?.currentRevision as string | undefined;
      const replicas = o.spec?.replicas ?? 1;
      const done = updated === replicas && pods.length === replicas;
      const currentRevision = done || !prevCurrent ? updateRevision : prevCurrent;
      const counters = {
        observedGeneration: o.metadata.generation,
        replicas: pods.length,
        readyReplicas: ready,
        currentReplicas: atRevision(currentRevision),
        updatedReplicas: updated,
        availableReplicas: ready,
      };
      return {
        ...omitZeros(counters, ["replicas", "availableReplicas"]),
        currentRevision,
        updateRevision,
        collisionCount: 0,
      };
    });
  }
}
