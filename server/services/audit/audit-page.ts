import { db } from "@/server/db/client";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "./list-audit-events";
import type { Changes } from "./record-audit";

/** An event id from the previous page's link; anything else starts from the newest. */
const cursorOf = (value: string | undefined) => (value && /^[a-z0-9]{1,64}$/.test(value) ? value : undefined);

/** A page of the audit log, newest first, with each event's organization named. */
export async function auditPage(after: string | undefined) {
  const cursor = cursorOf(after);
  const [events, orgs] = await Promise.all([
    listAuditEvents(db(), { after: cursor }),
    db().organization.findMany({ select: { id: true, name: true } }),
  ]);
  const orgName = new Map(orgs.map((org) => [org.id, org.name]));
  return {
    events: events.map((event) => ({
      id: event.id,
      at: event.at,
      actorEmail: event.actorEmail,
      orgName: event.orgId ? (orgName.get(event.orgId) ?? event.orgId) : null,
      action: event.action,
      changes: Object.entries(event.changes as Changes),
    })),
    isFirstPage: !cursor,
    olderAfter: events.length === AUDIT_PAGE_SIZE ? events[events.length - 1]!.id : null,
  };
}

export type AuditPage = Awaited<ReturnType<typeof auditPage>>;
