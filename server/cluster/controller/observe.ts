import type { V1Pod } from "@kubernetes/client-node";

export type Observation = { phase: "starting" | "running" | "pending" | "failed"; message: string | null };

const WAITING_FAILURES = new Set(["ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff", "CreateContainerConfigError", "InvalidImageName"]);

/**
 * What a deployment's pods say about it: running when every pod is ready; failed when a
 * container cannot start; pending (with the scheduler's own words) when a pod cannot be
 * placed; starting otherwise.
 */
export function observePods(pods: readonly V1Pod[]): Observation {
  if (pods.length === 0) return { phase: "starting", message: null };
  for (const pod of pods) {
    for (const status of pod.status?.containerStatuses ?? []) {
      const waiting = status.state?.waiting;
      if (waiting?.reason && WAITING_FAILURES.has(waiting.reason)) return { phase: "failed", message: `${waiting.reason}: ${waiting.message ?? ""}`.trim() };
    }
    const unschedulable = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable");
    if (unschedulable) return { phase: "pending", message: unschedulable.message ?? "Unschedulable" };
  }
  const ready = pods.every((pod) => pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
  return ready ? { phase: "running", message: null } : { phase: "starting", message: null };
}
