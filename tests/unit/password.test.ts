// server/auth/password.ts: scrypt hashes that carry their own parameters, and one-time passwords.
import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "@/server/auth/password";

/** The parts of `scrypt$N$r$p$salt$hash`. */
function partsOf(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  return { scheme, n, r, p, salt: salt!, hash: hash! };
}

/** Replaces one base64url character with another, so the decoded bytes differ. */
function flipChar(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === "A" ? "B" : "A") + text.slice(index + 1);
}

// scrypt at N=2^17 takes ~0.4 s per call on the 2-core machines.
describe("hashPassword / verifyPassword", { timeout: 30_000 }, () => {
  it("verifies the password it hashed", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  });

  it("rejects a wrong password, including near misses", async () => {
    const stored = await hashPassword("s3cret-Pa55");
    const wrong = ["s3cret-Pa56", "S3cret-Pa55", "s3cret-Pa55 ", "", "s3cret-Pa5"];
    const results = await Promise.all(wrong.map((password) => verifyPassword(password, stored)));
    expect(results).toEqual(wrong.map(() => false));
  });

  it("salts each hash: the same password hashes differently twice, and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(partsOf(a).salt).not.toBe(partsOf(b).salt);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("stores the scheme, the OWASP parameters, a 16-byte salt and a 32-byte key", async () => {
    const { scheme, n, r, p, salt, hash } = partsOf(await hashPassword("pw"));
    expect(scheme).toBe("scrypt");
    expect([Number(n), Number(r), Number(p)]).toEqual([2 ** 17, 8, 1]);
    expect(Buffer.from(salt, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash, "base64url")).toHaveLength(32);
  });

  it("verifies with the parameters stored in the hash, not the current ones", async () => {
    // A hash made with other (cheaper) parameters, as an older release might have stored.
    const salt = randomBytes(16);
    const key = scryptSync("legacy password", salt, 32, { N: 2 ** 10, r: 4, p: 2 });
    const stored = ["scrypt", 2 ** 10, 4, 2, salt.toString("base64url"), key.toString("base64url")].join("$");
    expect(await verifyPassword("legacy password", stored)).toBe(true);
    expect(await verifyPassword("other password", stored)).toBe(false);
    // The same salt and key under different stored parameters no longer verify.
    const relabelled = ["scrypt", 2 ** 11, 4, 2, salt.toString("base64url"), key.toString("base64url")].join("$");
    expect(await verifyPassword("legacy password", relabelled)).toBe(false);
  });

  it("rejects a tampered hash or salt", async () => {
    const stored = await hashPassword("tamper me");
    const { n, r, p, salt, hash } = partsOf(stored);
    const withHash = (h: string) => ["scrypt", n, r, p, salt, h].join("$");
    const withSalt = (s: string) => ["scrypt", n, r, p, s, hash].join("$");
    expect(await verifyPassword("tamper me", withHash(flipChar(hash, 3)))).toBe(false);
    expect(await verifyPassword("tamper me", withSalt(flipChar(salt, 3)))).toBe(false);
    // A truncated key has another length: rejected without comparing.
    expect(await verifyPassword("tamper me", withHash(hash.slice(0, 20)))).toBe(false);
  });

  it("rejects unknown schemes and malformed values", async () => {
    const { n, r, p, salt, hash } = partsOf(await hashPassword("pw"));
    expect(await verifyPassword("pw", ["bcrypt", n, r, p, salt, hash].join("$"))).toBe(false);
    expect(await verifyPassword("pw", ["SCRYPT", n, r, p, salt, hash].join("$"))).toBe(false);
    expect(await verifyPassword("pw", "")).toBe(false);
    expect(await verifyPassword("pw", "scrypt")).toBe(false);
    expect(await verifyPassword("pw", ["scrypt", n, r, p, salt].join("$"))).toBe(false);
    expect(await verifyPassword("pw", ["scrypt", n, r, p, "", hash].join("$"))).toBe(false);
  });

  // KNOWN BUG (reported): corrupt parameters make verifyPassword throw (a TypeError for N=NaN,
  // "Invalid scrypt params" for an N beyond maxmem) instead of answering false, so sign-in for
  // such an account fails as an internal error rather than invalid_credentials.
  it("rejects, without throwing, a hash whose stored parameters were tampered with", async () => {
    const { r, p, salt, hash } = partsOf(await hashPassword("pw"));
    for (const n of ["abc", String(2 ** 30), "-1"]) {
      await expect(verifyPassword("pw", ["scrypt", n, r, p, salt, hash].join("$")), `N=${n}`).resolves.toBe(false);
    }
  });

  it("normalizes to NFKC: composed, decomposed and compatibility forms are the same password", async () => {
    const stored = await hashPassword("Caf\u00e9 \uFB01sh \uFF21");
    // e + combining acute, "fi" spelled out, full-width A written as ASCII.
    expect(await verifyPassword("Cafe\u0301 fish A", stored)).toBe(true);
    expect(await verifyPassword("Cafe fish A", stored)).toBe(false);
  });
});

describe("generatePassword", { timeout: 30_000 }, () => {
  it("is four dash-separated groups of five base64url characters (15 random bytes)", () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[A-Za-z0-9_-]{5}-[A-Za-z0-9_-]{5}-[A-Za-z0-9_-]{5}-[A-Za-z0-9_-]{5}$/);
      expect(password).toHaveLength(23);
    }
  });

  it("never repeats", () => {
    const passwords = Array.from({ length: 2_000 }, () => generatePassword());
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it("round-trips through hashPassword / verifyPassword", async () => {
    const password = generatePassword();
    expect(await verifyPassword(password, await hashPassword(password))).toBe(true);
  });
});
