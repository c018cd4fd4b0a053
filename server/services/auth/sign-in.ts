import { spendVerificationTime, verifyPassword } from "@/server/auth/password";
import { countAttempt, forgiveAttempt, throttleKeys } from "@/server/auth/throttle";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";

type PasswordSignIn = { email: string; password: string; ip: string | null };

/** Whether the password is an active user's; as slow without one, so timing does not tell which. */
async function passwordMatches(
  user: { passwordHash: string | null; disabledAt: Date | null } | null,
  password: string,
): Promise<boolean> {
  if (user?.passwordHash && !user.disabledAt) return verifyPassword(password, user.passwordHash);
  await spendVerificationTime(password);
  return false;
}

/**
 * Checks an email and password. Every attempt is counted per account and per client IP
 * before the password is looked at (see throttle.ts); unknown accounts cost the same time
 * as known ones.
 */
export async function signInWithPassword(db: DbTx, attempt: PasswordSignIn): Promise<{ userId: string }> {
  const email = attempt.email.trim().toLowerCase();
  const keys = throttleKeys(email, attempt.ip);
  if (!(await countAttempt(db, keys))) throw new AppError("rate_limited");

  const user = await db.user.findUnique({ where: { email } });
  const valid = await passwordMatches(user, attempt.password);
  if (!valid || !user) throw new AppError("invalid_credentials");
  await forgiveAttempt(db, keys);
  return { userId: user.id };
}
