/**
 * Storage: claims are provisioned (a PersistentVolume per claim) and bound after a short delay;
 * claims carry kubernetes.io/pvc-protection and are only released once no pod uses them; a
 * released volume with reclaim policy Delete is deleted.
 */

import { objKey, splitKey } from "../context.ts";
import { getOrInsert } from "../maps.ts";
import { toAmounts } from "../quantity.ts";
import { R } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { Controller, createIfAbsent, deleteIfPresent, keyOf, removeFinalizer } from "./controller.ts";

const PROTECTION = "kubernetes.io/pvc-protection";
const PROVISIONER = "sim.csi.portico.dev";

function volumeFor(pvc: Obj, name: string, storage: string): Obj {
  const claimRef = {
    kind: "PersistentVolumeClaim",
    apiVersion: "v1",
    namespace: pvc.metadata.namespace,
    name: pvc.metadata.name,
    uid: pvc.metadata.uid,
    resourceVersion: pvc.metadata.resourceVersion,
  };
  return {
    metadata: { name, annotations: { "pv.kubernetes.io/provisioned-by": PROVISIONER } },
    spec: {
      capacity: { storage },
      accessModes: pvc.spec.accessModes,
      persistentVolumeReclaimPolicy: "Delete",
      storageClassName: pvc.spec.storageClassName,
      volumeMode: pvc.spec.volumeMode ?? "Filesystem",
      claimRef,
      csi: { driver: PROVISIONER, volumeHandle: pvc.metadata.uid, fsType: "ext4" },
    },
  };
}

export class VolumeController extends Controller {
  private readonly queue = this.workQueue("persistentvolume-binder", (key) => this.reconcile(key));
  /** claim key → pods using it (by pod key). */
  private readonly users = new Map<string, Set<string>>();
  private readonly bindAt = new Map<string, number>();

  private claimsOf(pod: Obj): string[] {
    return ((pod.spec?.volumes ?? []) as Obj[])
      .filter((v) => v.persistentVolumeClaim?.claimName)
      .map((v) => objKey(pod.metadata.namespace, v.persistentVolumeClaim.claimName));
  }

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.pvcs.key) this.onClaimEvent(ev);
    else if (ev.rt.key === R.pods.key) this.onPodEvent(ev);
  }

  private onClaimEvent(ev: StoreEvent) {
    const key = keyOf(ev.object);
    if (ev.type === "ADDED") this.bindAt.set(key, this.ctx.clock.now() + this.ctx.delays.bindPvcMs);
    if (ev.type !== "DELETED") return this.queue.add(key);
    this.bindAt.delete(key);
    const pvName = ev.object.spec?.volumeName;
    if (pvName) this.queue.add(`pv:${pvName}`);
  }

  /** Tracks which pods use each claim: a claim being deleted waits for its last user. */
  private onPodEvent(ev: StoreEvent) {
    const podKey = keyOf(ev.object);
    const active = ev.type !== "DELETED" && !["Succeeded", "Failed"].includes(ev.object.status?.phase);
    for (const c of this.claimsOf(ev.object)) {
      if (active) {
        getOrInsert(this.users, c, () => new Set()).add(podKey);
        continue;
      }
      const set = this.users.get(c);
      if (!set) continue;
      set.delete(podKey);
      if (set.size === 0) this.users.delete(c);
      this.queue.add(c);
    }
  }

  private reconcile(key: string) {
    if (key.startsWith("pv:")) return this.reclaim(key.slice(3));
    const [ns, name] = splitKey(key);
    const pvc = this.ctx.store.get(R.pvcs, ns, name);
    if (!pvc) return;
    if (pvc.metadata.deletionTimestamp) {
      if ((pvc.metadata.finalizers ?? []).includes(PROTECTION) && !this.users.get(key)?.size) {
        removeFinalizer(this.ctx.api, R.pvcs, ns, name, PROTECTION);
      }
      return;
    }
    if (pvc.status?.phase !== "Pending") return;
    const due = (this.bindAt.get(key) ?? 0) - this.ctx.clock.now();
    if (due > 0) {
      this.queue.addAfter(key, due);
      return;
    }
    this.bindAt.delete(key);
    this.bind(pvc);
  }

  private bind(pvc: Obj) {
    const pvName = `pvc-${pvc.metadata.uid}`;
    const storage = pvc.spec?.resources?.requests?.storage ?? "1Gi";
    if (!this.ctx.store.get(R.pvs, "", pvName)) {
      createIfAbsent(this.ctx.api, R.pvs, "", volumeFor(pvc, pvName, storage));
      this.ctx.api.internalUpdate(R.pvs, "", pvName, (o) => {
        o.status = { phase: "Bound", lastPhaseTransitionTime: this.ctx.api.now() };
      });
    }
    this.ctx.api.internalUpdate(R.pvcs, pvc.metadata.namespace, pvc.metadata.name, (o) => {
      o.spec.volumeName = pvName;
      o.metadata.annotations = {
        ...(o.metadata.annotations ?? {}),
        "pv.kubernetes.io/bind-completed": "yes",
        "pv.kubernetes.io/bound-by-controller": "yes",
        "volume.beta.kubernetes.io/storage-provisioner": PROVISIONER,
        "volume.kubernetes.io/storage-provisioner": PROVISIONER,
      };
      o.status = { phase: "Bound", accessModes: o.spec.accessModes, capacity: { storage } };
    });
    const bytes = String(toAmounts({ storage }).get("storage") ?? 0);
    const message = `Successfully provisioned volume ${pvName} (simulated: ${bytes} bytes, no data is stored)`;
    const source = { component: `${PROVISIONER}_csi-provisioner` };
    this.ctx.recorder.record(R.pvcs, pvc, "Normal", "ProvisioningSucceeded", message, source);
  }

  private reclaim(pvName: string) {
    const pv = this.ctx.store.get(R.pvs, "", pvName);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (ref && this.ctx.store.get(R.pvcs, ref.namespace, ref.name)?.metadata.uid === ref.uid) return;
    if (pv.spec?.persistentVolumeReclaimPolicy === "Delete") {
      deleteIfPresent(this.ctx.api, R.pvs, "", pvName);
      return;
    }
    this.ctx.api.internalUpdate(R.pvs, "", pvName, (o) => {
      o.status = { ...(o.status ?? {}), phase: "Released" };
    });
  }
}
