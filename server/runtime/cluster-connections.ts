import { KubeConfig } from "@kubernetes/client-node";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import type { SimulatedCluster } from "@/server/cluster/sim";
import { db } from "@/server/db/client";
import { portalKey } from "@/server/security/portal-key";
import { open, sealedFor } from "@/server/security/secret-box";
import { inlineKubeConfig } from "@/server/services/clusters/inline-kubeconfig";

// How this process reaches each registered cluster. The simulated cluster lives in the process
// that started it, so its connection is only known here, never stored.
const globalForClusters = globalThis as unknown as { porticoSimulated?: Promise<SimulatedCluster> };

const SIMULATED_CLUSTER_NAME = "simulated";

/** Starts the built-in simulated GPU cluster once per process, and registers it. */
export async function simulatedCluster(): Promise<SimulatedCluster> {
  globalForClusters.porticoSimulated ??= (async () => {
    const { startSimulatedCluster } = await import("@/server/cluster/sim");
    const sim = await startSimulatedCluster();
    await db().cluster.upsert({
      where: { name: SIMULATED_CLUSTER_NAME },
      create: { name: SIMULATED_CLUSTER_NAME, connection: "SIMULATED" },
      update: {},
    });
    return sim;
  })();
  return globalForClusters.porticoSimulated;
}

/**
 * How to reach a registered cluster. A stored kubeconfig is checked again as it is loaded (rows may predate
 * the checks at registration): one with a credential plugin or a file path is refused before anything runs.
 */
export async function kubeConfigFor(cluster: {
  id: string;
  connection: string;
  kubeconfigCipher: string | null;
}): Promise<KubeConfig> {
  if (cluster.connection === "SIMULATED") return (await simulatedCluster()).kubeConfig;
  if (cluster.connection === "IN_CLUSTER") {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromCluster();
    return kubeConfig;
  }
  const key = portalKey();
  if (!key || !cluster.kubeconfigCipher)
    throw new Error("this cluster's kubeconfig cannot be opened: PORTICO_ENCRYPTION_KEY is not set");
  return inlineKubeConfig(open(cluster.kubeconfigCipher, key, sealedFor.clusterKubeconfig(cluster.id)));
}

export async function driverFor(clusterId: string): Promise<ClusterDriver> {
  const cluster = await db().cluster.findUniqueOrThrow({ where: { id: clusterId } });
  return new ClusterDriver(await kubeConfigFor(cluster));
}
