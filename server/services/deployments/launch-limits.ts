import { gpusOf } from "@/lib/deployments/capacity";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";

type Claim = { orgId: string; projectId: string; gpuModel: string; gpuMillis: number };

async function usedMillis(tx: DbTx, where: { orgId: string } | { projectId: string }, gpuModel: string) {
  const used = await tx.deployment.aggregate({
    where: { ...where, gpuModel, desired: { not: "DELETED" } },
    _sum: { gpuMillis: true },
  });
  return used._sum.gpuMillis ?? 0;
}

/**
 * Serializes the launches of one organization: a lock on its row, held until the caller's transaction
 * (which checks the limits below and inserts the deployment) commits. Take it before any check.
 */
export async function lockOrgLaunches(tx: DbTx, orgId: string): Promise<void> {
  // NO KEY: rows that merely reference the org (audit events, projects) can still be written meanwhile.
  await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR NO KEY UPDATE`;
}

/**
 * Refuses a launch that would take the project or its organization past its GPU quota for that model.
 * The caller holds lockOrgLaunches. Stopped deployments keep their claim: starting them again must not
 * fail for want of GPUs someone else took meanwhile.
 */
export async function claimGpus(tx: DbTx, claim: Claim): Promise<void> {
  if (claim.gpuMillis === 0) return;
  // One after another: a transaction is one connection.
  const orgQuota = await tx.orgGpuQuota.findUnique({
    where: { orgId_gpuModel: { orgId: claim.orgId, gpuModel: claim.gpuModel } },
  });
  const projectQuota = await tx.projectGpuQuota.findUnique({
    where: { projectId_gpuModel: { projectId: claim.projectId, gpuModel: claim.gpuModel } },
  });
  const orgUsed = await usedMillis(tx, { orgId: claim.orgId }, claim.gpuModel);
  const projectUsed = await usedMillis(tx, { projectId: claim.projectId }, claim.gpuModel);
  for (const [quota, used] of [
    [projectQuota?.maxGpus ?? 0, projectUsed],
    [orgQuota?.maxGpus ?? 0, orgUsed],
  ] as const) {
    if (used + claim.gpuMillis > quota * 1000) {
      throw new AppError("quota_exceeded", {
        "compute.gpu.count": {
          key: "gpuQuota",
          values: { model: claim.gpuModel, quota, used: gpusOf(used), asked: gpusOf(claim.gpuMillis) },
        },
      });
    }
  }
}

type InstanceClaim = { skuId: string; orgId: string; userId: string; maxPerUser?: number; maxPerOrg?: number };

/** The SKU's limits on live instances per user and per organization (the caller holds lockOrgLaunches). */
export async function checkInstanceLimits(tx: DbTx, claim: InstanceClaim): Promise<void> {
  const live = (where: object) =>
    tx.deployment.count({ where: { ...where, desired: { not: "DELETED" }, skuVersion: { skuId: claim.skuId } } });
  if (
    claim.maxPerUser !== undefined &&
    (await live({ createdById: claim.userId, orgId: claim.orgId })) >= claim.maxPerUser
  ) {
    throw new AppError("quota_exceeded", { _: { key: "maxPerUser", values: { limit: claim.maxPerUser } } });
  }
  if (claim.maxPerOrg !== undefined && (await live({ orgId: claim.orgId })) >= claim.maxPerOrg) {
    throw new AppError("quota_exceeded", { _: { key: "maxPerOrg", values: { limit: claim.maxPerOrg } } });
  }
}

const HOUR_MS = 3_600_000;

/** When a deployment started now must stop, by its SKU's maximum runtime (none without one). */
export function runtimeDeadline(maxRuntimeHours: number | undefined, now = new Date()): Date | null {
  return maxRuntimeHours ? new Date(now.getTime() + maxRuntimeHours * HOUR_MS) : null;
}
