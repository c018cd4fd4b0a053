import { createHash, randomBytes } from "node:crypto";

/**
 * API tokens look like `ptk_` and 43 base64url characters (32 random bytes), so secret scanners can find
 * a leaked one by its prefix. With 256 bits of entropy a plain SHA-256 is the right hash: there is nothing
 * to guess, so a slow password hash would only slow down every API call.
 */
const PREFIX = "ptk_";
const SHAPE = /^ptk_[A-Za-z0-9_-]{43}$/;
/** How much of a token lists show: enough to tell tokens apart, far too little to guess the rest. */
const SHOWN = PREFIX.length + 6;

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Whether a string has the shape of a token: anything else is refused without a database lookup. */
export const isApiTokenShaped = (value: string) => SHAPE.test(value);

/** A new token: the secret (shown once, never stored), its hash and the prefix lists show. */
export function newApiToken() {
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashApiToken(secret), prefix: secret.slice(0, SHOWN) };
}
