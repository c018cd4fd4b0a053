/**
 * The real request path without a server: a next-auth session cookie minted with NEXTAUTH_SECRET, and
 * Next's own request store around the call, so `cookies()`, `headers()` and `getServerSession` read the
 * request as they would in the portal (server/auth/request-identity.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { ACTIVE_ORG_COOKIE } from "@/lib/cookies";

// Next's Node server provides this global before loading its request storage; so do we, before any import.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

// Next's own CommonJS instances, the ones next-auth's `require("next/headers")` reads.
const require = createRequire(import.meta.url);

/** next-auth's cookie name when the portal is served over plain HTTP. */
const SESSION_COOKIE = "next-auth.session-token";

export const ORIGIN = "http://localhost:3000";

/** Sets the secret next-auth signs with, before anything reads it. */
export function useSessionSecret(): void {
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
  process.env.NEXTAUTH_URL ??= ORIGIN;
}

/** A Cookie header for this user (a real signed session), acting in `orgId` if given; none when anonymous. */
export async function sessionCookie(userId: string | null, orgId?: string): Promise<string> {
  if (!userId) return "";
  const secret = process.env.NEXTAUTH_SECRET as string;
  const token = await encode({ token: { sub: userId, id: userId }, secret });
  return [`${SESSION_COOKIE}=${token}`, orgId && `${ACTIVE_ORG_COOKIE}=${orgId}`].filter(Boolean).join("; ");
}

/** Runs `fn` as Next runs a route handler or server action for `request`: inside its request store. */
export async function inRequest<T>(request: Request, fn: () => Promise<T>): Promise<T> {
  const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external");
  const { createRequestStoreForAPI } = require("next/dist/server/async-storage/request-store");
  const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external");
  const { createWorkStore } = require("next/dist/server/async-storage/work-store");
  const page = new URL(request.url).pathname;
  const work = createWorkStore({ page, renderOpts: { experimental: {} }, previouslyRevalidatedTags: [] });
  const store = createRequestStoreForAPI(
    request as never,
    new URL(request.url) as never,
    { tags: [], expirationsByCacheKind: new Map() } as never,
    undefined,
    undefined as never,
    undefined,
  );
  return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(store, fn));
}

/** A same-origin browser request carrying the cookie. */
export function browserRequest(path: string, cookie: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("cookie", cookie);
  headers.set("origin", ORIGIN);
  headers.set("sec-fetch-site", "same-origin");
  return new Request(new URL(path, ORIGIN), { ...init, headers });
}
