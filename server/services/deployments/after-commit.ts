import { kickController } from "@/server/runtime/controllers";

/**
 * The one place that tells a cluster's controller about a committed change to its deployments (a launch,
 * stop, start or delete), so it reconciles now instead of at its next pass.
 */
export async function thenReconcile<T extends { clusterId: string }>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  kickController(result.clusterId);
  return result;
}
