/**
 * ResourceClaim controller (Dynamic Resource Allocation): a pod's claims from
 * ResourceClaimTemplates become ResourceClaims owned by the pod, recorded in
 * pod.status.resourceClaimStatuses. Allocation happens in the scheduler.
 */

import { ownerRefTo, splitKey } from "../context.ts";
import { randomSuffix } from "../json.ts";
import { R } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { ComponentEvents, Controller, expectApiError, keyOf } from "./controller.ts";

const FAILED = "FailedResourceClaimCreation";

function claimFrom(template: Obj, pod: Obj, podClaim: string, name: string): Obj {
  const meta = (template.spec?.metadata ?? {}) as Obj;
  return {
    metadata: {
      name,
      namespace: pod.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}), "resource.kubernetes.io/pod-claim-name": podClaim },
      ownerReferences: [ownerRefTo(R.pods, pod)],
    },
    spec: structuredClone(template.spec?.spec ?? {}),
  };
}

export class ResourceClaimController extends Controller {
  private readonly queue = this.workQueue("resource-claim", (k) => this.reconcile(k));
  private readonly events = new ComponentEvents(this.ctx.recorder, R.pods, "resource_claim");

  protected onEvent(ev: StoreEvent) {
    const hasClaims = (pod: Obj) => pod.spec?.resourceClaims?.length;
    if (ev.rt.key === R.pods.key && ev.type !== "DELETED" && hasClaims(ev.object)) {
      this.queue.add(keyOf(ev.object));
    }
    if (ev.rt.key === R.claimTemplates.key && ev.type === "ADDED") {
      for (const p of this.ctx.store.list(R.pods, ev.object.metadata.namespace)) {
        if (hasClaims(p)) this.queue.add(keyOf(p));
      }
    }
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const pod = this.ctx.store.get(R.pods, ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const statuses = [...((pod.status?.resourceClaimStatuses ?? []) as Obj[])];
    let changed = false;
    for (const rc of (pod.spec.resourceClaims ?? []) as Obj[]) {
      if (!rc.resourceClaimTemplateName || statuses.some((s) => s.name === rc.name)) continue;
      const claimName = this.createClaim(pod, rc);
      if (claimName === undefined) continue;
      statuses.push({ name: rc.name, resourceClaimName: claimName });
      changed = true;
    }
    if (changed) {
      this.ctx.api.internalUpdate(R.pods, ns, name, (o) => {
        o.status = { ...(o.status ?? {}), resourceClaimStatuses: statuses };
      });
    }
  }

  /** Creates the claim for one of the pod's claims from its template; returns its name. */
  private createClaim(pod: Obj, rc: Obj): string | undefined {
    const templateName = rc.resourceClaimTemplateName as string;
    const template = this.ctx.store.get(R.claimTemplates, pod.metadata.namespace, templateName);
    if (!template) {
      const notFound = `resourceclaimtemplate.resource.k8s.io "${templateName}" not found`;
      const message = `PodResourceClaim ${rc.name}: resource claim template "${templateName}": ${notFound}`;
      this.events.warning(pod, FAILED, message);
      return undefined;
    }
    const claimName = `${pod.metadata.name}-${rc.name}-${randomSuffix(5)}`;
    try {
      const body = claimFrom(template, pod, rc.name, claimName);
      this.ctx.api.create(R.claims, pod.metadata.namespace, body, { internal: true });
      return claimName;
    } catch (e) {
      this.events.warning(pod, FAILED, `PodResourceClaim ${rc.name}: ${expectApiError(e).message}`);
      return undefined;
    }
  }
}
