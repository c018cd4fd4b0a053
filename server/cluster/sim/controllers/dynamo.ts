/**
 * DynamoGraphDeployment (nvidia.com/v1alpha1), as the Dynamo operator's non-Grove path does it:
 * one Deployment per service (frontend, prefill and decode workers…), a Service for the frontend,
 * GPU tolerations for GPU services, and status.state "successful" once everything is ready.
 */

import { ownerRefTo, setCondition, splitKey } from "../context.ts";
import { isPlainObject } from "../json.ts";
import { R } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { Controller, copyConditions, deleteIfPresent, expectApiError, keyOf, queueController } from "./controller.ts";

const FRONTEND_PORT = 8000;
const GRAPH_LABEL = "nvidia.com/dynamo-graph-deployment-name";
const COMPONENT_LABEL = "nvidia.com/dynamo-component";
const GPU = "nvidia.com/gpu";

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
      if (k === "gpu") dst[GPU] = String(v);
      else if (k === "custom" && isPlainObject(v)) Object.assign(dst, v);
      else dst[k] = String(v);
    }
    if (Object.keys(dst).length) out[kind] = dst;
  }
  // GPUs are not overcommittable: a GPU limit is also the request.
  const gpus = out.limits?.[GPU] ?? out.requests?.[GPU];
  if (gpus && !out.requests?.[GPU]) out.requests = { ...(out.requests ?? {}), [GPU]: gpus };
  if (gpus && !out.limits?.[GPU]) out.limits = { ...(out.limits ?? {}), [GPU]: gpus };
  return out;
}

function componentLabels(dgd: Obj, serviceName: string, svc: Obj): Record<string, string> {
  const subType: Record<string, string> = svc.subComponentType
    ? { "nvidia.com/dynamo-sub-component-type": String(svc.subComponentType) }
    : {};
  const dynamoNamespace = svc.dynamoNamespace ?? `${dgd.metadata.namespace}-${dgd.metadata.name}`;
  return {
    [GRAPH_LABEL]: String(dgd.metadata.name),
    [COMPONENT_LABEL]: serviceName,
    "nvidia.com/dynamo-component-type": String(svc.componentType ?? "worker"),
    ...subType,
    "nvidia.com/dynamo-namespace": String(dynamoNamespace),
    ...((svc.labels ?? {}) as Record<string, string>),
  };
}

/** The service's main container: env from the graph, the service and itself, resources, probes. */
function mainContainer(dgd: Obj, svc: Obj, resources: Obj): Obj {
  const main = (svc.extraPodSpec?.mainContainer ?? {}) as Obj;
  const envs = (o: Obj | undefined) => (o?.envs ?? []) as Obj[];
  const env = [...envs(dgd.spec), ...envs(svc), ...((main.env ?? []) as Obj[])];
  const envFrom = [...((main.envFrom ?? []) as Obj[]), { secretRef: { name: svc.envFromSecret } }];
  const container: Obj = {
    ...main,
    name: "main",
    image: main.image,
    ...(env.length ? { env } : {}),
    ...(Object.keys(resources).length ? { resources } : {}),
    ...(svc.envFromSecret ? { envFrom } : {}),
    ...(svc.livenessProbe ? { livenessProbe: svc.livenessProbe } : {}),
    ...(svc.readinessProbe ? { readinessProbe: svc.readinessProbe } : {}),
  };
  if (isFrontend(svc) && !container.ports) {
    container.ports = [{ name: "http", containerPort: FRONTEND_PORT, protocol: "TCP" }];
  }
  return container;
}

/** extraPodSpec with the main container first; GPU services tolerate the GPU nodes' taint. */
function podSpecFor(svc: Obj, container: Obj, resources: Obj): Obj {
  const extra: Obj = { ...((svc.extraPodSpec ?? {}) as Obj) };
  delete extra.mainContainer;
  const podSpec: Obj = { ...extra, containers: [container, ...((extra.containers ?? []) as Obj[])] };
  if (resources.limits?.[GPU]) {
    const tolerations = (podSpec.tolerations ?? []) as Obj[];
    if (!tolerations.some((t) => t.key === GPU)) {
      podSpec.tolerations = [...tolerations, { key: GPU, operator: "Exists", effect: "NoSchedule" }];
    }
  }
  return podSpec;
}

interface DesiredDeployment {
  name: string;
  body: Obj;
  /** Why the service cannot run. */
  error?: string;
}

/** The Deployment a graph service runs as. */
function desiredDeployment(dgd: Obj, serviceName: string, svc: Obj): DesiredDeployment {
  const name = `${dgd.metadata.name}-${dnsName(serviceName)}`;
  const labels = componentLabels(dgd, serviceName, svc);
  const resources = toK8sResources(svc.resources);
  const container = mainContainer(dgd, svc, resources);
  const owner = [ownerRefTo(R.dynamo, dgd)];
  const template = { metadata: { labels, ...(svc.annotations ? { annotations: svc.annotations } : {}) } };
  const body = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: dgd.metadata.namespace, labels, ownerReferences: owner },
    spec: {
      replicas: svc.replicas ?? 1,
      selector: { matchLabels: { [GRAPH_LABEL]: dgd.metadata.name, [COMPONENT_LABEL]: serviceName } },
      template: { ...template, spec: podSpecFor(svc, container, resources) },
    },
  };
  if (container.image) return { name, body };
  return { name, body, error: `service ${serviceName}: extraPodSpec.mainContainer.image is required` };
}

function isFrontend(svc: Obj | undefined): boolean {
  return svc?.componentType === "frontend" || svc?.componentType === "main";
}

/** The frontend's Service, selecting the pods of its Deployment. */
function frontendService(dgd: Obj, deployment: Obj): Obj {
  const { name, namespace, labels } = deployment.metadata;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace, labels, ownerReferences: [ownerRefTo(R.dynamo, dgd)] },
    spec: {
      selector: deployment.spec.selector.matchLabels,
      ports: [{ name: "http", port: FRONTEND_PORT, targetPort: FRONTEND_PORT, protocol: "TCP" }],
    },
  };
}

/** The status entry of one service, and whether its Deployment has caught up with the graph. */
function serviceStatus(name: string, deployment: Obj | undefined, svc: Obj | undefined) {
  const st = deployment?.status ?? {};
  const replicas = svc?.replicas ?? 1;
  const status: Obj = {
    componentKind: "Deployment",
    componentName: name,
    componentNames: [name],
    replicas: st.replicas ?? 0,
    updatedReplicas: st.updatedReplicas ?? 0,
    readyReplicas: st.readyReplicas ?? 0,
    availableReplicas: st.availableReplicas ?? 0,
  };
  const ready =
    (st.availableReplicas ?? 0) >= replicas &&
    (st.updatedReplicas ?? 0) >= replicas &&
    deployment?.status?.observedGeneration === deployment?.metadata.generation;
  return { status, ready };
}

/** status.state and the Ready condition, from what reconciling the services found. */
function readiness(errors: string[], notReady: string[]): { state: string; ready: Obj } {
  if (errors.length > 0) {
    const message = errors.join("; ");
    return { state: "failed", ready: { status: "False", reason: "reconcile_failed", message } };
  }
  if (notReady.length > 0) {
    const message = `Resources not ready: ${notReady.join(", ")}`;
    return { state: "pending", ready: { status: "False", reason: "some_resources_are_not_ready", message } };
  }
  const ready = { status: "True", reason: "all_resources_are_ready", message: "All resources are ready" };
  return { state: "successful", ready };
}

interface GraphProgress {
  statuses: Record<string, Obj>;
  errors: string[];
  notReady: string[];
  /** Names of the Deployments (and Services) the graph wants. */
  wanted: Set<string>;
}

export class DynamoController extends Controller {
  private readonly queue = this.workQueue("dynamo-graph-deployment", (k) => this.reconcile(k));

  protected onEvent(ev: StoreEvent) {
    if (ev.rt.key === R.dynamo.key && ev.type !== "DELETED") this.queue.add(keyOf(ev.object));
    else if (ev.rt.key === R.deployments.key) queueController(this.queue, ev.object, "DynamoGraphDeployment");
  }

  private reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const dgd = this.ctx.store.get(R.dynamo, ns, name);
    if (!dgd || dgd.metadata.deletionTimestamp) return;
    const services = (isPlainObject(dgd.spec?.services) ? dgd.spec.services : {}) as Record<string, Obj>;
    const progress: GraphProgress = { statuses: {}, errors: [], notReady: [], wanted: new Set() };
    for (const [service, svc] of Object.entries(services)) this.syncService(dgd, service, svc, progress);
    this.deleteRemovedServices(dgd, progress.wanted);
    const now = this.ctx.clock.now();
    const { state, ready } = readiness(progress.errors, progress.notReady);
    this.ctx.api.setStatus(R.dynamo, ns, name, (o) => {
      const conditions = copyConditions(o);
      const generation = o.metadata.generation;
      setCondition(conditions, { type: "Ready", ...ready, observedGeneration: generation }, now);
      return { observedGeneration: generation, state, conditions, services: progress.statuses };
    });
  }

  /** Creates or updates one service's Deployment (and a frontend's Service); records how it is doing. */
  private syncService(dgd: Obj, serviceName: string, svc: Obj | undefined, progress: GraphProgress) {
    const ns = dgd.metadata.namespace;
    const d = desiredDeployment(dgd, serviceName, svc ?? {});
    progress.wanted.add(d.name);
    if (d.error) {
      progress.errors.push(d.error);
      return;
    }
    try {
      this.ensure(R.deployments, ns, d.name, d.body);
      if (isFrontend(svc)) this.ensure(R.services, ns, d.name, frontendService(dgd, d.body));
    } catch (e) {
      progress.errors.push(`service ${serviceName}: ${expectApiError(e).message}`);
      return;
    }
    const { status, ready } = serviceStatus(d.name, this.ctx.store.get(R.deployments, ns, d.name), svc);
    progress.statuses[serviceName] = status;
    if (!ready) progress.notReady.push(serviceName);
  }

  /** Deletes the Deployments and Services of services no longer in the graph. */
  private deleteRemovedServices(dgd: Obj, wanted: Set<string>) {
    for (const ref of this.ctx.store.dependentsOf(dgd.metadata.uid)) {
      const ours = ref.rt.key === R.deployments.key || ref.rt.key === R.services.key;
      if (ours && !wanted.has(ref.name)) deleteIfPresent(this.ctx.api, ref.rt, ref.namespace, ref.name);
    }
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
