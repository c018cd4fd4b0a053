import { gpusOf, type LaunchCapacity } from "@/lib/deployments/capacity";
import type { Db } from "@/server/db/client";
import { fleetCapacity } from "@/server/services/clusters/fleet";
import { SANDBOX_PROJECT } from "@/server/services/projects/sandbox";


/**
 * For a launch form: each project's and the org's GPU quota and use for the given models, and what each
 * cluster has free right now. An unreachable cluster is left out rather than failing the page.
 */
export async function launchCapacity(db: Db, orgId: string, projectIds: string[], models: string[]): Promise<LaunchCapacity> {
  const [orgQuotas, projectQuotas, orgUse, projectUse, fleet] = await Promise.all([
    db.orgGpuQuota.findMany({ where: { orgId, gpuModel: { in: models } } }),
    db.projectGpuQuota.findMany({ where: { projectId: { in: projectIds }, gpuModel: { in: models } } }),
    db.deployment.groupBy({ by: ["gpuModel"], where: { orgId, gpuModel: { in: models }, desired: { not: "DELETED" } }, _sum: { gpuMillis: true } }),
    db.deployment.groupBy({ by: ["projectId", "gpuModel"], where: { projectId: { in: projectIds }, gpuModel: { in: models }, desired: { not: "DELETED" } }, _sum: { gpuMillis: true } }),
    fleetCapacity(db),
  ]);
  const quotas: LaunchCapacity["quotas"] = {};
  for (const projectId of projectIds) {
    quotas[projectId] = Object.fromEntries(models.map((model) => [model, {
      projectLimit: projectQuotas.find((q) => q.projectId === projectId && q.gpuModel === model)?.maxGpus ?? 0,
      projectUsed: gpusOf(projectUse.find((u) => u.projectId === projectId && u.gpuModel === model)?._sum.gpuMillis),
      orgLimit: orgQuotas.find((q) => q.gpuModel === model)?.maxGpus ?? 0,
      orgUsed: gpusOf(orgUse.find((u) => u.gpuModel === model)?._sum.gpuMillis),
    }]));
  }
  const free: LaunchCapacity["free"] = {};
  for (const cluster of fleet) {
    if (!cluster.ok) continue;
    free[cluster.clusterId] = Object.fromEntries(cluster.capacity.pools.map((pool) => [`${pool.model}|${pool.resource}`, pool.allocatable - pool.allocated]));
  }
  return { quotas, free };
}

/** The same for SKU Studio's test launches: the provider's sandbox project, if it exists yet. */
export async function sandboxCapacity(db: Db, models: string[]) {
  const sandbox = await db.project.findFirst({ where: { slug: SANDBOX_PROJECT, org: { kind: "PROVIDER" } }, select: { id: true, orgId: true } });
  if (!sandbox) return null;
  return { projectId: sandbox.id, capacity: await launchCapacity(db, sandbox.orgId, [sandbox.id], models) };
}
