import { createHash } from "node:crypto";
import { DeploymentController } from "@/server/cluster/controller/controller";
import { deploymentManifests } from "@/server/cluster/controller/deployment-manifests";
import { AdvisoryLockLeadership, type Leadership, SingleProcessLeadership } from "@/server/cluster/controller/leader";
import { ControllerRunner } from "@/server/cluster/controller/runner";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import { config } from "@/server/config";
import { db } from "@/server/db/client";
import { portalKey } from "@/server/security/portal-key";
import { open } from "@/server/security/secret-box";
import { kubeConfigFor, simulatedCluster } from "./cluster-connections";

/** Opens deployments' sealed secret variables with the portal's key (none can exist without one). */
function secretOpener() {
  const key = portalKey();
  return key ? (cipher: string) => JSON.parse(open(cipher, key)) as Record<string, string> : undefined;
}

const globalForRunners = globalThis as unknown as { porticoRunners?: Map<string, ControllerRunner> };

/** One lock per cluster, so replicas can share the clusters out between them. */
function leadershipFor(clusterId: string): Leadership {
  const url = config().DATABASE_URL;
  if (!url) return new SingleProcessLeadership();
  const key = createHash("sha256").update(`portico-controller:${clusterId}`).digest().readInt32BE(0);
  return new AdvisoryLockLeadership(url, key);
}

/** Starts a controller for every registered cluster (once per process). */
export async function startControllers(
  log: (line: string) => void = console.log,
): Promise<Map<string, ControllerRunner>> {
  if (globalForRunners.porticoRunners) return globalForRunners.porticoRunners;
  const runners = new Map<string, ControllerRunner>();
  globalForRunners.porticoRunners = runners;
  if (config().PORTICO_CLUSTER === "simulated") await simulatedCluster();
  for (const cluster of await db().cluster.findMany()) {
    let runner: ControllerRunner | undefined;
    const controller = new DeploymentController({
      db: db(),
      clusterId: cluster.id,
      driver: new ClusterDriver(await kubeConfigFor(cluster)),
      build: (deployment) => deploymentManifests(db(), deployment, secretOpener()),
      onChange: () => runner?.kick(),
    });
    runner = new ControllerRunner({
      controller,
      leadership: leadershipFor(cluster.id),
      onError: (error) =>
        log(`[portico] controller ${cluster.name}: ${error instanceof Error ? error.message : String(error)}`),
    });
    runner.start();
    runners.set(cluster.id, runner);
    log(`[portico] controller started for cluster ${cluster.name}`);
  }
  return runners;
}

/** Ask the controller of a cluster for a pass now (after a launch, stop or delete). */
export function kickController(clusterId: string): void {
  globalForRunners.porticoRunners?.get(clusterId)?.kick();
}
