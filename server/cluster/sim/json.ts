/** Small JSON helpers shared by patching, apply and the controllers. */
import type { Obj } from "./store.ts";

export function isPlainObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a as Obj).filter((k) => (a as Obj)[k] !== undefined);
  const bk = Object.keys(b as Obj).filter((k) => (b as Obj)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual((a as Obj)[k], (b as Obj)[k])) return false;
  return true;
}

/** JSON with sorted keys: a stable input for hashes. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** Everything but metadata and status: what a generation bump is about. */
export function specOf(o: Obj): Obj {
  const { metadata: _m, status: _s, ...rest } = o;
  void _m;
  void _s;
  return rest;
}

/** Removes null-valued keys recursively (apply configurations treat null as "not set"). */
export function stripNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripNulls) as T;
  if (isPlainObject(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = stripNulls(x);
    return out as T;
  }
  return v;
}

const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Like k8s.io/apimachinery rand.String: 5 characters from a vowel-free alphabet. */
export function randomSuffix(n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += SAFE_ALPHABET[Math.floor(Math.random() * SAFE_ALPHABET.length)];
  return s;
}

/** FNV-1a 32-bit, encoded like rand.SafeEncodeString (used for pod-template-hash). */
export function safeHash(input: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const digits = String(h);
  let out = "";
  for (const d of digits) out += SAFE_ALPHABET[Number(d) % SAFE_ALPHABET.length];
  // SafeEncodeString maps the decimal string of the hash; map pairs to widen the alphabet a bit.
  let extra = h;
  while (out.length < 10) {
    out += SAFE_ALPHABET[extra % SAFE_ALPHABET.length];
    extra = Math.floor(extra / SAFE_ALPHABET.length) + 7;
  }
  return out.slice(0, 10);
}

export function uuid(): string {
  return globalThis.crypto.randomUUID();
}
