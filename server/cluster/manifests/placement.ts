import { queueLabels } from "./labels";
import type { WorkloadSpec } from "./workload-spec";

/** Node label a provider puts on each node pool; the portal only ever matches it. */
const NODE_POOL_LABEL = "portico.dev/node-pool";
const KAI_SCHEDULER = "kai-scheduler";

/** Scheduler, runtime and node-pool choices applied to a pod template. */
export interface Placement {
  schedulerName?: string;
  runtimeClassName?: string;
  nodeSelector: Record<string, string>;
  /** Pod labels: KAI reads the queue from the pod (and its owner). */
  podLabels: Record<string, string>;
}

export function placementFor(spec: WorkloadSpec): Placement {
  const { nodePool, scheduler, runtimeClassName } = spec.placement;
  return {
    ...(scheduler === "kai" && { schedulerName: KAI_SCHEDULER }),
    ...(runtimeClassName && { runtimeClassName }),
    nodeSelector: nodePool ? { [NODE_POOL_LABEL]: nodePool } : {},
    podLabels: queueLabels(spec),
  };
}
