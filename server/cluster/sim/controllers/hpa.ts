/**
 * HorizontalPodAutoscaler status. There is no metrics API on the simulated cluster, so — exactly
 * as a real cluster without metrics-server — the HPA reports ScalingActive=False and never scales.
 */

import { setCondition, splitKey } from "../context.ts";
import { R, type ResourceType, resourceForKind } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { Controller, copyConditions, keyOf } from "./controller.ts";

const NO_METRICS = {
  type: "ScalingActive",
  status: "False",
  reason: "FailedGetResourceMetric",
  message:
    "the HPA was unable to compute the replica count: " + "the simulated cluster has no metrics API (metrics.k8s.io)",
};
const GOT_SCALE = {
  type: "AbleToScale",
  status: "True",
  reason: "SucceededGetScale",
  message: "the HPA controller was able to get the target's current scale",
};

function targetMissing(rt: ResourceType | undefined, ref: Obj): Obj {
  const what = `${rt ? rt.qualified : String(ref.kind)} "${String(ref.name)}"`;
  const message = `the HPA controller was unable to get the target's current scale: ${what} not found`;
  return { type: "AbleToScale", status: "False", reason: "FailedGetScale", message };
}

export class HpaController extends Controller {
  private readonly queue = this.workQueue("horizontal-pod-autoscaler", (k) => this.reconcile(k));

  protected onEvent(ev: StoreEvent) {
    if (ev.type === "DELETED") return;
    if (ev.rt.key === R.hpas.key) this.queue.add(keyOf(ev.object));
    else if (ev.rt.key === R.deployments.key || ev.rt.key === R.statefulSets.key) {
      for (const h of this.ctx.store.list(R.hpas, ev.object.metadata.namespace)) {
        if (h.spec?.scaleTargetRef?.name === ev.object.metadata.name) this.queue.add(keyOf(h));
      }
    }
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const hpa = this.ctx.store.get(R.hpas, ns, name);
    if (!hpa) return;
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const rt = resourceForKind(ref.apiVersion ?? "apps/v1", ref.kind);
    const target = rt ? this.ctx.store.get(rt, ns, ref.name) : undefined;
    const now = this.ctx.clock.now();
    this.ctx.api.setStatus(R.hpas, ns, name, (o) => {
      const conditions = copyConditions(o);
      if (!target) setCondition(conditions, targetMissing(rt, ref), now);
      else {
        setCondition(conditions, GOT_SCALE, now);
        setCondition(conditions, NO_METRICS, now);
      }
      const current = target?.status?.replicas ?? 0;
      return { currentReplicas: current, desiredReplicas: target?.spec?.replicas ?? 0, conditions };
    });
  }
}
