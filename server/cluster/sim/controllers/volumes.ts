/**
 * Storage: claims are provisioned (a PersistentVolume per claim) and bound after a short delay;
 * claims carry kubernetes.io/pvc-protection and are only released once no pod uses them; a
 * released volume with reclaim policy Delete is deleted.
 */
import { R } from "../resources.ts";
import { toAmounts } from "../quantity.ts";
import { ApiError } from "../status.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { objKey, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";

const PROTECTION = "kubernetes.io/pvc-protection";

export class VolumeController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;
  /** claim key → pods using it (by pod key). */
  private readonly users = new Map<string, Set<string>>();
  private readonly bindAt = new Map<string, number>();

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("persistentvolume-binder", ctx.clock, (key) => this.reconcile(key), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
  }

  close() {
    this.unsubscribe();
    this.queue.close();
  }

  private claimsOf(pod: Obj): string[] {
    return ((pod.spec?.volumes ?? []) as Obj[]).filter((v) => v.persistentVolumeClaim?.claimName).map((v) => objKey(pod.metadata.namespace, v.persistentVolumeClaim.claimName));
  }

  private onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.pvcs.key) {
      const key = objKey(ev.object.metadata.namespace, ev.object.metadata.name);
      if (ev.type === "ADDED") this.bindAt.set(key, this.ctx.clock.now() + this.ctx.delays.bindPvcMs);
      if (ev.type !== "DELETED") this.queue.add(key);
      else {
        this.bindAt.delete(key);
        const pvName = ev.object.spec?.volumeName;
        if (pvName) this.queue.add(`pv:${pvName}`);
      }
    } else if (ev.rt.key === R.pods.key) {
      const podKey = objKey(ev.object.metadata.namespace, ev.object.metadata.name);
      const active = ev.type !== "DELETED" && !["Succeeded", "Failed"].includes(ev.object.status?.phase);
      for (const c of this.claimsOf(ev.object)) {
        let set = this.users.get(c);
        if (active) {
          if (!set) this.users.set(c, (set = new Set()));
          set.add(podKey);
        } else if (set) {
          set.delete(podKey);
          if (set.size === 0) this.users.delete(c);
          this.queue.add(c);
        }
      }
    }
  }

  private reconcile(key: string) {
    if (key.startsWith("pv:")) return this.reclaim(key.slice(3));
    const [ns, name] = splitKey(key);
    const pvc = this.ctx.store.get(R.pvcs, ns, name);
    if (!pvc) return;
    if (pvc.metadata.deletionTimestamp) {
      if ((pvc.metadata.finalizers ?? []).includes(PROTECTION) && !this.users.get(key)?.size) {
        this.ctx.api.internalUpdate(R.pvcs, ns, name, (o) => {
          o.metadata.finalizers = (o.metadata.finalizers as string[]).filter((f) => f !== PROTECTION);
          if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
        });
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
      try {
        this.ctx.api.create(
          R.pvs,
          "",
          {
            metadata: {
              name: pvName,
              annotations: { "pv.kubernetes.io/provisioned-by": "sim.csi.portico.dev" },
            },
            spec: {
              capacity: { storage },
              accessModes: pvc.spec.accessModes,
              persistentVolumeReclaimPolicy: "Delete",
              storageClassName: pvc.spec.storageClassName,
              volumeMode: pvc.spec.volumeMode ?? "Filesystem",
              claimRef: {
                kind: "PersistentVolumeClaim",
                apiVersion: "v1",
                namespace: pvc.metadata.namespace,
                name: pvc.metadata.name,
                uid: pvc.metadata.uid,
                resourceVersion: pvc.metadata.resourceVersion,
              },
              csi: { driver: "sim.csi.portico.dev", volumeHandle: pvc.metadata.uid, fsType: "ext4" },
            },
          },
          { internal: true },
        );
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 409)) throw e;
      }
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
        "volume.beta.kubernetes.io/storage-provisioner": "sim.csi.portico.dev",
        "volume.kubernetes.io/storage-provisioner": "sim.csi.portico.dev",
      };
      o.status = { phase: "Bound", accessModes: o.spec.accessModes, capacity: { storage } };
    });
    this.ctx.recorder.record(
      R.pvcs,
      pvc,
      "Normal",
      "ProvisioningSucceeded",
      `Successfully provisioned volume ${pvName} (simulated: ${String(toAmounts({ storage }).get("storage") ?? 0)} bytes, no data is stored)`,
      { component: "sim.csi.portico.dev_csi-provisioner" },
    );
  }

  private reclaim(pvName: string) {
    const pv = this.ctx.store.get(R.pvs, "", pvName);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (ref && this.ctx.store.get(R.pvcs, ref.namespace, ref.name)?.metadata.uid === ref.uid) return;
    if (pv.spec?.persistentVolumeReclaimPolicy === "Delete") {
      try {
        this.ctx.api.delete(R.pvs, "", pvName, {});
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    } else {
      this.ctx.api.internalUpdate(R.pvs, "", pvName, (o) => {
        o.status = { ...(o.status ?? {}), phase: "Released" };
      });
    }
  }
}
