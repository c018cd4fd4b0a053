import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { actorOf, recordAudit } from "@/server/services/audit/record-audit";
import { tokensOf } from "./token-rights";

/**
 * Revokes a token the caller may manage (a token of another org, or another member's, is "not found"). From
 * the commit on, the token is refused: every API call reads its row.
 */
export async function revokeApiToken(db: Db, caller: TenantCaller, input: { tokenId: string }) {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: input.tokenId, ...tokensOf(caller) } });
    if (!token) throw notFound();
    const revokedAt = new Date();
    // Guarded on revokedAt, so two concurrent revocations record one event.
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt } });
    if (count === 0) return { changed: false };
    await recordAudit(tx, actorOf(caller), {
      action: "api-token.revoke",
      orgId: token.orgId,
      targetType: "api-token",
      targetId: token.id,
      changes: { name: { from: token.name, to: token.name }, revokedAt: { from: null, to: revokedAt.toISOString() } },
    });
    return { changed: true };
  });
}
