import type { SkuSpec } from "@/lib/skus/spec";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { CatalogEntry } from "@/server/services/skus/catalog";

/**
 * Where a SKU may be launched, one rule for the launch page and for the launch itself: the org's projects
 * the SKU is shared with (all of them, or some), and the cluster it is pinned to (or any registered one).
 */
export function launchableProjects(db: DbTx, orgId: string, entry: Pick<CatalogEntry, "projects">) {
  return db.project.findMany({
    where: { orgId, ...(entry.projects === "all" ? {} : { id: { in: entry.projects } }) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true },
  });
}

export function launchableClusters(db: DbTx, spec: SkuSpec) {
  return db.cluster.findMany({
    where: spec.placement.clusterId ? { id: spec.placement.clusterId } : {},
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** The chosen project, refused with the reason: not one of the org's, or not one the SKU is shared with. */
export async function launchProject(db: DbTx, orgId: string, entry: Pick<CatalogEntry, "projects">, projectId: string) {
  const project = (await launchableProjects(db, orgId, entry)).find((p) => p.id === projectId);
  if (project) return project;
  const inOrg = await db.project.count({ where: { id: projectId, orgId } });
  throw new AppError("validation", { projectId: { key: inOrg ? "projectNotShared" : "unknownProject" } });
}

/** The chosen cluster, refused with the reason: not registered, or not the one the SKU is pinned to. */
export async function launchCluster(db: DbTx, spec: SkuSpec, clusterId: string) {
  const cluster = (await launchableClusters(db, spec)).find((c) => c.id === clusterId);
  if (cluster) return cluster;
  const registered = await db.cluster.count({ where: { id: clusterId } });
  throw new AppError("validation", { clusterId: { key: registered ? "pinnedCluster" : "unknownCluster" } });
}
