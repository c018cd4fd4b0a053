import type { DbTx } from "@/server/db/client";
import { throttleAddress } from "@/server/http/client-address";

// Sign-in attempts are counted per account and per client IP in the database, so every
// replica sees the same counts. Each attempt is counted before its password is checked, in
// one statement that also refuses it while the key is locked: a burst of parallel guesses
// cannot all be checked. Past the free allowance, each further attempt locks the key for
// twice as long as the previous one, up to MAX_LOCK_MS. A success clears the account's count
// and takes back its own attempt from the IP's (never the IP's whole count).
export const FREE_FAILURES = 5;
/** Many people can share one address (offices, NAT): an IP gets a larger allowance. */
export const FREE_FAILURES_PER_IP = 20;
const BASE_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Attempts older than this are forgotten. */
const WINDOW_MS = 60 * 60_000;

type ThrottleKey = { key: string; free: number };

/**
 * The client's key first: an attempt its lock refuses is never counted against the account, so a
 * locked client cannot go on to lock out the accounts it aims at. IPv6 clients are counted per /64.
 */
export const throttleKeys = (email: string, ip: string | null): ThrottleKey[] => [
  ...(ip ? [{ key: `ip:${throttleAddress(ip)}`, free: FREE_FAILURES_PER_IP }] : []),
  { key: `account:${email.toLowerCase()}`, free: FREE_FAILURES },
];

export function lockDuration(failures: number, free = FREE_FAILURES): number {
  if (failures <= free) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - free - 1), MAX_LOCK_MS);
}

/**
 * Counts an attempt against each key, in order. Returns false, counting nothing further,
 * as soon as a key is locked.
 */
export async function countAttempt(db: DbTx, keys: ThrottleKey[], now = new Date()): Promise<boolean> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const { key, free } of keys) {
    const rows = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "updatedAt", "lockedUntil")
      VALUES (
        ${key}, 1, ${now},
        CASE WHEN 1 > ${free} THEN ${now}::timestamp + make_interval(secs => ${BASE_LOCK_MS / 1000}) ELSE NULL END
      )
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE
          WHEN "SignInThrottle"."updatedAt" < ${windowStart} THEN 1
          ELSE "SignInThrottle"."failures" + 1 END,
        "lockedUntil" = CASE
          WHEN (CASE
              WHEN "SignInThrottle"."updatedAt" < ${windowStart} THEN 1
              ELSE "SignInThrottle"."failures" + 1 END) > ${free}
          THEN ${now}::timestamp + make_interval(secs => LEAST(
            ${BASE_LOCK_MS / 1000} * power(2, (CASE
              WHEN "SignInThrottle"."updatedAt" < ${windowStart} THEN 1
              ELSE "SignInThrottle"."failures" + 1 END) - ${free} - 1),
            ${MAX_LOCK_MS / 1000}))
          ELSE NULL END,
        "updatedAt" = ${now}
      WHERE "SignInThrottle"."lockedUntil" IS NULL OR "SignInThrottle"."lockedUntil" <= ${now}
      RETURNING "failures"`;
    if (rows.length === 0) return false;
  }
  return true;
}

/** After a successful sign-in. */
export async function forgiveAttempt(db: DbTx, keys: ThrottleKey[]): Promise<void> {
  for (const { key } of keys) {
    if (key.startsWith("account:")) await db.signInThrottle.deleteMany({ where: { key } });
    else
      await db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
  }
}
