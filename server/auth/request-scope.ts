import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import type { Role } from "@/lib/roles";

/** What an API token allows: its owner, in its organization only, never above its scope. */
export type TokenGrant = { tokenId: string; orgId: string; scope: Role };

/**
 * Who is calling, for code that runs outside the session cookie's reach: tests, scripts, background jobs,
 * and REST calls with an API token (`token` set), whose identity replaces the session's.
 */
export type Identity = { userId: string | null; orgId?: string; token?: TokenGrant };

type Memo = Map<unknown, { args: unknown[]; result: unknown }[]>;
const scopes = new AsyncLocalStorage<{ identity: Identity; memo: Memo }>();

/** Runs `fn` as one request of `identity`: what is read once per request is read once in it. */
export function runAs<T>(identity: Identity, fn: () => Promise<T>): Promise<T> {
  return scopes.run({ identity: { ...identity }, memo: new Map() }, fn);
}

/** The identity of the `runAs` around this call, if any. */
export const scopeIdentity = (): Identity | undefined => scopes.getStore()?.identity;

const sameArgs = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/**
 * `fn` computed once per request for the same arguments (compared by identity, like React's `cache`):
 * React's cache in a web request, a memo of the `runAs` scope elsewhere, so tests see what requests do.
 */
export function perRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const inRequest = cache(fn);
  return (...args: A): R => {
    const scope = scopes.getStore();
    if (!scope) return inRequest(...args);
    const entries = scope.memo.get(fn) ?? [];
    scope.memo.set(fn, entries);
    const hit = entries.find((entry) => sameArgs(entry.args, args));
    if (hit) return hit.result as R;
    const result = fn(...args);
    entries.push({ args, result });
    return result;
  };
}
