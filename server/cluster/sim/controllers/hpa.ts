/**
 * HorizontalPodAutoscaler status. There is no metrics API on the simulated cluster, so — exactly
 * as a real cluster without metrics-server — the HPA reports ScalingActive=False and never scales.
 */
import { R, resourceForKind } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { objKey, setCondition, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";

export class HpaController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("horizontal-pod-autoscaler", ctx.clock, (k) => this.reconcile(k), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev: StoreEvent) => {
      if (ev.type === "DELETED") return;
      if (ev.rt.key === R.hpas.key) this.queue.add(objKey(ev.object.metadata.namespace, ev.object.metadata.name));
      else if (ev.rt.key === R.deployments.key || ev.rt.key === R.statefulSets.key) {
        for (const h of ctx.store.list(R.hpas, ev.object.metadata.namespace)) {
          if (h.spec?.scaleTargetRef?.name === ev.object.metadata.name) this.queue.add(objKey(h.metadata.namespace, h.metadata.name));
        }
      }
    });
  }

  close() {
    this.unsubscribe();
    this.queue.close();
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
      const conditions = [...((o.status?.conditions ?? []) as Obj[])];
      if (!target) {
        setCondition(conditions, { type: "AbleToScale", status: "False", reason: "FailedGetScale", message: `the HPA controller was unable to get the target's current scale: ${rt ? rt.qualified : String(ref.kind)} "${String(ref.name)}" not found` }, now);
      } else {
        setCondition(conditions, { type: "AbleToScale", status: "True", reason: "SucceededGetScale", message: "the HPA controller was able to get the target's current scale" }, now);
        setCondition(
          conditions,
          { type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric", message: "the HPA was unable to compute the replica count: the simulated cluster has no metrics API (metrics.k8s.io)" },
          now,
        );
      }
      const current = target?.status?.replicas ?? 0;
      return { currentReplicas: current, desiredReplicas: target?.spec?.replicas ?? 0, conditions };
    });
  }
}
