/**
 * API defaulting, as kube-apiserver's SetDefaults_* functions do it, so that what the driver reads
 * back looks like what a real cluster returns (and re-applying the same manifest is a no-op).
 */
import type { ResourceType } from "./resources.ts";
import type { Obj } from "./store.ts";

function imagePullPolicyFor(image: string | undefined): string {
  if (!image) return "IfNotPresent";
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : "";
  return !tag || tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(p: Obj | undefined) {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) p.httpGet.scheme ??= "HTTP";
}

function defaultContainer(c: Obj, isPod: boolean) {
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.imagePullPolicy ??= imagePullPolicyFor(c.image);
  c.resources ??= {};
  for (const p of (c.ports ?? []) as Obj[]) p.protocol ??= "TCP";
  for (const e of (c.env ?? []) as Obj[]) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= "v1";
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isPod && c.resources.limits) {
    // A pod's requests default to its limits.
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(c.resources.limits as Obj)) c.resources.requests[k] ??= v;
  }
}

function defaultPodSpec(spec: Obj | undefined, isPod: boolean) {
  if (!spec) return;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  if (isPod) spec.enableServiceLinks ??= true;
  for (const c of (spec.containers ?? []) as Obj[]) defaultContainer(c, isPod);
  for (const c of (spec.initContainers ?? []) as Obj[]) defaultContainer(c, isPod);
  for (const v of (spec.volumes ?? []) as Obj[]) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
  }
  for (const t of (spec.tolerations ?? []) as Obj[]) {
    if (t.operator === undefined && t.key !== undefined) t.operator = "Equal";
  }
}

function defaultPodTemplate(tpl: Obj | undefined) {
  if (!tpl) return;
  tpl.metadata ??= {};
  defaultPodSpec(tpl.spec, false);
}

function defaultServiceSpec(spec: Obj) {
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  for (const p of (spec.ports ?? []) as Obj[]) {
    p.protocol ??= "TCP";
    if (spec.type !== "ExternalName") p.targetPort ??= p.port;
  }
  if (spec.type !== "ExternalName") {
    spec.ipFamilies ??= ["IPv4"];
    spec.ipFamilyPolicy ??= "SingleStack";
    spec.internalTrafficPolicy ??= "Cluster";
  }
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

export function applyDefaults(rt: ResourceType, o: Obj) {
  switch (rt.key) {
    case "/pods":
      o.spec ??= {};
      defaultPodSpec(o.spec, true);
      break;
    case "apps/deployments": {
      o.spec ??= {};
      const s = o.spec;
      s.replicas ??= 1;
      s.revisionHistoryLimit ??= 10;
      s.progressDeadlineSeconds ??= 600;
      s.strategy ??= {};
      s.strategy.type ??= "RollingUpdate";
      if (s.strategy.type === "RollingUpdate") {
        s.strategy.rollingUpdate ??= {};
        s.strategy.rollingUpdate.maxUnavailable ??= "25%";
        s.strategy.rollingUpdate.maxSurge ??= "25%";
      }
      defaultPodTemplate(s.template);
      break;
    }
    case "apps/replicasets": {
      o.spec ??= {};
      const s = o.spec;
      s.replicas ??= 1;
      defaultPodTemplate(s.template);
      break;
    }
    case "apps/statefulsets": {
      o.spec ??= {};
      const s = o.spec;
      s.replicas ??= 1;
      s.podManagementPolicy ??= "OrderedReady";
      s.revisionHistoryLimit ??= 10;
      s.updateStrategy ??= {};
      s.updateStrategy.type ??= "RollingUpdate";
      if (s.updateStrategy.type === "RollingUpdate") {
        s.updateStrategy.rollingUpdate ??= {};
        s.updateStrategy.rollingUpdate.partition ??= 0;
      }
      s.persistentVolumeClaimRetentionPolicy ??= {};
      s.persistentVolumeClaimRetentionPolicy.whenDeleted ??= "Retain";
      s.persistentVolumeClaimRetentionPolicy.whenScaled ??= "Retain";
      for (const t of (s.volumeClaimTemplates ?? []) as Obj[]) {
        t.apiVersion ??= "v1";
        t.kind ??= "PersistentVolumeClaim";
        t.spec ??= {};
        t.spec.volumeMode ??= "Filesystem";
      }
      defaultPodTemplate(s.template);
      break;
    }
    case "/services":
      o.spec ??= {};
      defaultServiceSpec(o.spec);
      break;
    case "/persistentvolumeclaims":
      o.spec ??= {};
      o.spec.volumeMode ??= "Filesystem";
      break;
    case "/namespaces":
      o.spec ??= {};
      o.spec.finalizers ??= ["kubernetes"];
      o.metadata.labels = { ...(o.metadata.labels ?? {}), "kubernetes.io/metadata.name": o.metadata.name };
      break;
    case "/secrets":
      o.type ??= "Opaque";
      break;
    case "autoscaling/horizontalpodautoscalers":
      o.spec ??= {};
      o.spec.minReplicas ??= 1;
      break;
    case "networking.k8s.io/networkpolicies": {
      o.spec ??= {};
      const s = o.spec;
      s.podSelector ??= {};
      if (!s.policyTypes) {
        s.policyTypes = ["Ingress"];
        if (s.egress) s.policyTypes.push("Egress");
      }
      for (const rule of [...((s.ingress ?? []) as Obj[]), ...((s.egress ?? []) as Obj[])]) {
        for (const p of (rule.ports ?? []) as Obj[]) p.protocol ??= "TCP";
      }
      break;
    }
    case "/limitranges":
      for (const item of (o.spec?.limits ?? []) as Obj[]) {
        if (item.type !== "Container") continue;
        if (item.max) {
          item.default ??= {};
          for (const [k, v] of Object.entries(item.max as Obj)) item.default[k] ??= v;
        }
        if (item.default) {
          item.defaultRequest ??= {};
          for (const [k, v] of Object.entries(item.default as Obj)) item.defaultRequest[k] ??= v;
        }
        if (item.min) {
          item.defaultRequest ??= {};
          for (const [k, v] of Object.entries(item.min as Obj)) item.defaultRequest[k] ??= v;
        }
      }
      break;
    case "/serviceaccounts":
      break;
  }
}

/** Status a freshly created object starts with (clients cannot set status on create). */
export function initialStatus(rt: ResourceType, o: Obj): Obj | undefined {
  switch (rt.key) {
    case "/pods":
      return { phase: "Pending", qosClass: qosClass(o.spec) };
    case "/namespaces":
      return { phase: "Active" };
    case "/services":
      return { loadBalancer: {} };
    case "/persistentvolumeclaims":
      return { phase: "Pending" };
    case "/persistentvolumes":
      return { phase: "Pending" };
    case "networking.k8s.io/ingresses":
      return { loadBalancer: {} };
    case "autoscaling/horizontalpodautoscalers":
      return { desiredReplicas: 0 };
    case "apps/deployments":
      return {};
    case "apps/replicasets":
      return { replicas: 0 };
    case "apps/statefulsets":
      return { replicas: 0, availableReplicas: 0 };
    case "/resourcequotas":
      return {};
    default:
      return undefined;
  }
}

/** Guaranteed, Burstable or BestEffort, from the containers' requests and limits. */
function qosClass(spec: Obj | undefined): string {
  const containers = [...((spec?.containers ?? []) as Obj[]), ...((spec?.initContainers ?? []) as Obj[])];
  let anySet = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = (c.resources?.requests ?? {}) as Obj;
    const lim = (c.resources?.limits ?? {}) as Obj;
    for (const r of ["cpu", "memory"]) {
      if (req[r] !== undefined || lim[r] !== undefined) anySet = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!anySet) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
