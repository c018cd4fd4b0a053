import type { ClusterCapacity } from "@/server/cluster/driver/capacity";
import { describeError } from "@/server/cluster/driver/driver";
import type { Db } from "@/server/db/client";
import { driverFor } from "@/server/runtime/cluster-connections";

/** Clusters as admins see them; the sealed kubeconfig never leaves the database. */
export async function listClusters(db: Db) {
  return db.cluster.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      connection: true,
      healthy: true,
      healthMessage: true,
      checkedAt: true,
      createdAt: true,
      _count: { select: { deployments: { where: { desired: { not: "DELETED" } } } } },
    },
  });
}

/** Asks the cluster now, and records the answer. */
export async function checkClusterHealth(db: Db, clusterId: string) {
  const health = await (await driverFor(clusterId))
    .health()
    .catch((error: unknown) => ({ healthy: false, message: describeError(error) }));
  await db.cluster.update({
    where: { id: clusterId },
    data: { healthy: health.healthy, healthMessage: health.message, checkedAt: new Date() },
  });
  return health;
}

export type FleetCapacity = { clusterId: string } & (
  | { ok: true; capacity: ClusterCapacity }
  | { ok: false; message: string }
);

/** One cluster's GPU capacity, asked now; an unreachable cluster answers with why, never throws. */
export async function clusterCapacity(clusterId: string): Promise<FleetCapacity> {
  try {
    return { clusterId, ok: true, capacity: await (await driverFor(clusterId)).capacity() };
  } catch (error) {
    return { clusterId, ok: false, message: describeError(error) };
  }
}

/** Each cluster's GPU capacity; one unreachable cluster does not hide the others. */
export async function fleetCapacity(db: Db): Promise<FleetCapacity[]> {
  const clusters = await db.cluster.findMany({ select: { id: true } });
  return Promise.all(clusters.map(({ id }) => clusterCapacity(id)));
}
