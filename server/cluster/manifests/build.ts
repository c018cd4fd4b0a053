import { buildApp } from "./app";
import { buildDevPod } from "./dev-pod";
import { buildDynamoGraph, dynamoFrontendService } from "./dynamo";
import { DYNAMO_FRONTEND_PORT, ENGINES } from "./engines";
import { workloadName, workloadNamespace } from "./labels";
import { buildModelServer } from "./model-server";
import type { KubernetesObject } from "./types";
import { parseWorkloadSpec, type WorkloadSpec } from "./workload-spec";

/**
 * Apply order: the namespace and its guards, then what pods reference (secrets, volumes, claims), the
 * Services, the workloads, and last what points at workloads (HPA, Ingress, SSH route).
 */
export const APPLY_ORDER = [
  "Namespace",
  "ResourceQuota",
  "LimitRange",
  "NetworkPolicy",
  "Secret",
  "PersistentVolumeClaim",
  "ResourceClaimTemplate",
  "Service",
  "StatefulSet",
  "Deployment",
  "DynamoGraphDeployment",
  "HorizontalPodAutoscaler",
  "Ingress",
  "Pipe",
] as const;

function applyRank(kind: string): number {
  const rank = APPLY_ORDER.indexOf(kind as (typeof APPLY_ORDER)[number]);
  return rank === -1 ? APPLY_ORDER.length : rank;
}

/**
 * Stable (objects of one kind keep their builder's order), and deep-copied: builders share constants
 * (tolerations, resource maps), and a caller mutating one object must not change another.
 */
export function sortForApply(objects: KubernetesObject[]): KubernetesObject[] {
  const ordered = objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => applyRank(a.object.kind) - applyRank(b.object.kind) || a.index - b.index)
    .map((entry) => entry.object);
  return structuredClone(ordered);
}

/**
 * Every object one deployment needs, in apply order. The spec is re-validated here: its TypeScript type
 * cannot carry the cross-field rules, and a builder must never emit from a spec that breaks them.
 */
export function buildManifests(spec: WorkloadSpec): KubernetesObject[] {
  const valid = parseWorkloadSpec(spec);
  switch (valid.kind) {
    case "dev-pod":
      return sortForApply(buildDevPod(valid));
    case "app":
      return sortForApply(buildApp(valid));
    case "model": {
      const model = valid.model!;
      return sortForApply(
        model.engine === "dynamo" ? buildDynamoGraph(valid, model) : buildModelServer(valid, model, model.engine),
      );
    }
  }
}

/** Where the metering gateway sends a model's traffic (OpenAI-compatible, plain HTTP inside the cluster). */
export function modelEndpoint(spec: WorkloadSpec): {
  service: string;
  namespace: string;
  port: number;
  baseUrl: string;
} {
  const model = spec.model;
  if (!model) throw new Error(`deployment ${spec.deploymentId} is not a model`);
  const service = model.engine === "dynamo" ? dynamoFrontendService(spec) : workloadName(spec);
  const port = model.engine === "dynamo" ? DYNAMO_FRONTEND_PORT : ENGINES[model.engine].port;
  const namespace = workloadNamespace(spec);
  return { service, namespace, port, baseUrl: `http://${service}.${namespace}.svc:${port}/v1` };
}
