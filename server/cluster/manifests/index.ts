/** Manifests as pure functions of a deployment's resolved spec. */
export { APPLY_ORDER, buildManifests, modelEndpoint, sortForApply } from "./build";
export { SSH_GATEWAY_KEY_SECRET, sshUsernameFor } from "./dev-pod";
export { dynamoFrontendService } from "./dynamo";
export { DEFAULT_ENGINE_IMAGES, ENGINES } from "./engines";
export { buildEnvSecret, envSecretName } from "./env-secret";
export { productSelector } from "./gpu";
export { identityLabels, LABEL, MANAGED_BY, workloadName, workloadNamespace } from "./labels";
export { dns1035Label, dnsLabel, dnsSubdomain, labelValue, namespaceFor, slugify } from "./names";
export {
  buildProjectNamespace,
  type ProjectNamespaceInput,
  projectNamespaceSchema,
  quotaHard,
} from "./project-namespace";
export type { KubernetesObject, ManifestMetadata } from "./types";
export { ManifestValidationError, SCHEMA_SOURCES, validateManifest, validateManifests } from "./validate";
export {
  exampleSpec,
  parseWorkloadSpec,
  type WorkloadKind,
  type WorkloadSpec,
  type WorkloadSpecInput,
  workloadSpecSchema,
} from "./workload-spec";
