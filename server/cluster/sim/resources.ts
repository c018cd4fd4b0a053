/**
 * The resource types the simulated cluster serves, with the facts discovery publishes about them.
 * Anything not listed here is answered with a real-shaped 404, never silently accepted.
 */
type Subresource = "status" | "scale" | "log" | "exec" | "attach" | "portforward";

export interface ResourceType {
  /** "" for the core group. */
  group: string;
  version: string;
  /** Plural, lower case: the URL segment. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources: Subresource[];
  /** A custom resource (served from a CRD on a real cluster): no strategic merge patch. */
  custom?: boolean;
  /** Whether metadata.generation is maintained (bumped on spec changes). */
  generation: boolean;
  /** `pods` for the core group, `deployments.apps` otherwise: the form used in error messages. */
  qualified: string;
  /** Store key: "<group>/<resource>". */
  key: string;
  apiVersion: string;
}

function rt(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<
    Pick<ResourceType, "shortNames" | "categories" | "subresources" | "custom" | "generation" | "singular">
  > = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    singular: extra.singular ?? kind.toLowerCase(),
    shortNames: extra.shortNames,
    categories: extra.categories,
    subresources: extra.subresources ?? [],
    custom: extra.custom,
    generation: extra.generation ?? false,
    qualified: group ? `${resource}.${group}` : resource,
    key: `${group}/${resource}`,
    apiVersion: group ? `${group}/${version}` : version,
  };
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  // core/v1
  rt("", "v1", "namespaces", "Namespace", false, { shortNames: ["ns"], subresources: ["status"] }),
  rt("", "v1", "nodes", "Node", false, { shortNames: ["no"], subresources: ["status"] }),
  rt("", "v1", "pods", "Pod", true, {
    shortNames: ["po"],
    categories: ["all"],
    subresources: ["status", "log", "exec", "attach", "portforward"],
    generation: true,
  }),
  rt("", "v1", "services", "Service", true, { shortNames: ["svc"], categories: ["all"], subresources: ["status"] }),
  rt("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, {
    shortNames: ["pvc"],
    subresources: ["status"],
  }),
  rt("", "v1", "persistentvolumes", "PersistentVolume", false, { shortNames: ["pv"], subresources: ["status"] }),
  rt("", "v1", "events", "Event", true, { shortNames: ["ev"] }),
  rt("", "v1", "resourcequotas", "ResourceQuota", true, { shortNames: ["quota"], subresources: ["status"] }),
  rt("", "v1", "limitranges", "LimitRange", true, { shortNames: ["limits"] }),
  rt("", "v1", "configmaps", "ConfigMap", true, { shortNames: ["cm"] }),
  rt("", "v1", "secrets", "Secret", true),
  rt("", "v1", "serviceaccounts", "ServiceAccount", true, { shortNames: ["sa"] }),
  // apps/v1
  rt("apps", "v1", "deployments", "Deployment", true, {
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: ["status", "scale"],
    generation: true,
  }),
  rt("apps", "v1", "replicasets", "ReplicaSet", true, {
    shortNames: ["rs"],
    categories: ["all"],
    subresources: ["status", "scale"],
    generation: true,
  }),
  rt("apps", "v1", "statefulsets", "StatefulSet", true, {
    shortNames: ["sts"],
    categories: ["all"],
    subresources: ["status", "scale"],
    generation: true,
  }),
  // networking.k8s.io/v1
  rt("networking.k8s.io", "v1", "ingresses", "Ingress", true, {
    shortNames: ["ing"],
    subresources: ["status"],
    generation: true,
  }),
  rt("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, { generation: true }),
  rt("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, { shortNames: ["netpol"], generation: true }),
  // autoscaling/v2
  rt("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, {
    shortNames: ["hpa"],
    categories: ["all"],
    subresources: ["status"],
  }),
  // resource.k8s.io/v1 (Dynamic Resource Allocation)
  rt("resource.k8s.io", "v1", "resourceclaimtemplates", "ResourceClaimTemplate", true),
  rt("resource.k8s.io", "v1", "resourceclaims", "ResourceClaim", true, { subresources: ["status"] }),
  rt("resource.k8s.io", "v1", "deviceclasses", "DeviceClass", false, { generation: true }),
  // node.k8s.io/v1
  rt("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false),
  // Custom resources
  rt("nvidia.com", "v1alpha1", "dynamographdeployments", "DynamoGraphDeployment", true, {
    shortNames: ["dgd"],
    subresources: ["status"],
    custom: true,
    generation: true,
  }),
  rt("scheduling.run.ai", "v2", "queues", "Queue", false, { subresources: ["status"], custom: true, generation: true }),
  rt("sshpiper.com", "v1beta1", "pipes", "Pipe", true, { custom: true, generation: true }),
];

const byKey = new Map(RESOURCE_TYPES.map((t) => [t.key, t]));
const byGvr = new Map(RESOURCE_TYPES.map((t) => [`${t.apiVersion}/${t.resource}`, t]));
const byGvk = new Map(RESOURCE_TYPES.map((t) => [`${t.apiVersion}/${t.kind}`, t]));

/** Looks a resource up by apiVersion ("v1", "apps/v1") and plural. */
export function resourceFor(apiVersion: string, resource: string): ResourceType | undefined {
  return byGvr.get(`${apiVersion}/${resource}`);
}

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return byGvk.get(`${apiVersion}/${kind}`);
}

/** Well-known resource types, for the controllers. */
function must(key: string): ResourceType {
  const t = byKey.get(key);
  if (!t) throw new Error(`unknown resource ${key}`);
  return t;
}

export const R = {
  namespaces: must("/namespaces"),
  nodes: must("/nodes"),
  pods: must("/pods"),
  services: must("/services"),
  pvcs: must("/persistentvolumeclaims"),
  pvs: must("/persistentvolumes"),
  events: must("/events"),
  quotas: must("/resourcequotas"),
  limitRanges: must("/limitranges"),
  configMaps: must("/configmaps"),
  secrets: must("/secrets"),
  serviceAccounts: must("/serviceaccounts"),
  deployments: must("apps/deployments"),
  replicaSets: must("apps/replicasets"),
  statefulSets: must("apps/statefulsets"),
  ingresses: must("networking.k8s.io/ingresses"),
  ingressClasses: must("networking.k8s.io/ingressclasses"),
  networkPolicies: must("networking.k8s.io/networkpolicies"),
  hpas: must("autoscaling/horizontalpodautoscalers"),
  claimTemplates: must("resource.k8s.io/resourceclaimtemplates"),
  claims: must("resource.k8s.io/resourceclaims"),
  deviceClasses: must("resource.k8s.io/deviceclasses"),
  runtimeClasses: must("node.k8s.io/runtimeclasses"),
  dynamo: must("nvidia.com/dynamographdeployments"),
  queues: must("scheduling.run.ai/queues"),
  pipes: must("sshpiper.com/pipes"),
} as const;

/** Group → versions served (one version per group here). */
export function groups(): { name: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const t of RESOURCE_TYPES) if (t.group && !seen.has(t.group)) seen.set(t.group, t.version);
  return [...seen].map(([name, version]) => ({ name, version }));
}
