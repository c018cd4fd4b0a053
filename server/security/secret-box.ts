import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Secrets at rest are sealed with AES-256-GCM under a key from the environment (PORTICO_ENCRYPTION_KEY,
// 32 bytes base64). "v2" binds each value to what it seals (its purpose and row) as additional
// authenticated data, so a sealed value copied to another row or purpose fails to open. "v1" (no binding)
// is opened only by the one-time re-seal (server/db/reseal-legacy-secrets.ts).
const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
/** The full GCM tag: a shorter one would still verify, with fewer bits of protection. */
const TAG_BYTES = 16;

/** What a value is sealed for; built only by `sealedFor`, so every purpose is listed here. */
export type SealBinding = string & { readonly __binding: unique symbol };

// JSON keeps the parts apart whatever they contain ("a:b","c" ≠ "a","b:c").
const binding = (...parts: string[]) => JSON.stringify(parts) as SealBinding;

export const sealedFor = {
  clusterKubeconfig: (clusterId: string) => binding("cluster-kubeconfig", clusterId),
  /** Bound to the version that holds it: a new draft re-seals the values it copies (secret-values.ts). */
  skuSecret: (versionId: string, envName: string) => binding("sku-secret", versionId, envName),
  deploymentSecrets: (deploymentId: string) => binding("deployment-secrets", deploymentId),
};

export function parseKey(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("PORTICO_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return key;
}

export function seal(plaintext: string, key: Buffer, bound: SealBinding): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(bound, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => encode(part)).join(":");
}

/** Throws when the text was tampered with, sealed under another key, or sealed for another binding. */
export function open(sealed: string, key: Buffer, bound: SealBinding): string {
  return decrypt(sealed, VERSION, key, bound);
}

/** Opens a value sealed before values were bound ("v1"); only for re-sealing it as "v2". */
export function openLegacy(sealed: string, key: Buffer): string {
  return decrypt(sealed, LEGACY_VERSION, key, null);
}

export const isLegacySealed = (sealed: string) => sealed.startsWith(`${LEGACY_VERSION}:`);

function encode(part: string | Buffer): string {
  return typeof part === "string" ? part : part.toString("base64url");
}

function decrypt(sealed: string, version: string, key: Buffer, bound: SealBinding | null): string {
  const parts = sealed.split(":");
  if (parts.length !== 4 || parts[0] !== version) throw new Error("not a sealed secret");
  const [iv, tag, body] = parts.slice(1).map((part) => Buffer.from(part, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (bound !== null) decipher.setAAD(Buffer.from(bound, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
