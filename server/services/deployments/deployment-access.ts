import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";

/**
 * A deployment as the caller may see it: only in the organization they act in (anything else is "not
 * found", so ids of other tenants reveal nothing).
 */
export async function deploymentOf(db: DbTx, caller: TenantCaller, deploymentId: string) {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!deployment || deployment.orgId !== caller.org.id) throw notFound();
  return deployment;
}

/** Who may stop or delete it: whoever launched it, and the organization's admins. */
export function assertCanManage(caller: TenantCaller, deployment: { createdById: string | null }) {
  if (deployment.createdById === caller.userId || caller.role === "org-admin" || caller.role === "platform-admin")
    return;
  throw new AppError("forbidden");
}
