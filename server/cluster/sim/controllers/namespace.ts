/**
 * Namespaces: the "default" ServiceAccount in every active namespace (ServiceAccount controller),
 * and namespace deletion (namespace controller): delete everything inside, then drop the
 * "kubernetes" finalizer so the namespace goes away.
 */
import { RESOURCE_TYPES, R } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { StoreEvent } from "../store.ts";
import type { SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";

export class NamespaceController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("namespace", ctx.clock, (name) => this.reconcile(name), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
    for (const ns of ctx.store.list(R.namespaces)) this.queue.add(ns.metadata.name);
  }

  close() {
    this.unsubscribe();
    this.queue.close();
  }

  private onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.namespaces.key) {
      if (ev.type !== "DELETED") this.queue.add(ev.object.metadata.name);
      return;
    }
    if (!ev.rt.namespaced) return;
    const ns = ev.object.metadata.namespace as string;
    if (ev.type === "DELETED") {
      const nsObj = this.ctx.store.get(R.namespaces, "", ns);
      if (nsObj?.metadata.deletionTimestamp || (ev.rt.key === R.serviceAccounts.key && ev.object.metadata.name === "default")) this.queue.add(ns);
    }
  }

  private reconcile(name: string) {
    const ns = this.ctx.store.get(R.namespaces, "", name);
    if (!ns) return;
    if (!ns.metadata.deletionTimestamp) {
      if (!this.ctx.store.get(R.serviceAccounts, name, "default")) {
        this.ctx.api.create(R.serviceAccounts, name, { metadata: { name: "default" } }, { internal: true });
      }
      return;
    }
    // Terminating: delete content, wait for it to be gone.
    let remaining = 0;
    for (const rt of RESOURCE_TYPES) {
      if (!rt.namespaced) continue;
      for (const o of this.ctx.store.list(rt, name)) {
        remaining++;
        if (o.metadata.deletionTimestamp) continue;
        try {
          this.ctx.api.delete(rt, name, o.metadata.name, { propagationPolicy: "Background" });
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
      }
    }
    let left = 0;
    for (const rt of RESOURCE_TYPES) if (rt.namespaced) left += this.ctx.store.count(rt, name);
    if (left > 0) return; // waits for DELETED events (pods terminate gracefully)
    void remaining;
    this.ctx.api.internalUpdate(R.namespaces, "", name, (o) => {
      o.spec = { ...(o.spec ?? {}), finalizers: ((o.spec?.finalizers ?? []) as string[]).filter((f) => f !== "kubernetes") };
      if (o.spec.finalizers.length === 0) delete o.spec.finalizers;
    });
  }
}
