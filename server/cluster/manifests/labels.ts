import { namespaceFor, slugify } from "./names";
import type { ManifestMetadata } from "./types";
import type { WorkloadKind, WorkloadSpec } from "./workload-spec";

export const LABEL = {
  managedBy: "app.kubernetes.io/managed-by",
  name: "app.kubernetes.io/name",
  /** The controller's garbage collector deletes what carries an id no deployment owns. */
  deployment: "portico.dev/deployment",
  org: "portico.dev/org",
  project: "portico.dev/project",
  /** Which part of a deployment a pod is (main, frontend, prefill, decode): part of immutable selectors. */
  component: "portico.dev/component",
  /** Project-level objects (namespace, quota, policies) carry this instead of a deployment id. */
  scope: "portico.dev/scope",
  kaiQueue: "kai.scheduler/queue",
} as const;

export const MANAGED_BY = "portico";

/** StatefulSet names must leave room for "-<10-char revision hash>" in a 63-character label value. */
const MAX_WORKLOAD_NAME = 52;

const KIND_PREFIX: Record<WorkloadKind, string> = { "dev-pod": "pod", app: "app", model: "model" };

/**
 * `<readable slug>-<deploymentId>`: unique because the id is, readable because of the slug, and a valid
 * DNS-1035 label (Service names must start with a letter) of at most 52 characters.
 */
export function workloadName(spec: Pick<WorkloadSpec, "name" | "kind" | "deploymentId">): string {
  const room = MAX_WORKLOAD_NAME - spec.deploymentId.length - 1;
  const slug = slugify(spec.name, room);
  const stem = /^[a-z]/.test(slug) ? slug : slugify(`${KIND_PREFIX[spec.kind]}-${slug}`, room);
  return `${stem}-${spec.deploymentId}`;
}

export function workloadNamespace(spec: Pick<WorkloadSpec, "tenant">): string {
  return namespaceFor(spec.tenant);
}

/** Labels on every object of a deployment; the platform's own labels first, so ours win. */
export function identityLabels(spec: WorkloadSpec): Record<string, string> {
  return {
    ...spec.labels,
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.name]: workloadName(spec),
    [LABEL.deployment]: spec.deploymentId,
    [LABEL.org]: spec.tenant.orgSlug,
    [LABEL.project]: spec.tenant.projectSlug,
  };
}

/** Minimal and never changing: selectors are immutable once a workload exists. */
export function selectorLabels(spec: WorkloadSpec, component = "main"): Record<string, string> {
  return { [LABEL.deployment]: spec.deploymentId, [LABEL.component]: component };
}

export function objectMeta(
  spec: WorkloadSpec,
  name: string,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): ManifestMetadata {
  return {
    name,
    namespace: workloadNamespace(spec),
    labels: { ...identityLabels(spec), ...extra.labels },
    ...(extra.annotations && { annotations: extra.annotations }),
  };
}

/** KAI reads the queue from the pod and from its top owner, so workloads and pod templates both carry it. */
export function queueLabels(spec: WorkloadSpec): Record<string, string> {
  const { scheduler, kaiQueue } = spec.placement;
  return scheduler === "kai" && kaiQueue ? { [LABEL.kaiQueue]: kaiQueue } : {};
}

/** Metadata for the object that owns pods (Deployment, StatefulSet, DynamoGraphDeployment). */
export function workloadMeta(spec: WorkloadSpec, name: string): ManifestMetadata {
  return objectMeta(spec, name, { labels: queueLabels(spec) });
}
