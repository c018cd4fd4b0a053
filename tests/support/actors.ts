/**
 * Who a test acts as: the audit actor services take, the caller a request would have, and a
 * `runAs` scope for actions and route handlers.
 */
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { loadCaller, runAs } from "@/server/auth/caller";
import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/services/audit/record-audit";

/** An existing account, by email: a demo account, a user row, a seeded user's. */
type Account = { email: string };

/** The audit actor of an existing account, found by its email. */
export async function actorByEmail(db: DbTx, account: Account): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email: account.email } });
  return { userId: user.id, email: user.email };
}

/** The demo seed's provider admin: who runs provider-side services in tests. */
export const platformAdminOf = (db: DbTx) => actorByEmail(db, DEMO_ACCOUNTS.admin);

/**
 * The caller a request of this account would have, acting in its first organization. loadCaller
 * reads through the process-wide client: DATABASE_URL must name `db`'s database.
 */
export async function callerOf(db: DbTx, account: Account): Promise<TenantCaller> {
  const { userId } = await actorByEmail(db, account);
  const caller = await loadCaller(userId);
  if (!caller?.org || !caller.role) throw new Error(`${account.email} has no organization`);
  return { ...caller, org: caller.org, role: caller.role };
}

/** Runs `fn` as the actor's account, as one request of theirs (server actions, route handlers). */
export const runAsActor = <T>(actor: Actor, fn: () => Promise<T>): Promise<T> => runAs({ userId: actor.userId }, fn);
