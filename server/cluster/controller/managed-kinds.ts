// The workload kinds the controller watches: their presence says a deployment is applied, and
// orphans among them are collected. Secondary objects are deleted with their deployment.
export type KindRef = { apiVersion: string; kind: string; plural: string; namespaced: boolean };

const kind = (apiVersion: string, kindName: string, plural: string): KindRef => ({
  apiVersion,
  kind: kindName,
  plural,
  namespaced: true,
});

export const WORKLOAD_KINDS = [
  kind("apps/v1", "Deployment", "deployments"),
  kind("apps/v1", "StatefulSet", "statefulsets"),
  kind("nvidia.com/v1alpha1", "DynamoGraphDeployment", "dynamographdeployments"),
];

/** The list path of a kind across all namespaces, e.g. /apis/apps/v1/deployments. */
export const listPath = (ref: KindRef) =>
  `${ref.apiVersion.includes("/") ? "/apis" : "/api"}/${ref.apiVersion}/${ref.plural}`;
