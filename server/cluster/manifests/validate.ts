import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ResourceClaimTemplate } from "kubernetes-models/resource.k8s.io/v1/ResourceClaimTemplate";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { PodSpec } from "kubernetes-models/v1/PodSpec";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { DynamoGraphDeployment } from "../crds/generated/nvidia.com/v1alpha1/DynamoGraphDeployment";
import { Pipe } from "../crds/generated/sshpiper.com/v1beta1/Pipe";
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from "./names";

/**
 * Validates built objects the way an API server would before we ever send them: the official OpenAPI
 * schemas (kubernetes-models, which also check quantity formats) for built-in kinds, validators generated
 * from our CRD reconstructions for Pipe and DynamoGraphDeployment, plus the name, namespace and label rules
 * those JSON schemas do not express.
 */

export class ManifestValidationError extends Error {
  constructor(
    readonly kind: string,
    readonly objectName: string,
    /** JSON pointer into the object, e.g. "/spec/template/spec/containers/0". */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${kind} "${objectName}" at ${path || "/"}: ${reason}`);
    this.name = "ManifestValidationError";
  }
}

type NameRule = "label" | "dns1035" | "subdomain" | "statefulset";
type SchemaSource = "official" | "reconstructed-crd";

interface KindRule {
  source: SchemaSource;
  namespaced: boolean;
  name: NameRule;
  validate(object: unknown): void;
}

function model(Ctor: new (data: never) => { validate(): void }): (object: unknown) => void {
  return (object) => new Ctor(object as never).validate();
}

const KINDS: Record<string, KindRule> = {
  "v1/Namespace": { source: "official", namespaced: false, name: "label", validate: model(Namespace) },
  "v1/ResourceQuota": { source: "official", namespaced: true, name: "subdomain", validate: model(ResourceQuota) },
  "v1/LimitRange": { source: "official", namespaced: true, name: "subdomain", validate: model(LimitRange) },
  "v1/Secret": { source: "official", namespaced: true, name: "subdomain", validate: model(Secret) },
  "v1/Service": { source: "official", namespaced: true, name: "dns1035", validate: model(Service) },
  "v1/PersistentVolumeClaim": {
    source: "official",
    namespaced: true,
    name: "subdomain",
    validate: model(PersistentVolumeClaim),
  },
  "networking.k8s.io/v1/NetworkPolicy": {
    source: "official",
    namespaced: true,
    name: "subdomain",
    validate: model(NetworkPolicy),
  },
  "networking.k8s.io/v1/Ingress": { source: "official", namespaced: true, name: "subdomain", validate: model(Ingress) },
  "apps/v1/Deployment": { source: "official", namespaced: true, name: "subdomain", validate: model(Deployment) },
  "apps/v1/StatefulSet": { source: "official", namespaced: true, name: "statefulset", validate: model(StatefulSet) },
  "autoscaling/v2/HorizontalPodAutoscaler": {
    source: "official",
    namespaced: true,
    name: "subdomain",
    validate: model(HorizontalPodAutoscaler),
  },
  "resource.k8s.io/v1/ResourceClaimTemplate": {
    source: "official",
    namespaced: true,
    name: "subdomain",
    validate: model(ResourceClaimTemplate),
  },
  "sshpiper.com/v1beta1/Pipe": {
    source: "reconstructed-crd",
    namespaced: true,
    name: "subdomain",
    validate: model(Pipe),
  },
  "nvidia.com/v1alpha1/DynamoGraphDeployment": {
    source: "reconstructed-crd",
    namespaced: true,
    name: "subdomain",
    validate: (object) => {
      model(DynamoGraphDeployment)(object);
      validateDynamoPodSpecs(object);
    },
  },
};

/** Which schema each kind is checked against (for docs and tests). */
export const SCHEMA_SOURCES: Record<string, SchemaSource> = Object.fromEntries(
  Object.entries(KINDS).map(([key, rule]) => [key, rule.source]),
);

interface AjvLikeError {
  instancePath?: string;
  message?: string;
}

/** Turns a kubernetes-models ValidationError (ajv errors) into the path of the first failure plus all reasons. */
function schemaFailure(error: unknown): { path: string; reason: string } {
  const errors = (error as { errors?: AjvLikeError[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0)
    return { path: "", reason: error instanceof Error ? error.message : String(error) };
  return {
    path: errors[0]!.instancePath ?? "",
    reason: errors.map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; "),
  };
}

/** The CRD leaves `extraPodSpec` open; hold it to the official PodSpec schema with mainContainer as its container. */
function validateDynamoPodSpecs(object: unknown): void {
  const services =
    (object as { spec?: { services?: Record<string, { extraPodSpec?: Record<string, unknown> }> } }).spec?.services ??
    {};
  for (const [serviceName, service] of Object.entries(services)) {
    const { mainContainer, ...podSpec } = service.extraPodSpec ?? {};
    try {
      new PodSpec({ ...podSpec, containers: [{ name: "main", ...(mainContainer as object) }] } as never).validate();
    } catch (error) {
      const { path, reason } = schemaFailure(error);
      const pointer = path.replace(/^\/containers\/0/, "/mainContainer");
      throw Object.assign(new Error(reason), { pointer: `/spec/services/${serviceName}/extraPodSpec${pointer}` });
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nameProblem(rule: NameRule, name: string): string | undefined {
  switch (rule) {
    case "label":
      return isDns1123Label(name) ? undefined : "name must be a DNS-1123 label";
    case "dns1035":
      return isDns1035Label(name) ? undefined : "name must be a DNS-1035 label (starts with a letter)";
    case "subdomain":
      return isDns1123Subdomain(name) ? undefined : "name must be a DNS-1123 subdomain";
    case "statefulset":
      // Pods are named <name>-<ordinal> and labelled controller-revision-hash=<name>-<10 chars>.
      return isDns1123Label(name) && name.length <= 52
        ? undefined
        : "StatefulSet name must be a DNS-1123 label of at most 52 characters";
  }
}

function metadataProblem(
  rule: KindRule,
  metadata: Record<string, unknown>,
): { path: string; reason: string } | undefined {
  const name = metadata.name;
  if (typeof name !== "string" || name === "") return { path: "/metadata/name", reason: "name is required" };
  const badName = nameProblem(rule.name, name);
  if (badName) return { path: "/metadata/name", reason: badName };
  const namespace = metadata.namespace;
  if (rule.namespaced && (typeof namespace !== "string" || !isDns1123Label(namespace))) {
    return { path: "/metadata/namespace", reason: "a namespaced object needs a DNS-1123 label namespace" };
  }
  if (!rule.namespaced && namespace !== undefined)
    return { path: "/metadata/namespace", reason: "cluster-scoped objects have no namespace" };
  for (const [key, value] of Object.entries((metadata.labels as Record<string, unknown> | undefined) ?? {})) {
    if (!isQualifiedName(key)) return { path: "/metadata/labels", reason: `invalid label key ${JSON.stringify(key)}` };
    if (typeof value !== "string" || !isLabelValue(value))
      return { path: `/metadata/labels`, reason: `invalid value for label ${key}: ${JSON.stringify(value)}` };
  }
  for (const key of Object.keys((metadata.annotations as Record<string, unknown> | undefined) ?? {})) {
    if (!isQualifiedName(key))
      return { path: "/metadata/annotations", reason: `invalid annotation key ${JSON.stringify(key)}` };
  }
  return undefined;
}

/** Throws ManifestValidationError naming the kind, the name and the JSON path of the first problem. */
export function validateManifest(object: unknown): void {
  if (!isPlainObject(object)) throw new ManifestValidationError("?", "?", "", "not an object");
  const { apiVersion, kind } = object;
  const metadata = isPlainObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : "?";
  const kindName = typeof kind === "string" ? kind : "?";
  const rule = KINDS[`${String(apiVersion)}/${kindName}`];
  if (!rule)
    throw new ManifestValidationError(kindName, name, "/apiVersion", `no schema for ${String(apiVersion)} ${kindName}`);

  const fail = (problem: { path: string; reason: string }) =>
    new ManifestValidationError(kindName, name, problem.path, problem.reason);
  const metaProblem = metadataProblem(rule, metadata);
  if (metaProblem) throw fail(metaProblem);
  try {
    rule.validate(object);
  } catch (error) {
    const pointer = (error as { pointer?: string }).pointer;
    throw fail(pointer ? { path: pointer, reason: (error as Error).message } : schemaFailure(error));
  }
}

/** Validates a whole set; returns it so callers can chain. */
export function validateManifests<T>(objects: T[]): T[] {
  for (const object of objects) validateManifest(object);
  return objects;
}
