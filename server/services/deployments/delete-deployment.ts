import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { actorOf, recordAudit } from "@/server/services/audit/record-audit";
import { thenReconcile } from "./after-commit";
import { assertCanManage, deploymentOf } from "./deployment-access";

/**
 * Asks the controller to remove a deployment and everything it made, volumes included; its GPUs are free
 * for new launches at once. The row stays (phase "deleted") for the audit trail and the usage history.
 */
export async function deleteDeployment(db: Db, caller: TenantCaller, input: { deploymentId: string }) {
  return thenReconcile(
    db.$transaction(async (tx) => {
      const deployment = await deploymentOf(tx, caller, input.deploymentId);
      assertCanManage(caller, deployment);
      if (deployment.desired === "DELETED") return { changed: false, clusterId: deployment.clusterId };
      await tx.deployment.update({ where: { id: deployment.id }, data: { desired: "DELETED" } });
      await recordAudit(tx, actorOf(caller), {
        action: "deployment.delete",
        orgId: deployment.orgId,
        targetType: "deployment",
        targetId: deployment.id,
        changes: { desired: { from: deployment.desired, to: "DELETED" } },
      });
      return { changed: true, clusterId: deployment.clusterId };
    }),
  );
}
