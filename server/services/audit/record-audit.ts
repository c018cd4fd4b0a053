import type { Caller } from "@/server/auth/caller";
import type { DbTx } from "@/server/db/client";

export type Actor = { userId: string; email: string };

/** The actor an audit entry names: the caller of the request. */
export const actorOf = (caller: Caller): Actor => ({ userId: caller.userId, email: caller.email });
export type Changes = Record<string, { from: unknown; to: unknown }>;

type AuditEntry = {
  action: string;
  orgId: string | null;
  targetType: string;
  targetId: string;
  changes: Changes;
};

/** Writes an audit event; call it inside the transaction that makes the change. */
export async function recordAudit(tx: DbTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: { actorId: actor.userId, actorEmail: actor.email, ...entry, changes: entry.changes as object },
  });
}

/** The fields that differ between two versions of a record (`before` null for a creation). */
export function diffFields<T extends Record<string, unknown>>(before: Partial<T> | null, after: Partial<T>): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after)) {
    const from = before?.[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
