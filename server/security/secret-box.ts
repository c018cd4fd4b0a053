import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Secrets at rest (kubeconfigs) are sealed with AES-256-GCM under a key from the environment
// (PORTICO_ENCRYPTION_KEY, 32 bytes base64). The key id in the prefix lets keys rotate later.
const VERSION = "v1";

export function parseKey(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("PORTICO_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return key;
}

export function seal(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(":");
}

/** Throws when the text was tampered with or sealed under another key. */
export function open(sealed: string, key: Buffer): string {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
