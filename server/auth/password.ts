import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// scrypt (memory-hard, in Node's standard library) with OWASP's recommended cost:
// N=2^17, r=8, p=1. Parameters are stored with each hash so they can be raised later.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Cost parameters a stored hash may carry: powers of two up to 2^20, small r and p. */
function storedParams(n: string | undefined, r: string | undefined, p: string | undefined): typeof PARAMS | null {
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo =
    Number.isInteger(params.N) && params.N >= 2 && params.N <= 2 ** 20 && (params.N & (params.N - 1)) === 0;
  const small = (x: number, max: number) => Number.isInteger(x) && x >= 1 && x <= max;
  return powerOfTwo && small(params.r, 32) && small(params.p, 16) ? params : null;
}

/** False for a wrong password and for a stored hash that is malformed; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  const params = storedParams(n, r, p);
  if (scheme !== "scrypt" || !salt || !hash || !params) return false;
  const expected = Buffer.from(hash, "base64url");
  try {
    const actual = await derive(password, Buffer.from(salt, "base64url"), params);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** Verifies against a fixed hash so unknown accounts take as long as known ones. */
let decoyHash: Promise<string> | undefined;
export async function spendVerificationTime(password: string): Promise<void> {
  decoyHash ??= hashPassword(randomBytes(12).toString("base64url"));
  await verifyPassword(password, await decoyHash);
}

/** A readable one-time password for new accounts (about 120 bits). */
export function generatePassword(): string {
  return randomBytes(15)
    .toString("base64url")
    .replace(/(.{5})(?!$)/g, "$1-");
}
