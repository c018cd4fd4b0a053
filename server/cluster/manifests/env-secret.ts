import type { ISecret } from "kubernetes-models/v1/Secret";
import { objectMeta, workloadName } from "./labels";
import { base64 } from "./quantity";
import { type KubernetesObject, toObject } from "./types";
import type { WorkloadSpec } from "./workload-spec";

/** The Secret a deployment's secret variables come from: `<workload>-env`, one key per variable. */
export const envSecretName = (spec: Pick<WorkloadSpec, "name" | "kind" | "deploymentId">) =>
  `${workloadName(spec)}-env`;

export function buildEnvSecret(spec: WorkloadSpec, values: Record<string, string>): KubernetesObject {
  return toObject<ISecret>({
    apiVersion: "v1",
    kind: "Secret",
    metadata: objectMeta(spec, envSecretName(spec)),
    type: "Opaque",
    data: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, base64(value)])),
  });
}
