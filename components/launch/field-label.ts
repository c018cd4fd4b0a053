import { envNameOf, type OverridablePath } from "@/lib/skus/spec-paths";

const LABEL_KEYS = {
  "compute.gpu.count": "gpuCount",
  "compute.gpu.model": "gpuModel",
  "compute.gpu.profile": "gpuProfile",
  "compute.cpu": "cpu",
  "compute.memoryGiB": "memoryGiB",
  "compute.ephemeralGiB": "ephemeralGiB",
  "compute.persistentGiB": "persistentGiB",
  "policies.maxRuntimeHours": "maxRuntimeHours",
  "policies.idleStopMinutes": "idleStopMinutes",
  "model.replicas.min": "replicasMin",
  "model.replicas.max": "replicasMax",
  "container.image": "image",
} as const;

type FieldLabelKey = (typeof LABEL_KEYS)[keyof typeof LABEL_KEYS] | "env";

/** The catalog key (under `launch.fields`) naming a launch form field; variables are named by themselves. */
export function fieldLabel(path: OverridablePath): { key: FieldLabelKey; values?: { name: string } } {
  const env = envNameOf(path);
  if (env !== undefined) return { key: "env", values: { name: env } };
  return { key: LABEL_KEYS[path as keyof typeof LABEL_KEYS] };
}
