import type { Db, DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";

/** All orgs; or chosen orgs, each with all its projects (projectIds empty) or chosen ones. */
export type Sharing = { sharedWithAll: boolean; orgs: { orgId: string; projectIds: string[] }[] };

const describe = (sharing: Sharing) =>
  sharing.sharedWithAll
    ? "all"
    : sharing.orgs
        .map((o) => (o.projectIds.length ? `${o.orgId}:${[...o.projectIds].sort().join("+")}` : o.orgId))
        .sort()
        .join(", ");

async function currentSharing(tx: DbTx, skuId: string): Promise<Sharing> {
  const sku = await tx.sku.findUnique({ where: { id: skuId }, include: { shares: true } });
  if (!sku) throw notFound();
  const byOrg = new Map<string, string[]>();
  for (const share of sku.shares) {
    const projects = byOrg.get(share.orgId) ?? [];
    if (share.projectId) projects.push(share.projectId);
    byOrg.set(share.orgId, projects);
  }
  return { sharedWithAll: sku.sharedWithAll, orgs: [...byOrg].map(([orgId, projectIds]) => ({ orgId, projectIds })) };
}

/** Replaces who may see a SKU, in one transaction; every org and project must exist and belong together. */
export async function setSharing(db: Db, actor: Actor, input: { skuId: string } & Sharing) {
  return db.$transaction((tx) => setSharingIn(tx, actor, input));
}

export async function setSharingIn(tx: DbTx, actor: Actor, input: { skuId: string } & Sharing) {
  const before = await currentSharing(tx, input.skuId);
  const orgs = input.sharedWithAll ? [] : input.orgs;
  for (const [index, share] of orgs.entries()) {
    const org = await tx.organization.findUnique({
      where: { id: share.orgId },
      include: { projects: { select: { id: true } } },
    });
    if (org?.kind !== "CUSTOMER") throw new AppError("validation", { [`orgs.${index}.orgId`]: { key: "unknownOrg" } });
    const own = new Set(org.projects.map((p) => p.id));
    if (share.projectIds.some((id) => !own.has(id)))
      throw new AppError("validation", { [`orgs.${index}.projectIds`]: { key: "unknownProject" } });
  }
  await tx.skuShare.deleteMany({ where: { skuId: input.skuId } });
  await tx.skuShare.createMany({
    data: orgs.flatMap((share) =>
      share.projectIds.length
        ? share.projectIds.map((projectId) => ({ skuId: input.skuId, orgId: share.orgId, projectId }))
        : [{ skuId: input.skuId, orgId: share.orgId }],
    ),
    skipDuplicates: true,
  });
  await tx.sku.update({ where: { id: input.skuId }, data: { sharedWithAll: input.sharedWithAll } });
  const after = { sharedWithAll: input.sharedWithAll, orgs };
  await recordAudit(tx, actor, {
    action: "sku.share",
    orgId: null,
    targetType: "sku",
    targetId: input.skuId,
    changes: { sharing: { from: describe(before), to: describe(after) } },
  });
}
