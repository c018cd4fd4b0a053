import type { OrgRole } from "@/lib/roles";
import { generatePassword, hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { type Actor, diffFields, recordAudit } from "@/server/services/audit/record-audit";
import { memberRoleOf } from "./roles";

type NewUser = { orgId: string; email: string; name: string; role: OrgRole };

/**
 * Creates an account in a customer organization. The one-time password is returned to be
 * shown once to the admin; only its hash is stored.
 */
export async function createUser(db: Db, actor: Actor, input: NewUser) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: input.orgId } });
    if (org?.kind !== "CUSTOMER") throw notFound();
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new AppError("conflict", { email: { key: "taken" } });
    }
    const created = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        memberships: { create: { orgId: org.id, role: memberRoleOf(input.role) } },
      },
    });
    await recordAudit(tx, actor, {
      action: "user.create",
      orgId: org.id,
      targetType: "user",
      targetId: created.id,
      changes: diffFields(null, { email: created.email, name: created.name, role: input.role }),
    });
    return created;
  });
  return { userId: user.id, email: user.email, oneTimePassword: password };
}
