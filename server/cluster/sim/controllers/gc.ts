/**
 * Garbage collector: cascading deletion through ownerReferences.
 * Background: dependents of a removed owner are deleted after it. Foreground: the owner waits
 * (finalizer foregroundDeletion) until its dependents are gone. Orphan: dependents lose the
 * ownerReference and stay.
 */
import type { Obj, ObjectRef, StoreEvent } from "../store.ts";
import { Controller, deleteIfPresent, removeFinalizer } from "./controller.ts";

export class GarbageCollector extends Controller {
  /** uid → owner is gone: delete (or detach) its dependents. */
  private readonly orphaned = this.workQueue("garbage-collector", (uid) => this.collectDependents(uid));
  /** uid of an owner waiting on its finalizers. */
  private readonly finalizing = this.workQueue("garbage-collector-finalizers", (uid) => this.finalize(uid));

  protected onEvent(ev: StoreEvent) {
    const m = ev.object.metadata;
    if (ev.type === "DELETED") {
      if (this.ctx.store.dependentsOf(m.uid).length > 0) this.orphaned.add(m.uid);
      // A dependent went away: its owners waiting in foreground may be done.
      for (const ref of (m.ownerReferences ?? []) as Obj[]) this.finalizing.add(ref.uid);
      return;
    }
    const fin = (m.finalizers ?? []) as string[];
    const waitsOnDependents = fin.includes("foregroundDeletion") || fin.includes("orphan");
    if (m.deletionTimestamp && waitsOnDependents) this.finalizing.add(m.uid);
    if (ev.type === "ADDED" && m.ownerReferences?.length) {
      // Created pointing at owners that no longer exist (e.g. a controller racing a delete).
      const anyAlive = (m.ownerReferences as Obj[]).some((r) => this.ctx.store.getByUid(r.uid));
      if (!anyAlive) this.orphaned.add((m.ownerReferences as Obj[])[0]!.uid);
    }
  }

  private deleteRef(ref: ObjectRef, policy: "Background" | "Foreground") {
    deleteIfPresent(this.ctx.api, ref.rt, ref.namespace, ref.name, { propagationPolicy: policy });
  }

  /** The owner `uid` no longer exists. */
  private collectDependents(uid: string) {
    if (this.ctx.store.getByUid(uid)) return;
    for (const ref of this.ctx.store.dependentsOf(uid)) {
      const dep = this.ctx.store.get(ref.rt, ref.namespace, ref.name);
      if (!dep) continue;
      const owners = (dep.metadata.ownerReferences ?? []) as Obj[];
      const alive = owners.filter((o) => o.uid !== uid && this.ctx.store.getByUid(o.uid));
      if (alive.length > 0) {
        this.ctx.api.internalUpdate(ref.rt, ref.namespace, ref.name, (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences as Obj[]).filter((r) => r.uid !== uid);
        });
      } else if (!dep.metadata.deletionTimestamp) {
        this.deleteRef(ref, "Background");
      }
    }
  }

  /** An owner being deleted with foregroundDeletion / orphan finalizers. */
  private finalize(uid: string) {
    const found = this.ctx.store.getByUid(uid);
    if (!found) return;
    const { rt, namespace, name, object } = found;
    if (!object.metadata.deletionTimestamp) return;
    const fin = (object.metadata.finalizers ?? []) as string[];
    const dependents = this.ctx.store.dependentsOf(uid);
    if (fin.includes("orphan")) {
      for (const ref of dependents) {
        this.ctx.api.internalUpdate(ref.rt, ref.namespace, ref.name, (o) => {
          o.metadata.ownerReferences = ((o.metadata.ownerReferences ?? []) as Obj[]).filter((r) => r.uid !== uid);
          if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
        });
      }
      removeFinalizer(this.ctx.api, rt, namespace, name, "orphan");
      return;
    }
    if (fin.includes("foregroundDeletion")) {
      let waiting = 0;
      for (const ref of dependents) {
        const dep = this.ctx.store.get(ref.rt, ref.namespace, ref.name);
        if (!dep) continue;
        waiting++;
        if (!dep.metadata.deletionTimestamp) this.deleteRef(ref, "Foreground");
      }
      if (waiting === 0 || this.ctx.store.dependentsOf(uid).length === 0) {
        removeFinalizer(this.ctx.api, rt, namespace, name, "foregroundDeletion");
      }
    }
  }
}
