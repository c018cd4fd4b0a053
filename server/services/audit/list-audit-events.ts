import type { DbTx } from "@/server/db/client";

export const AUDIT_PAGE_SIZE = 50;

/**
 * Newest first, a page at a time: `after` is the id of the last event of the previous page
 * (a cursor, so events recorded in the same millisecond are never skipped). `orgId` narrows
 * to one tenant; undefined shows all.
 */
export async function listAuditEvents(db: DbTx, options: { orgId?: string; after?: string } = {}) {
  return db.auditEvent.findMany({
    where: { orgId: options.orgId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE,
    ...(options.after && { cursor: { id: options.after }, skip: 1 }),
  });
}
