// Every kind of object the manifest builders create. Garbage collection sweeps these by label;
// the controller keeps watched caches of the ones whose status it reads.
export type KindRef = { apiVersion: string; kind: string; plural: string; namespaced: boolean };

const kind = (apiVersion: string, kindName: string, plural: string): KindRef => ({ apiVersion, kind: kindName, plural, namespaced: true });

export const WORKLOAD_KINDS = [
  kind("apps/v1", "Deployment", "deployments"),
  kind("apps/v1", "StatefulSet", "statefulsets"),
  kind("nvidia.com/v1alpha1", "DynamoGraphDeployment", "dynamographdeployments"),
];

export const SECONDARY_KINDS = [
  kind("v1", "Service", "services"),
  kind("v1", "Secret", "secrets"),
  kind("v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
  kind("networking.k8s.io/v1", "Ingress", "ingresses"),
  kind("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
  kind("resource.k8s.io/v1", "ResourceClaimTemplate", "resourceclaimtemplates"),
  kind("sshpiper.com/v1beta1", "Pipe", "pipes"),
];

/** The list path of a kind across all namespaces, e.g. /apis/apps/v1/deployments. */
export const listPath = (ref: KindRef) => `${ref.apiVersion.includes("/") ? "/apis" : "/api"}/${ref.apiVersion}/${ref.plural}`;
