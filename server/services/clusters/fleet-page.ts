import { db } from "@/server/db/client";
import { clusterCapacity, listClusters } from "./fleet";

/**
 * The fleet: every registered cluster with its health, and its capacity as a promise, so each cluster's
 * panel streams in when that cluster answers and a slow one holds up nothing else.
 */
export async function fleetPage() {
  const clusters = await listClusters(db());
  return {
    clusters: clusters.map(({ _count, ...cluster }) => ({
      ...cluster,
      deployments: _count.deployments,
      capacity: clusterCapacity(cluster.id),
    })),
  };
}

export type FleetPage = Awaited<ReturnType<typeof fleetPage>>;
