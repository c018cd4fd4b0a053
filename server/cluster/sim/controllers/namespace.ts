/**
 * Namespaces: the "default" ServiceAccount in every active namespace (ServiceAccount controller),
 * and namespace deletion (namespace controller): delete everything inside, then drop the
 * "kubernetes" finalizer so the namespace goes away.
 */

import type { SimContext } from "../context.ts";
import { R, RESOURCE_TYPES } from "../resources.ts";
import type { StoreEvent } from "../store.ts";
import { Controller, deleteIfPresent } from "./controller.ts";

export class NamespaceController extends Controller {
  private readonly queue = this.workQueue("namespace", (name) => this.reconcile(name));

  constructor(ctx: SimContext) {
    super(ctx);
    for (const ns of ctx.store.list(R.namespaces)) this.queue.add(ns.metadata.name);
  }

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.namespaces.key) {
      if (ev.type !== "DELETED") this.queue.add(ev.object.metadata.name);
      return;
    }
    if (!ev.rt.namespaced || ev.type !== "DELETED") return;
    const ns = ev.object.metadata.namespace as string;
    const terminating = this.ctx.store.get(R.namespaces, "", ns)?.metadata.deletionTimestamp;
    const isDefaultAccount = ev.rt.key === R.serviceAccounts.key && ev.object.metadata.name === "default";
    if (terminating || isDefaultAccount) this.queue.add(ns);
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
    this.deleteContents(name);
    let left = 0;
    for (const rt of RESOURCE_TYPES) if (rt.namespaced) left += this.ctx.store.count(rt, name);
    if (left > 0) return; // waits for DELETED events (pods terminate gracefully)
    this.ctx.api.internalUpdate(R.namespaces, "", name, (o) => {
      const finalizers = ((o.spec?.finalizers ?? []) as string[]).filter((f) => f !== "kubernetes");
      o.spec = { ...(o.spec ?? {}), finalizers };
      if (o.spec.finalizers.length === 0) delete o.spec.finalizers;
    });
  }

  /** Deletes every object in the namespace that is not already terminating. */
  private deleteContents(namespace: string) {
    for (const rt of RESOURCE_TYPES) {
      if (!rt.namespaced) continue;
      for (const o of this.ctx.store.list(rt, namespace)) {
        if (o.metadata.deletionTimestamp) continue;
        deleteIfPresent(this.ctx.api, rt, namespace, o.metadata.name, { propagationPolicy: "Background" });
      }
    }
  }
}
