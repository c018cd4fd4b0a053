import type { DbTx } from "@/server/db/client";

const SHOWN = 10;

/** A SKU's latest test launches that are not deleted, newest first. */
export async function listTestLaunches(db: DbTx, skuId: string) {
  const rows = await db.deployment.findMany({
    where: { testLaunch: true, desired: { not: "DELETED" }, skuVersion: { skuId } },
    orderBy: { createdAt: "desc" },
    take: SHOWN,
    select: { id: true, name: true, skuVersion: { select: { number: true } }, cluster: { select: { name: true } } },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, versionNumber: row.skuVersion?.number ?? null, clusterName: row.cluster.name }));
}
