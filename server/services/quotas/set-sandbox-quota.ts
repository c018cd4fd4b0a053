import type { Db } from "@/server/db/client";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";
import { lockOrgLaunches } from "@/server/services/deployments/launch-limits";
import { sandboxProject } from "@/server/services/projects/sandbox";

type QuotaInput = { gpuModel: string; maxGpus: number };

/**
 * The GPUs SKU Studio's test launches may hold, by model: the provider org's quota and its sandbox
 * project's, set together (the sandbox is the provider's only launch target). 0 removes it.
 */
export async function setSandboxQuota(db: Db, actor: Actor, input: QuotaInput) {
  return db.$transaction(async (tx) => {
    const { org, project: sandbox } = await sandboxProject(tx);
    // The lock launches take, so no test launch checks the quota halfway through this change.
    await lockOrgLaunches(tx, org.id);
    const before = await tx.projectGpuQuota.findUnique({
      where: { projectId_gpuModel: { projectId: sandbox.id, gpuModel: input.gpuModel } },
    });
    if (input.maxGpus === 0) {
      await tx.orgGpuQuota.deleteMany({ where: { orgId: org.id, gpuModel: input.gpuModel } });
      await tx.projectGpuQuota.deleteMany({ where: { projectId: sandbox.id, gpuModel: input.gpuModel } });
    } else {
      await tx.orgGpuQuota.upsert({
        where: { orgId_gpuModel: { orgId: org.id, gpuModel: input.gpuModel } },
        create: { orgId: org.id, ...input },
        update: { maxGpus: input.maxGpus },
      });
      await tx.projectGpuQuota.upsert({
        where: { projectId_gpuModel: { projectId: sandbox.id, gpuModel: input.gpuModel } },
        create: { projectId: sandbox.id, ...input },
        update: { maxGpus: input.maxGpus },
      });
    }
    await recordAudit(tx, actor, {
      action: "quota.sandbox.set",
      orgId: org.id,
      targetType: "project",
      targetId: sandbox.id,
      changes: { [`gpu:${input.gpuModel}`]: { from: before?.maxGpus ?? 0, to: input.maxGpus } },
    });
  });
}
