import type { V1ContainerStatus, V1Pod, V1PodCondition } from "@kubernetes/client-node";

export type Observation = { phase: "starting" | "running" | "pending" | "failed"; message: string | null };

const WAITING_FAILURES = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "InvalidImageName",
]);

// The only conditions and container states observePods acts on; the pod cache keeps these alone.
export const cannotStart = ({ state }: V1ContainerStatus) => WAITING_FAILURES.has(state?.waiting?.reason ?? "");
export const isUnschedulable = (c: V1PodCondition) =>
  c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable";
export const isReady = (c: V1PodCondition) => c.type === "Ready" && c.status === "True";

/**
 * What a deployment's pods say about it: running when every pod is ready; failed when a
 * container cannot start; pending (with the scheduler's own words) when a pod cannot be
 * placed; starting otherwise.
 */
export function observePods(pods: readonly V1Pod[]): Observation {
  if (pods.length === 0) return { phase: "starting", message: null };
  for (const pod of pods) {
    const waiting = pod.status?.containerStatuses?.find(cannotStart)?.state?.waiting;
    if (waiting) return { phase: "failed", message: `${waiting.reason}: ${waiting.message ?? ""}`.trim() };
    const unschedulable = pod.status?.conditions?.find(isUnschedulable);
    if (unschedulable) return { phase: "pending", message: unschedulable.message ?? "Unschedulable" };
  }
  const ready = pods.every((pod) => pod.status?.conditions?.some(isReady));
  return ready ? { phase: "running", message: null } : { phase: "starting", message: null };
}
