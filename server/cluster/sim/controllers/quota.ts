/** ResourceQuota status: status.hard mirrors spec.hard, status.used tracks the namespace's usage. */

import type { SimContext } from "../context.ts";
import { formatQuantity } from "../quantity.ts";
import { R } from "../resources.ts";
import type { StoreEvent } from "../store.ts";
import { Controller } from "./controller.ts";

export class QuotaController extends Controller {
  private readonly queue = this.workQueue("resourcequota", (ns) => this.reconcile(ns));

  constructor(ctx: SimContext) {
    super(ctx);
    this.closeWith(
      ctx.usage.onChange((ns) => {
        if (ctx.store.count(R.quotas, ns) > 0) this.queue.add(ns);
      }),
    );
  }

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.quotas.key && ev.type !== "DELETED") this.queue.add(ev.object.metadata.namespace);
  }

  private reconcile(ns: string) {
    const used = this.ctx.usage.used(ns);
    for (const q of this.ctx.store.list(R.quotas, ns)) {
      if (q.metadata.deletionTimestamp) continue;
      const hard = (q.spec?.hard ?? {}) as Record<string, string>;
      const usedOut: Record<string, string> = {};
      for (const r of Object.keys(hard).sort()) {
        usedOut[r] = formatQuantity(used.get(r) ?? 0, r.replace(/^(requests|limits)\./, ""));
      }
      this.ctx.api.setStatus(R.quotas, ns, q.metadata.name, () => ({ hard: { ...hard }, used: usedOut }));
    }
  }
}
