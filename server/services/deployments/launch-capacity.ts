import { gpusOf, type LaunchCapacity, type SandboxCapacity } from "@/lib/deployments/capacity";
import { gpuModelsOf } from "@/lib/skus/overrides";
import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { fleetCapacity } from "@/server/services/clusters/fleet";
import { SANDBOX_PROJECT } from "@/server/services/projects/sandbox";
import { catalogEntry } from "@/server/services/skus/catalog";
import { decodeVersion } from "@/server/services/skus/stored-version";
import { launchableProjects } from "./launch-targets";

/**
 * For a launch form: each project's and the org's GPU quota and use for the given models, and what each
 * cluster has free right now. An unreachable cluster is left out rather than failing the page.
 */
export async function launchCapacity(
  db: Db,
  orgId: string,
  projectIds: string[],
  models: string[],
): Promise<LaunchCapacity> {
  const [orgQuotas, projectQuotas, orgUse, projectUse, fleet] = await Promise.all([
    db.orgGpuQuota.findMany({ where: { orgId, gpuModel: { in: models } } }),
    db.projectGpuQuota.findMany({ where: { projectId: { in: projectIds }, gpuModel: { in: models } } }),
    db.deployment.groupBy({
      by: ["gpuModel"],
      where: { orgId, gpuModel: { in: models }, desired: { not: "DELETED" } },
      _sum: { gpuMillis: true },
    }),
    db.deployment.groupBy({
      by: ["projectId", "gpuModel"],
      where: { projectId: { in: projectIds }, gpuModel: { in: models }, desired: { not: "DELETED" } },
      _sum: { gpuMillis: true },
    }),
    fleetCapacity(db),
  ]);
  const quotas: LaunchCapacity["quotas"] = {};
  for (const projectId of projectIds) {
    quotas[projectId] = Object.fromEntries(
      models.map((model) => [
        model,
        {
          projectLimit: projectQuotas.find((q) => q.projectId === projectId && q.gpuModel === model)?.maxGpus ?? 0,
          projectUsed: gpusOf(
            projectUse.find((u) => u.projectId === projectId && u.gpuModel === model)?._sum.gpuMillis,
          ),
          orgLimit: orgQuotas.find((q) => q.gpuModel === model)?.maxGpus ?? 0,
          orgUsed: gpusOf(orgUse.find((u) => u.gpuModel === model)?._sum.gpuMillis),
        },
      ]),
    );
  }
  const free: LaunchCapacity["free"] = {};
  for (const cluster of fleet) {
    if (!cluster.ok) continue;
    free[cluster.clusterId] = Object.fromEntries(
      cluster.capacity.pools.map((pool) => [`${pool.model}|${pool.resource}`, pool.allocatable - pool.allocated]),
    );
  }
  return { quotas, free };
}

/** For a member's launch form: a SKU shared with their org, in the projects it may launch into. */
export async function launchCapacityOf(db: Db, caller: TenantCaller, skuId: string): Promise<LaunchCapacity> {
  const entry = await catalogEntry(db, caller.org.id, skuId);
  if (!entry) throw notFound();
  const projects = await launchableProjects(db, caller.org.id, entry);
  const models = gpuModelsOf(entry.spec, entry.overrides);
  return launchCapacity(
    db,
    caller.org.id,
    projects.map((p) => p.id),
    models,
  );
}

/** For the SKU Studio's test launch of a SKU's latest version: the provider's sandbox project, if it exists. */
export async function sandboxCapacityOf(db: Db, skuId: string): Promise<SandboxCapacity> {
  const [latest, sandbox] = await Promise.all([
    db.skuVersion.findFirst({ where: { skuId }, orderBy: { number: "desc" }, select: { spec: true, overrides: true } }),
    db.project.findFirst({
      where: { slug: SANDBOX_PROJECT, org: { kind: "PROVIDER" } },
      select: { id: true, orgId: true },
    }),
  ]);
  if (!latest) throw notFound();
  if (!sandbox) return null;
  const { spec, overrides } = decodeVersion(latest);
  return {
    projectId: sandbox.id,
    capacity: await launchCapacity(db, sandbox.orgId, [sandbox.id], gpuModelsOf(spec, overrides)),
  };
}
