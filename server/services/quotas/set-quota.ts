import type { Db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";

type QuotaInput = { gpuModel: string; maxGpus: number };

/**
 * An organization's GPU quota for one model. It may not go below what one of its projects
 * is already granted (lower the project first), so a project never exceeds its org.
 * 0 removes the quota.
 */
export async function setOrgQuota(db: Db, actor: Actor, orgId: string, input: QuotaInput) {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: orgId } });
    if (org?.kind !== "CUSTOMER") throw notFound();
    // Same lock as setProjectQuota takes, so the two checks cannot interleave.
    const [before] = await tx.$queryRaw<{ maxGpus: number }[]>`
      SELECT "maxGpus" FROM "OrgGpuQuota" WHERE "orgId" = ${orgId} AND "gpuModel" = ${input.gpuModel} FOR UPDATE`;
    const largestProjectQuota = await tx.projectGpuQuota.aggregate({
      where: { gpuModel: input.gpuModel, project: { orgId } },
      _max: { maxGpus: true },
    });
    const floor = largestProjectQuota._max.maxGpus ?? 0;
    if (input.maxGpus < floor) {
      throw new AppError("validation", { maxGpus: { key: "belowProjectQuota", values: { limit: floor } } });
    }
    const where = { orgId_gpuModel: { orgId, gpuModel: input.gpuModel } };
    if (input.maxGpus === 0) await tx.orgGpuQuota.deleteMany({ where: { orgId, gpuModel: input.gpuModel } });
    else await tx.orgGpuQuota.upsert({ where, create: { orgId, ...input }, update: { maxGpus: input.maxGpus } });
    await recordAudit(tx, actor, {
      action: "quota.org.set",
      orgId,
      targetType: "organization",
      targetId: orgId,
      changes: { [`gpu:${input.gpuModel}`]: { from: before?.maxGpus ?? 0, to: input.maxGpus } },
    });
  });
}

/** A project's share of its organization's quota; never above the organization's. */
export async function setProjectQuota(db: Db, actor: Actor, orgId: string, input: QuotaInput & { projectId: string }) {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: input.projectId, orgId } });
    if (!project) throw notFound();
    // Locks the org quota row so a concurrent lowering of it cannot slip under this check.
    const [orgQuota] = await tx.$queryRaw<{ maxGpus: number }[]>`
      SELECT "maxGpus" FROM "OrgGpuQuota" WHERE "orgId" = ${orgId} AND "gpuModel" = ${input.gpuModel} FOR UPDATE`;
    const ceiling = orgQuota?.maxGpus ?? 0;
    if (input.maxGpus > ceiling) {
      throw new AppError("validation", { maxGpus: { key: "aboveOrgQuota", values: { limit: ceiling } } });
    }
    const where = { projectId_gpuModel: { projectId: project.id, gpuModel: input.gpuModel } };
    const before = await tx.projectGpuQuota.findUnique({ where });
    if (input.maxGpus === 0)
      await tx.projectGpuQuota.deleteMany({ where: { projectId: project.id, gpuModel: input.gpuModel } });
    else
      await tx.projectGpuQuota.upsert({
        where,
        create: { projectId: project.id, gpuModel: input.gpuModel, maxGpus: input.maxGpus },
        update: { maxGpus: input.maxGpus },
      });
    await recordAudit(tx, actor, {
      action: "quota.project.set",
      orgId,
      targetType: "project",
      targetId: project.id,
      changes: { [`gpu:${input.gpuModel}`]: { from: before?.maxGpus ?? 0, to: input.maxGpus } },
    });
  });
}
