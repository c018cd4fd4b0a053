/** Manifests as pure functions of a deployment's resolved spec. */
export { buildManifests, modelEndpoint, sortForApply, APPLY_ORDER } from "./build";
export { buildProjectNamespace, projectNamespaceSchema, quotaHard, type ProjectNamespaceInput } from "./project-namespace";
export { sshUsernameFor, SSH_GATEWAY_KEY_SECRET } from "./dev-pod";
export { buildEnvSecret, envSecretName } from "./env-secret";
export { dynamoFrontendService } from "./dynamo";
export { productSelector } from "./gpu";
export { DEFAULT_ENGINE_IMAGES, ENGINES } from "./engines";
export { LABEL, MANAGED_BY, identityLabels, workloadName, workloadNamespace } from "./labels";
export { dnsLabel, dns1035Label, dnsSubdomain, labelValue, namespaceFor, slugify } from "./names";
export type { KubernetesObject, ManifestMetadata } from "./types";
export { validateManifest, validateManifests, ManifestValidationError, SCHEMA_SOURCES } from "./validate";
export { exampleSpec, parseWorkloadSpec, workloadSpecSchema, type WorkloadKind, type WorkloadSpec, type WorkloadSpecInput } from "./workload-spec";
