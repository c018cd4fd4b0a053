import type { OrgRole } from "@/lib/roles";
import { roleOf } from "@/server/auth/caller";
import type { Db, DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";
import { memberRoleOf } from "./roles";

/**
 * Locks the organization's admin rows, then the target membership, which must belong to
 * `orgId` (the caller's own org, from the server): an id from another tenant is "not found".
 * The lock makes two concurrent demotions unable to leave the org without an admin.
 */
async function lockMembership(tx: DbTx, orgId: string, membershipId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership" WHERE "orgId" = ${orgId} AND "role" = 'ORG_ADMIN' ORDER BY "id" FOR UPDATE`;
  const membership = await tx.membership.findFirst({ where: { id: membershipId, orgId }, include: { user: true } });
  if (!membership) throw notFound();
  return { membership, adminCount: admins.length };
}

export async function updateMemberRole(
  db: Db,
  actor: Actor,
  orgId: string,
  input: { membershipId: string; role: OrgRole },
) {
  return db.$transaction(async (tx) => {
    const { membership, adminCount } = await lockMembership(tx, orgId, input.membershipId);
    const from = roleOf(membership.role);
    if (from === input.role) return { changed: false };
    if (from === "org-admin" && adminCount <= 1) throw new AppError("last_admin");
    await tx.membership.update({ where: { id: membership.id }, data: { role: memberRoleOf(input.role) } });
    await recordAudit(tx, actor, {
      action: "member.role.update",
      orgId,
      targetType: "membership",
      targetId: membership.id,
      changes: { role: { from, to: input.role }, email: { from: membership.user.email, to: membership.user.email } },
    });
    return { changed: true };
  });
}

export async function removeMember(db: Db, actor: Actor, orgId: string, input: { membershipId: string }) {
  return db.$transaction(async (tx) => {
    const { membership, adminCount } = await lockMembership(tx, orgId, input.membershipId);
    const role = roleOf(membership.role);
    if (role === "org-admin" && adminCount <= 1) throw new AppError("last_admin");
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, actor, {
      action: "member.remove",
      orgId,
      targetType: "membership",
      targetId: membership.id,
      changes: { email: { from: membership.user.email, to: null }, role: { from: role, to: null } },
    });
    return { removed: true };
  });
}
