import { generatePassword, hashPassword } from "@/server/auth/password";
import type { Db, DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { diffFields, recordAudit } from "@/server/services/audit/record-audit";

const PROVIDER = { slug: "provider", name: "Provider" };

/** The provider's organization: the one there is, or a new one on an empty installation. */
async function providerOrg(tx: DbTx) {
  const existing = await tx.organization.findFirst({ where: { kind: "PROVIDER" } });
  return existing ?? tx.organization.create({ data: { ...PROVIDER, kind: "PROVIDER" } });
}

/**
 * A provider admin created from the command line (the first one of a production installation, which
 * has no one to create it in the portal). The one-time password is returned to be printed once; only
 * its hash is stored. The entry in the audit log names the new admin as its own actor.
 */
export async function createPlatformAdmin(db: Db, input: { email: string; name: string }) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new AppError("conflict", { email: { key: "taken" } });
    }
    const org = await providerOrg(tx);
    const created = await tx.user.create({
      data: { ...input, passwordHash, memberships: { create: { orgId: org.id, role: "PLATFORM_ADMIN" } } },
    });
    await recordAudit(
      tx,
      { userId: created.id, email: created.email },
      {
        action: "user.createPlatformAdmin",
        orgId: org.id,
        targetType: "user",
        targetId: created.id,
        changes: diffFields(null, { email: created.email, name: created.name, role: "platform-admin" }),
      },
    );
    return created;
  });
  return { email: user.email, oneTimePassword: password };
}
