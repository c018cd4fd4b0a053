import type { DbTx } from "@/server/db/client";

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `orgId` narrows to one tenant (an org admin's view), undefined shows all. */
export async function listAuditEvents(db: DbTx, options: { orgId?: string; before?: Date } = {}) {
  return db.auditEvent.findMany({
    where: { orgId: options.orgId, at: options.before ? { lt: options.before } : undefined },
    orderBy: { at: "desc" },
    take: AUDIT_PAGE_SIZE,
  });
}
