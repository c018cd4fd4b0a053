/**
 * A short, stable, isomorphic hash for name suffixes (no node:crypto, so the UI can preview names too).
 * FNV-1a 64 over UTF-16 code units: hashing code units rather than UTF-8 bytes keeps lone surrogates
 * distinct (TextEncoder would turn them all into U+FFFD and make different inputs collide).
 */
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK_64;
    hash = ((hash ^ BigInt(unit >>> 8)) * FNV_PRIME) & MASK_64;
  }
  return hash;
}

/** Length of the suffix `shortHash` returns: 10 base-36 characters ≈ 51 bits. */
export const SHORT_HASH_LENGTH = 10;

/** 10 lowercase base-36 characters ([a-z0-9]), always the same for the same text. */
export function shortHash(text: string): string {
  return fnv1a64(text).toString(36).padStart(13, "0").slice(-SHORT_HASH_LENGTH);
}
