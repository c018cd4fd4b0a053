import type { DeploymentRow } from "@/lib/deployments/status";
import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";
import { forbidden } from "@/server/errors";
import { audienceOf, statusOf, withTimeline } from "./deployment-status";

const SHOWN = 10;

export type DeploymentListFilter = { skuId: string; testLaunches: boolean };

/** Whose deployments of a SKU: its test launches (provider admins only), or the caller's own in their org. */
function whereOf(caller: TenantCaller, filter: DeploymentListFilter) {
  if (!filter.testLaunches) {
    return { orgId: caller.org.id, createdById: caller.userId, testLaunch: false, skuVersion: { skuId: filter.skuId } };
  }
  if (!caller.isPlatformAdmin) throw forbidden();
  return { testLaunch: true, skuVersion: { skuId: filter.skuId } };
}

/** The latest deployments (not deleted) of a list, newest first, each with its status: one read per list. */
export async function listDeployments(
  db: DbTx,
  caller: TenantCaller,
  filter: DeploymentListFilter,
): Promise<DeploymentRow[]> {
  const rows = await db.deployment.findMany({
    where: { ...whereOf(caller, filter), desired: { not: "DELETED" } },
    orderBy: { createdAt: "desc" },
    take: SHOWN,
    include: withTimeline,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    versionNumber: row.skuVersion?.number ?? null,
    clusterName: row.cluster.name,
    status: statusOf(row, audienceOf(caller)),
  }));
}
