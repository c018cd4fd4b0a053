import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashApiToken, isApiTokenShaped } from "./api-token-secret";
import { roleOf } from "./caller";
import type { Identity } from "./request-scope";

/** Last use is recorded at most this often per token: one write a minute, not one per call. */
const LAST_USE_RESOLUTION_MS = 60_000;

/** The token of an `Authorization: Bearer …` header ("" when it names none), or null for any other request. */
export function bearerTokenOf(request: Request): string | null {
  const match = /^bearer(?:\s+(.*))?$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  return match ? (match[1] ?? "").trim() : null;
}

/**
 * The identity an API token grants, read from the database on every request (no cache could then serve a
 * revoked or expired token): 401 for a token that is unknown, revoked or expired.
 */
export async function bearerIdentity(token: string, now = new Date()): Promise<Identity> {
  if (!isApiTokenShaped(token)) throw new AppError("unauthenticated");
  const row = await db().apiToken.findUnique({
    where: { secretHash: hashApiToken(token) },
    select: { id: true, orgId: true, ownerId: true, scope: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || row.expiresAt <= now) throw new AppError("unauthenticated");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: row.ownerId,
    orgId: row.orgId,
    token: { tokenId: row.id, orgId: row.orgId, scope: roleOf(row.scope) },
  };
}
