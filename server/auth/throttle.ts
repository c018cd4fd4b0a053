import type { DbTx } from "@/server/db/client";

// Failed sign-ins are counted per account and per client IP in the database, so every
// replica sees the same counts. After FREE_FAILURES, each further failure locks the key
// for twice as long as the previous one, up to MAX_LOCK_MS.
export const FREE_FAILURES = 5;
const BASE_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const WINDOW_MS = 60 * 60_000;

export const throttleKeys = (email: string, ip: string | null) =>
  [`account:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];

export function lockDuration(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - FREE_FAILURES - 1), MAX_LOCK_MS);
}

/** The time until which any of the keys is locked, or null. */
export async function lockedUntil(db: DbTx, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const times = rows.map((row) => row.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordFailure(db: DbTx, keys: string[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const key of keys) {
    // One atomic upsert per key: concurrent failures never lose a count, and a count
    // whose last failure is older than the window starts again at 1.
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "updatedAt") VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."updatedAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "updatedAt" = ${now}
      RETURNING "failures"`;
    const lock = lockDuration(row?.failures ?? 1);
    if (lock) await db.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lock) } });
  }
}

export async function clearFailures(db: DbTx, keys: string[]): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
