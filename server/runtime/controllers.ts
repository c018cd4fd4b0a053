import { createHash } from "node:crypto";
import { DeploymentController } from "@/server/cluster/controller/controller";
import { deploymentManifests } from "@/server/cluster/controller/deployment-manifests";
import { AdvisoryLockLeadership, type Leadership, SingleProcessLeadership } from "@/server/cluster/controller/leader";
import { ControllerRunner } from "@/server/cluster/controller/runner";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import { config } from "@/server/config";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { portalKey } from "@/server/security/portal-key";
import { secretEnvOpener } from "@/server/services/deployments/secret-env";
import { kubeConfigFor, simulatedCluster } from "./cluster-connections";

/** Opens deployments' sealed secret variables with the portal's key (none can exist without one). */
function secretOpener() {
  const key = portalKey();
  return key ? secretEnvOpener(key) : undefined;
}

/** Why a cluster was refused: an AppError names only its field keys (the kubeconfig itself is never logged). */
function reasonOf(error: unknown): string {
  if (error instanceof AppError) return `${error.code} (${Object.values(error.fields ?? {}).map((f) => f.key)})`;
  return error instanceof Error ? error.message : String(error);
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
    // A cluster that cannot be reached as registered (e.g. a refused kubeconfig) must not stop the others.
    const kubeConfig = await kubeConfigFor(cluster).catch((error: unknown) => {
      log(`[portico] controller ${cluster.name} not started: ${reasonOf(error)}`);
    });
    if (!kubeConfig) continue;
    let runner: ControllerRunner | undefined;
    const controller = new DeploymentController({
      db: db(),
      clusterId: cluster.id,
      driver: new ClusterDriver(kubeConfig),
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
