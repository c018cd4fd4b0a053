import type { GpuRequest } from "@/lib/skus/spec";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";

/** A MIG slice "<g>g.<m>gb" holds g of the GPU's 7 compute slices. */
const MIG_SLICES_PER_GPU = 7;

/** Thousandths of a GPU a deployment holds at most (all replicas up), rounded up: quotas never under-count. */
export function gpuMillisOf(gpu: GpuRequest, replicas = 1): number {
  if (gpu.mode === "none") return 0;
  if (gpu.mode !== "mig") return gpu.count * 1000 * replicas;
  const slices = Number.parseInt(gpu.profile, 10);
  return Math.ceil((gpu.count * slices * 1000 * replicas) / MIG_SLICES_PER_GPU);
}

type Claim = { orgId: string; projectId: string; gpuModel: string; gpuMillis: number };

async function usedMillis(tx: DbTx, where: { orgId: string } | { projectId: string }, gpuModel: string) {
  const used = await tx.deployment.aggregate({ where: { ...where, gpuModel, desired: { not: "DELETED" } }, _sum: { gpuMillis: true } });
  return used._sum.gpuMillis ?? 0;
}

/**
 * Serializes the launches of one organization: a lock on its row, held until the caller's transaction
 * (which checks the limits below and inserts the deployment) commits. Take it before any check.
 */
export async function lockOrgLaunches(tx: DbTx, orgId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR UPDATE`;
}

/**
 * Refuses a launch that would take the project or its organization past its GPU quota for that model.
 * The caller holds lockOrgLaunches. Stopped deployments keep their claim: starting them again must not
 * fail for want of GPUs someone else took meanwhile.
 */
export async function claimGpus(tx: DbTx, claim: Claim): Promise<void> {
  if (claim.gpuMillis === 0) return;
  // One after another: a transaction is one connection.
  const orgQuota = await tx.orgGpuQuota.findUnique({ where: { orgId_gpuModel: { orgId: claim.orgId, gpuModel: claim.gpuModel } } });
  const projectQuota = await tx.projectGpuQuota.findUnique({ where: { projectId_gpuModel: { projectId: claim.projectId, gpuModel: claim.gpuModel } } });
  const orgUsed = await usedMillis(tx, { orgId: claim.orgId }, claim.gpuModel);
  const projectUsed = await usedMillis(tx, { projectId: claim.projectId }, claim.gpuModel);
  const gpus = (millis: number) => Math.round(millis / 10) / 100;
  for (const [quota, used] of [[projectQuota?.maxGpus ?? 0, projectUsed], [orgQuota?.maxGpus ?? 0, orgUsed]] as const) {
    if (used + claim.gpuMillis > quota * 1000) {
      throw new AppError("quota_exceeded", {
        "compute.gpu.count": { key: "gpuQuota", values: { model: claim.gpuModel, quota, used: gpus(used), asked: gpus(claim.gpuMillis) } },
      });
    }
  }
}

type InstanceClaim = { skuId: string; orgId: string; userId: string; maxPerUser?: number; maxPerOrg?: number };

/** The SKU's limits on live instances per user and per organization (the caller holds lockOrgLaunches). */
export async function checkInstanceLimits(tx: DbTx, claim: InstanceClaim): Promise<void> {
  const live = (where: object) => tx.deployment.count({ where: { ...where, desired: { not: "DELETED" }, skuVersion: { skuId: claim.skuId } } });
  if (claim.maxPerUser !== undefined && (await live({ createdById: claim.userId, orgId: claim.orgId })) >= claim.maxPerUser) {
    throw new AppError("quota_exceeded", { _: { key: "maxPerUser", values: { limit: claim.maxPerUser } } });
  }
  if (claim.maxPerOrg !== undefined && (await live({ orgId: claim.orgId })) >= claim.maxPerOrg) {
    throw new AppError("quota_exceeded", { _: { key: "maxPerOrg", values: { limit: claim.maxPerOrg } } });
  }
}
