// server/services/auth/sign-in.ts and the database-backed throttle (server/auth/throttle.ts),
// on PostgreSQL and on PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { countAttempt, FREE_FAILURES, FREE_FAILURES_PER_IP, lockDuration } from "@/server/auth/throttle";
import type { Db, DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { signInWithPassword } from "@/server/services/auth/sign-in";
import { seedUser } from "../builders";
import { DATABASE_TARGETS, openTarget, type SeededTarget } from "../support/database-targets";

const { alice, bob, carol, hank } = DEMO_ACCOUNTS;

/** The error code a sign-in attempt failed with, or "ok". */
async function attempt(db: DbTx, email: string, password: string, ip: string | null): Promise<string> {
  try {
    await signInWithPassword(db, { email, password, ip });
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe.each(DATABASE_TARGETS)("sign-in on $name", ({ open }) => {
  let target: SeededTarget;
  let db: Db;
  const passwordOf = (account: { email: string }) => target.signIns.find((s) => s.email === account.email)!.password;
  const throttleRow = (key: string) => db.signInThrottle.findUnique({ where: { key } });

  beforeAll(async () => ({ target, db } = await openTarget(open)));
  afterAll(() => target?.close());
  beforeEach(async () => {
    await db.signInThrottle.deleteMany();
  });

  it("accepts the right password, whatever the email's case and surrounding spaces", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: alice.email } });
    await expect(
      signInWithPassword(db, { email: alice.email, password: passwordOf(alice), ip: "10.0.0.1" }),
    ).resolves.toEqual({ userId: user.id });
    expect(await attempt(db, `  ${alice.email.toUpperCase()} `, passwordOf(alice), "10.0.0.1")).toBe("ok");
  });

  it("refuses a wrong password as invalid_credentials and counts it for the account and the IP", async () => {
    expect(await attempt(db, alice.email, "wrong", "10.0.0.2")).toBe("invalid_credentials");
    expect(await attempt(db, alice.email, passwordOf(bob), "10.0.0.2")).toBe("invalid_credentials");
    expect((await throttleRow(`account:${alice.email}`))?.failures).toBe(2);
    expect((await throttleRow("ip:10.0.0.2"))?.failures).toBe(2);
  });

  it("refuses an unknown email exactly like a wrong password, and counts it too", async () => {
    expect(await attempt(db, "nobody@acme.example", "whatever", "10.0.0.3")).toBe("invalid_credentials");
    expect((await throttleRow("account:nobody@acme.example"))?.failures).toBe(1);
    expect((await throttleRow("ip:10.0.0.3"))?.failures).toBe(1);
  });

  it("refuses a disabled account and an SSO-only account (no password) even with the password", async () => {
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const disabled = await seedUser(db, { org, email: "disabled@acme.example", name: "Disabled", disabled: true });
    const ssoOnly = await seedUser(db, { email: "sso-only@acme.example", name: "SSO only", password: false });
    expect(await attempt(db, disabled.user.email, disabled.password!, null)).toBe("invalid_credentials");
    expect(await attempt(db, ssoOnly.user.email, "", null)).toBe("invalid_credentials");
  });

  it(`lets the first ${FREE_FAILURES} failures go unpunished`, async () => {
    for (let i = 0; i < FREE_FAILURES; i++)
      expect(await attempt(db, bob.email, `wrong-${i}`, "10.0.1.1")).toBe("invalid_credentials");
    expect((await throttleRow(`account:${bob.email}`))?.lockedUntil).toBeNull();
    expect(await attempt(db, bob.email, passwordOf(bob), "10.0.1.1")).toBe("ok");
  });

  it(`locks the account on failure ${FREE_FAILURES + 1}: the right password is refused, from any IP`, async () => {
    for (let i = 0; i <= FREE_FAILURES; i++)
      expect(await attempt(db, bob.email, `wrong-${i}`, "10.0.2.1")).toBe("invalid_credentials");
    const right = passwordOf(bob);
    // All at once: the first lock lasts one second.
    const results = await Promise.all([
      attempt(db, bob.email, right, "10.0.2.1"),
      attempt(db, bob.email, right, "10.0.2.99"),
      attempt(db, bob.email.toUpperCase(), right, null),
    ]);
    expect(results).toEqual(["rate_limited", "rate_limited", "rate_limited"]);
    const row = await throttleRow(`account:${bob.email}`);
    expect(row?.failures).toBe(FREE_FAILURES + 1);
    expect(row?.lockedUntil).not.toBeNull();
  });

  it("locks an IP that failed too often for every account, while other IPs still get in", async () => {
    // Many accounts guessed from one address: only the IP key passes its (larger) allowance.
    for (let i = 0; i <= FREE_FAILURES_PER_IP; i++)
      expect(await attempt(db, `guess-${i}@acme.example`, "x", "10.0.3.1")).toBe("invalid_credentials");
    const right = passwordOf(carol);
    expect(await attempt(db, carol.email, right, "10.0.3.1")).toBe("rate_limited");
    expect(await attempt(db, carol.email, right, "10.0.3.2")).toBe("ok");
  });

  it("on success clears the account's count but takes back only its own attempt from the IP's", async () => {
    for (let i = 0; i < 3; i++) await attempt(db, carol.email, "wrong", "10.0.4.1");
    expect((await throttleRow(`account:${carol.email}`))?.failures).toBe(3);
    expect(await attempt(db, carol.email, passwordOf(carol), "10.0.4.1")).toBe("ok");
    expect(await throttleRow(`account:${carol.email}`)).toBeNull();
    // Owning one account must not wipe an address's record of guesses.
    expect((await throttleRow("ip:10.0.4.1"))?.failures).toBe(3);
    await attempt(db, carol.email, "wrong", "10.0.4.1");
    expect((await throttleRow(`account:${carol.email}`))?.failures).toBe(1);
  });

  it("never counts an attempt its IP's lock refused against the account it aimed at", async () => {
    // A client guesses across many accounts until its address is locked...
    for (let i = 0; i <= FREE_FAILURES_PER_IP; i++) await attempt(db, `spray-${i}@acme.example`, "wrong", "10.0.6.1");
    expect(await attempt(db, bob.email, "wrong", "10.0.6.1")).toBe("rate_limited");
    // ...and then aims at Bob: refused by its own lock, which leaves Bob's account untouched.
    for (let i = 0; i < FREE_FAILURES + 2; i++) await attempt(db, bob.email, "wrong", "10.0.6.1");
    expect(await throttleRow(`account:${bob.email}`)).toBeNull();
    expect(await attempt(db, bob.email, passwordOf(bob), "10.0.6.2")).toBe("ok");
  });

  it("checks at most the free allowance plus one of a burst of 10 concurrent guesses", async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => attempt(db, hank.email, `wrong-${i}`, "10.0.5.1")),
    );
    expect(results.filter((r) => r === "invalid_credentials")).toHaveLength(FREE_FAILURES + 1);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(10 - FREE_FAILURES - 1);
    const account = await throttleRow(`account:${hank.email}`);
    expect(account?.failures).toBe(FREE_FAILURES + 1);
    expect(account!.lockedUntil!.getTime()).toBeGreaterThanOrEqual(started + lockDuration(FREE_FAILURES + 1) - 5);
  });
});

describe.each(DATABASE_TARGETS)("throttle storage on $name", ({ open }) => {
  let target: SeededTarget;
  let db: Db;
  const row = (key: string) => db.signInThrottle.findUniqueOrThrow({ where: { key } });

  beforeAll(async () => ({ target, db } = await openTarget(open)));
  afterAll(() => target?.close());

  it("loses no count among 20 concurrent attempts", async () => {
    const key = { key: "ip:10.9.9.9", free: 1_000 };
    const allowed = await Promise.all(Array.from({ length: 20 }, () => countAttempt(db, [key])));
    expect(allowed).toEqual(Array(20).fill(true));
    expect((await row(key.key)).failures).toBe(20);
  });

  it("allows the attempt past the allowance, locks for lockDuration, and doubles the next lock", async () => {
    const key = { key: "account:timed@x", free: FREE_FAILURES };
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    for (let i = 0; i < FREE_FAILURES; i++) expect(await countAttempt(db, [key], now)).toBe(true);
    expect((await row(key.key)).lockedUntil).toBeNull();
    expect(await countAttempt(db, [key], now)).toBe(true);
    expect((await row(key.key)).lockedUntil!.getTime()).toBe(now.getTime() + lockDuration(FREE_FAILURES + 1));
    expect(await countAttempt(db, [key], now)).toBe(false);
    expect((await row(key.key)).failures).toBe(FREE_FAILURES + 1);
    const later = new Date(now.getTime() + lockDuration(FREE_FAILURES + 1));
    expect(await countAttempt(db, [key], later)).toBe(true);
    expect((await row(key.key)).lockedUntil!.getTime()).toBe(later.getTime() + lockDuration(FREE_FAILURES + 2));
  });

  it("lets exactly one of many concurrent attempts through once the allowance is used", async () => {
    const key = { key: "account:race@x", free: FREE_FAILURES };
    const now = new Date();
    for (let i = 0; i < FREE_FAILURES; i++) await countAttempt(db, [key], now);
    const allowed = await Promise.all(Array.from({ length: 8 }, () => countAttempt(db, [key], now)));
    expect(allowed.filter(Boolean)).toHaveLength(1);
  });

  it("starts counting again at 1 when the last attempt is more than an hour old", async () => {
    const then = new Date(Date.now() - 2 * 60 * 60_000);
    const stale = { key: "account:stale@x", free: FREE_FAILURES };
    for (let i = 0; i < FREE_FAILURES - 1; i++) await countAttempt(db, [stale], then);
    await countAttempt(db, [stale], new Date(then.getTime() + 61 * 60_000));
    expect((await row(stale.key)).failures).toBe(1);
    const recent = { key: "account:recent@x", free: FREE_FAILURES };
    for (let i = 0; i < FREE_FAILURES - 1; i++) await countAttempt(db, [recent], then);
    await countAttempt(db, [recent], new Date(then.getTime() + 59 * 60_000));
    expect((await row(recent.key)).failures).toBe(FREE_FAILURES);
  });

  it("a locked first key stops counting before the second", async () => {
    const account = { key: "account:first@x", free: 0 };
    const ip = { key: "ip:10.8.8.8", free: 1_000 };
    const now = new Date();
    expect(await countAttempt(db, [account, ip], now)).toBe(true);
    expect(await countAttempt(db, [account, ip], now)).toBe(false);
    expect((await row(ip.key)).failures).toBe(1);
  });
});
