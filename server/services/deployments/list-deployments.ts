import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";

const SHOWN = 10;
const select = { id: true, name: true, skuVersion: { select: { number: true } }, cluster: { select: { name: true } } } as const;

/** The latest deployments (not deleted) matching `where`, newest first, as DeploymentList shows them. */
async function listLive(db: DbTx, where: object) {
  const rows = await db.deployment.findMany({ where: { ...where, desired: { not: "DELETED" } }, orderBy: { createdAt: "desc" }, take: SHOWN, select });
  return rows.map((row) => ({ id: row.id, name: row.name, versionNumber: row.skuVersion?.number ?? null, clusterName: row.cluster.name }));
}

/** A SKU's test launches (SKU Studio; provider admins only). */
export const listTestLaunches = (db: DbTx, skuId: string) => listLive(db, { testLaunch: true, skuVersion: { skuId } });

/** The caller's own deployments of a SKU in the org they act in. */
export const listOwnDeployments = (db: DbTx, caller: TenantCaller, skuId: string) =>
  listLive(db, { orgId: caller.org.id, createdById: caller.userId, testLaunch: false, skuVersion: { skuId } });
