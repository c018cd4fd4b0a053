/**
 * ResourceClaim controller (Dynamic Resource Allocation): a pod's claims from
 * ResourceClaimTemplates become ResourceClaims owned by the pod, recorded in
 * pod.status.resourceClaimStatuses. Allocation happens in the scheduler.
 */
import { randomSuffix } from "../json.ts";
import { R } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { objKey, ownerRefTo, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";

export class ResourceClaimController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("resource-claim", ctx.clock, (k) => this.reconcile(k), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev: StoreEvent) => {
      if (ev.rt.key === R.pods.key && ev.type !== "DELETED" && ev.object.spec?.resourceClaims?.length) {
        this.queue.add(objKey(ev.object.metadata.namespace, ev.object.metadata.name));
      }
      if (ev.rt.key === R.claimTemplates.key && ev.type === "ADDED") {
        for (const p of ctx.store.list(R.pods, ev.object.metadata.namespace)) {
          if (p.spec?.resourceClaims?.length) this.queue.add(objKey(p.metadata.namespace, p.metadata.name));
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
    const pod = this.ctx.store.get(R.pods, ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const statuses = [...((pod.status?.resourceClaimStatuses ?? []) as Obj[])];
    let changed = false;
    for (const rc of (pod.spec.resourceClaims ?? []) as Obj[]) {
      if (!rc.resourceClaimTemplateName || statuses.some((s) => s.name === rc.name)) continue;
      const template = this.ctx.store.get(R.claimTemplates, ns, rc.resourceClaimTemplateName);
      if (!template) {
        this.ctx.recorder.record(
          R.pods,
          pod,
          "Warning",
          "FailedResourceClaimCreation",
          `PodResourceClaim ${rc.name}: resource claim template "${rc.resourceClaimTemplateName}": resourceclaimtemplate.resource.k8s.io "${rc.resourceClaimTemplateName}" not found`,
          { component: "resource_claim" },
        );
        continue;
      }
      const claimName = `${pod.metadata.name}-${rc.name}-${randomSuffix(5)}`;
      try {
        this.ctx.api.create(
          R.claims,
          ns,
          {
            metadata: {
              name: claimName,
              namespace: ns,
              labels: { ...(template.spec?.metadata?.labels ?? {}) },
              annotations: { ...(template.spec?.metadata?.annotations ?? {}), "resource.kubernetes.io/pod-claim-name": rc.name },
              ownerReferences: [ownerRefTo(R.pods, pod)],
            },
            spec: structuredClone(template.spec?.spec ?? {}),
          },
          { internal: true },
        );
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.ctx.recorder.record(R.pods, pod, "Warning", "FailedResourceClaimCreation", `PodResourceClaim ${rc.name}: ${e.message}`, { component: "resource_claim" });
        continue;
      }
      statuses.push({ name: rc.name, resourceClaimName: claimName });
      changed = true;
    }
    if (changed) {
      this.ctx.api.internalUpdate(R.pods, ns, name, (o) => {
        o.status = { ...(o.status ?? {}), resourceClaimStatuses: statuses };
      });
    }
  }
}
