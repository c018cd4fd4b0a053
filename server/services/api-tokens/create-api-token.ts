import type { Role } from "@/lib/roles";
import { newApiToken } from "@/server/auth/api-token-secret";
import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { forbidden } from "@/server/errors";
import { actorOf, diffFields, recordAudit } from "@/server/services/audit/record-audit";
import { grantableScopes, memberRoleOfScope } from "./token-rights";

type NewApiToken = { name: string; scope: Role; expiresInDays: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a token owned by the caller in the organization they act in, with a scope no wider than their
 * role there. The secret is returned to be shown once; only its hash is stored, and neither is audited.
 */
export async function createApiToken(db: Db, caller: TenantCaller, input: NewApiToken) {
  if (!grantableScopes(caller).includes(input.scope)) throw forbidden();
  const { secret, hash, prefix } = newApiToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
  const token = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        orgId: caller.org.id,
        ownerId: caller.userId,
        name: input.name,
        scope: memberRoleOfScope(input.scope),
        secretHash: hash,
        prefix,
        expiresAt,
      },
    });
    await recordAudit(tx, actorOf(caller), {
      action: "api-token.create",
      orgId: caller.org.id,
      targetType: "api-token",
      targetId: created.id,
      changes: diffFields(null, { name: input.name, scope: input.scope, prefix, expiresAt: expiresAt.toISOString() }),
    });
    return created;
  });
  return { tokenId: token.id, name: token.name, prefix, expiresAt, secret };
}
