import type { OrgRole } from "@/lib/roles";
import type { Db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { type Actor, diffFields, recordAudit } from "@/server/services/audit/record-audit";
import { memberRoleOf } from "./roles";

/** Adds an existing account to a customer organization. */
export async function addMember(db: Db, actor: Actor, input: { orgId: string; email: string; role: OrgRole }) {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: input.orgId } });
    if (org?.kind !== "CUSTOMER") throw notFound();
    const user = await tx.user.findUnique({ where: { email: input.email } });
    if (!user) throw new AppError("validation", { email: { key: "unknownUser" } });
    const existing = await tx.membership.findUnique({ where: { userId_orgId: { userId: user.id, orgId: org.id } } });
    if (existing) throw new AppError("conflict", { email: { key: "alreadyMember" } });
    const membership = await tx.membership.create({
      data: { userId: user.id, orgId: org.id, role: memberRoleOf(input.role) },
    });
    await recordAudit(tx, actor, {
      action: "member.add",
      orgId: org.id,
      targetType: "membership",
      targetId: membership.id,
      changes: diffFields(null, { email: user.email, role: input.role }),
    });
    return { membershipId: membership.id };
  });
}
