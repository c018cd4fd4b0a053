import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { recordAudit, type Actor } from "@/server/services/audit/record-audit";
import { SANDBOX_PROJECT } from "@/server/services/skus/test-launch";

type QuotaInput = { gpuModel: string; maxGpus: number };

/**
 * The GPUs SKU Studio's test launches may hold, by model: the provider org's quota and its sandbox
 * project's, set together (the sandbox is the provider's only launch target). 0 removes it.
 */
export async function setSandboxQuota(db: Db, actor: Actor, input: QuotaInput) {
  return db.$transaction(async (tx) => {
    const provider = await tx.organization.findFirst({ where: { kind: "PROVIDER" }, orderBy: { createdAt: "asc" } });
    if (!provider) throw notFound();
    // The same lock launches take, so a test launch cannot interleave with the change.
    await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${provider.id} FOR UPDATE`;
    const sandbox = await tx.project.upsert({
      where: { orgId_slug: { orgId: provider.id, slug: SANDBOX_PROJECT } },
      create: { orgId: provider.id, slug: SANDBOX_PROJECT, name: "Sandbox" },
      update: {},
    });
    const before = await tx.projectGpuQuota.findUnique({ where: { projectId_gpuModel: { projectId: sandbox.id, gpuModel: input.gpuModel } } });
    if (input.maxGpus === 0) {
      await tx.orgGpuQuota.deleteMany({ where: { orgId: provider.id, gpuModel: input.gpuModel } });
      await tx.projectGpuQuota.deleteMany({ where: { projectId: sandbox.id, gpuModel: input.gpuModel } });
    } else {
      await tx.orgGpuQuota.upsert({ where: { orgId_gpuModel: { orgId: provider.id, gpuModel: input.gpuModel } }, create: { orgId: provider.id, ...input }, update: { maxGpus: input.maxGpus } });
      await tx.projectGpuQuota.upsert({ where: { projectId_gpuModel: { projectId: sandbox.id, gpuModel: input.gpuModel } }, create: { projectId: sandbox.id, ...input }, update: { maxGpus: input.maxGpus } });
    }
    await recordAudit(tx, actor, {
      action: "quota.sandbox.set",
      orgId: provider.id,
      targetType: "project",
      targetId: sandbox.id,
      changes: { [`gpu:${input.gpuModel}`]: { from: before?.maxGpus ?? 0, to: input.maxGpus } },
    });
  });
}
