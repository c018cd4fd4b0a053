/**
 * DynamoGraphDeployment (nvidia.com/v1alpha1), as the Dynamo operator's non-Grove path does it:
 * one Deployment per service (frontend, prefill and decode workers…), a Service for the frontend,
 * GPU tolerations for GPU services, and status.state "successful" once everything is ready.
 */
import { R } from "../resources.ts";
import { ApiError } from "../status.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { controllerRef, objKey, ownerRefTo, setCondition, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";
import { isPlainObject } from "../json.ts";

const FRONTEND_PORT = 8000;

function dnsName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "");
}

function toK8sResources(res: Obj | undefined): Obj {
  const out: Obj = {};
  for (const kind of ["requests", "limits"]) {
    const src = res?.[kind] as Obj | undefined;
    if (!src) continue;
    const dst: Obj = {};
    for (const [k, v] of Object.entries(src)) {
      if (v === undefined || v === null || v === "") continue;
      if (k === "gpu") dst["nvidia.com/gpu"] = String(v);
      else if (k === "custom" && isPlainObject(v)) Object.assign(dst, v);
      else dst[k] = String(v);
    }
    if (Object.keys(dst).length) out[kind] = dst;
  }
  // GPUs are not overcommittable: a GPU limit is also the request.
  if (out.limits?.["nvidia.com/gpu"] && !out.requests?.["nvidia.com/gpu"]) out.requests = { ...(out.requests ?? {}), "nvidia.com/gpu": out.limits["nvidia.com/gpu"] };
  if (out.requests?.["nvidia.com/gpu"] && !out.limits?.["nvidia.com/gpu"]) out.limits = { ...(out.limits ?? {}), "nvidia.com/gpu": out.requests["nvidia.com/gpu"] };
  return out;
}

export class DynamoController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue("dynamo-graph-deployment", ctx.clock, (k) => this.reconcile(k), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev: StoreEvent) => {
      if (ev.rt.key === R.dynamo.key && ev.type !== "DELETED") this.queue.add(objKey(ev.object.metadata.namespace, ev.object.metadata.name));
      else if (ev.rt.key === R.deployments.key) {
        const ref = controllerRef(ev.object);
        if (ref?.kind === "DynamoGraphDeployment") this.queue.add(objKey(ev.object.metadata.namespace, ref.name));
      }
    });
  }

  close() {
    this.unsubscribe();
    this.queue.close();
  }

  private desiredDeployment(dgd: Obj, serviceName: string, svc: Obj): { name: string; body: Obj; error?: string } {
    const name = `${dgd.metadata.name}-${dnsName(serviceName)}`;
    const extra = (svc.extraPodSpec ?? {}) as Obj;
    const main = (extra.mainContainer ?? {}) as Obj;
    const componentType = String(svc.componentType ?? "worker");
    const isFrontend = componentType === "frontend" || componentType === "main";
    const labels: Record<string, string> = {
      "nvidia.com/dynamo-graph-deployment-name": dgd.metadata.name,
      "nvidia.com/dynamo-component": serviceName,
      "nvidia.com/dynamo-component-type": componentType,
      ...(svc.subComponentType ? { "nvidia.com/dynamo-sub-component-type": String(svc.subComponentType) } : {}),
      "nvidia.com/dynamo-namespace": String(svc.dynamoNamespace ?? `${dgd.metadata.namespace}-${dgd.metadata.name}`),
      ...((svc.labels ?? {}) as Record<string, string>),
    };
    const env = [...((dgd.spec?.envs ?? []) as Obj[]), ...((svc.envs ?? []) as Obj[]), ...((main.env ?? []) as Obj[])];
    const resources = toK8sResources(svc.resources);
    const container: Obj = {
      ...main,
      name: "main",
      image: main.image,
      ...(env.length ? { env } : {}),
      ...(Object.keys(resources).length ? { resources } : {}),
      ...(svc.envFromSecret ? { envFrom: [...((main.envFrom ?? []) as Obj[]), { secretRef: { name: svc.envFromSecret } }] } : {}),
      ...(svc.livenessProbe ? { livenessProbe: svc.livenessProbe } : {}),
      ...(svc.readinessProbe ? { readinessProbe: svc.readinessProbe } : {}),
    };
    if (isFrontend && !container.ports) container.ports = [{ name: "http", containerPort: FRONTEND_PORT, protocol: "TCP" }];
    const { mainContainer: _m, ...podExtra } = extra;
    void _m;
    const podSpec: Obj = { ...podExtra, containers: [container, ...((podExtra.containers ?? []) as Obj[])] };
    if (resources.limits?.["nvidia.com/gpu"]) {
      const tolerations = (podSpec.tolerations ?? []) as Obj[];
      if (!tolerations.some((t) => t.key === "nvidia.com/gpu")) podSpec.tolerations = [...tolerations, { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }];
    }
    const body = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: dgd.metadata.namespace, labels, ownerReferences: [ownerRefTo(R.dynamo, dgd)] },
      spec: {
        replicas: svc.replicas ?? 1,
        selector: { matchLabels: { "nvidia.com/dynamo-graph-deployment-name": dgd.metadata.name, "nvidia.com/dynamo-component": serviceName } },
        template: { metadata: { labels, ...(svc.annotations ? { annotations: svc.annotations } : {}) }, spec: podSpec },
      },
    };
    return { name, body, error: main.image ? undefined : `service ${serviceName}: extraPodSpec.mainContainer.image is required` };
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const dgd = this.ctx.store.get(R.dynamo, ns, name);
    if (!dgd || dgd.metadata.deletionTimestamp) return;
    const services = (isPlainObject(dgd.spec?.services) ? dgd.spec.services : {}) as Record<string, Obj>;
    const statuses: Record<string, Obj> = {};
    const errorsFound: string[] = [];
    const notReady: string[] = [];
    const wanted = new Set<string>();
    for (const [serviceName, svc] of Object.entries(services)) {
      const d = this.desiredDeployment(dgd, serviceName, svc ?? {});
      wanted.add(d.name);
      if (d.error) {
        errorsFound.push(d.error);
        continue;
      }
      try {
        this.ensure(R.deployments, ns, d.name, d.body);
        if ((svc?.componentType ?? "") === "frontend" || svc?.componentType === "main") {
          this.ensure(R.services, ns, d.name, {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: d.name, namespace: ns, labels: d.body.metadata.labels, ownerReferences: [ownerRefTo(R.dynamo, dgd)] },
            spec: { selector: d.body.spec.selector.matchLabels, ports: [{ name: "http", port: FRONTEND_PORT, targetPort: FRONTEND_PORT, protocol: "TCP" }] },
          });
        }
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errorsFound.push(`service ${serviceName}: ${e.message}`);
        continue;
      }
      const dep = this.ctx.store.get(R.deployments, ns, d.name);
      const st = dep?.status ?? {};
      const replicas = svc?.replicas ?? 1;
      statuses[serviceName] = {
        componentKind: "Deployment",
        componentName: d.name,
        componentNames: [d.name],
        replicas: st.replicas ?? 0,
        updatedReplicas: st.updatedReplicas ?? 0,
        readyReplicas: st.readyReplicas ?? 0,
        availableReplicas: st.availableReplicas ?? 0,
      };
      if ((st.availableReplicas ?? 0) < replicas || (st.updatedReplicas ?? 0) < replicas || dep?.status?.observedGeneration !== dep?.metadata.generation) notReady.push(serviceName);
    }
    // Services removed from the graph.
    for (const ref of this.ctx.store.dependentsOf(dgd.metadata.uid)) {
      if ((ref.rt.key === R.deployments.key || ref.rt.key === R.services.key) && !wanted.has(ref.name)) {
        try {
          this.ctx.api.delete(ref.rt, ref.namespace, ref.name, {});
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
      }
    }
    const now = this.ctx.clock.now();
    this.ctx.api.setStatus(R.dynamo, ns, name, (o) => {
      const conditions = [...((o.status?.conditions ?? []) as Obj[])];
      let state: string;
      if (errorsFound.length > 0) {
        state = "failed";
        setCondition(conditions, { type: "Ready", status: "False", reason: "reconcile_failed", message: errorsFound.join("; "), observedGeneration: o.metadata.generation }, now);
      } else if (notReady.length > 0) {
        state = "pending";
        setCondition(conditions, { type: "Ready", status: "False", reason: "some_resources_are_not_ready", message: `Resources not ready: ${notReady.join(", ")}`, observedGeneration: o.metadata.generation }, now);
      } else {
        state = "successful";
        setCondition(conditions, { type: "Ready", status: "True", reason: "all_resources_are_ready", message: "All resources are ready", observedGeneration: o.metadata.generation }, now);
      }
      return { observedGeneration: o.metadata.generation, state, conditions, services: statuses };
    });
  }

  /** Creates the object, or updates its spec when it drifted. */
  private ensure(rt: typeof R.deployments | typeof R.services, ns: string, name: string, body: Obj) {
    const existing = this.ctx.store.get(rt, ns, name);
    if (!existing) {
      this.ctx.api.create(rt, ns, body, { internal: true });
      return;
    }
    if (rt.key === R.services.key) return;
    const next = structuredClone(existing);
    next.metadata.labels = body.metadata.labels;
    next.spec = { ...next.spec, replicas: body.spec.replicas, template: body.spec.template };
    this.ctx.api.replace(rt, ns, name, next, { internal: true });
  }
}
