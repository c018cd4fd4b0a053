import { roleOf } from "@/server/auth/caller";
import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";
import { tokensOf } from "./token-rights";

export type ApiTokenStatus = "active" | "expired" | "revoked";

const statusOf = (token: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiTokenStatus =>
  token.revokedAt ? "revoked" : token.expiresAt <= now ? "expired" : "active";

/** The tokens the caller may see, newest first, with their owner and last use; never their hash. */
export async function listApiTokens(db: DbTx, caller: TenantCaller, now = new Date()) {
  const rows = await db.apiToken.findMany({
    where: tokensOf(caller),
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scope: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      owner: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => ({ ...row, scope: roleOf(row.scope), status: statusOf(row, now) }));
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
