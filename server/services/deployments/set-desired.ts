import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { actorOf, recordAudit } from "@/server/services/audit/record-audit";
import { decodeSpec } from "@/server/services/skus/stored-version";
import { thenReconcile } from "./after-commit";
import { assertCanManage, deploymentOf } from "./deployment-access";
import { runtimeDeadline } from "./launch-limits";

/**
 * Stops a running deployment (its volumes stay, its GPUs stay claimed) or starts a stopped one again,
 * with a fresh maximum runtime from its SKU version. A deleted one can do neither.
 */
export async function setDesired(
  db: Db,
  caller: TenantCaller,
  input: { deploymentId: string; desired: "RUNNING" | "STOPPED" },
) {
  return thenReconcile(
    db.$transaction(async (tx) => {
      const deployment = await deploymentOf(tx, caller, input.deploymentId);
      assertCanManage(caller, deployment);
      if (deployment.desired === "DELETED") throw new AppError("conflict", { _: { key: "deploymentDeleted" } });
      if (deployment.desired === input.desired) return { changed: false, clusterId: deployment.clusterId };
      const version = deployment.skuVersionId
        ? await tx.skuVersion.findUnique({ where: { id: deployment.skuVersionId }, select: { spec: true } })
        : null;
      const hours = version ? decodeSpec(version.spec).policies.maxRuntimeHours : undefined;
      const stopAt = input.desired === "RUNNING" ? runtimeDeadline(hours) : null;
      await tx.deployment.update({ where: { id: deployment.id }, data: { desired: input.desired, stopAt } });
      await recordAudit(tx, actorOf(caller), {
        action: input.desired === "RUNNING" ? "deployment.start" : "deployment.stop",
        orgId: deployment.orgId,
        targetType: "deployment",
        targetId: deployment.id,
        changes: { desired: { from: deployment.desired, to: input.desired } },
      });
      return { changed: true, clusterId: deployment.clusterId };
    }),
  );
}
