import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/server/security/content-security-policy";

/**
 * Every page and route gets a Content-Security-Policy with a nonce of its own: Next reads it from the
 * request's policy header and puts it on the scripts it renders. The fixed headers (nosniff, framing,
 * referrer) are in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (isHttps(request)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/** Served over HTTPS: the portal's public URL says so (TLS ends at the ingress in front of it). */
const isHttps = (request: NextRequest) => (process.env.NEXTAUTH_URL ?? request.nextUrl.origin).startsWith("https://");

export const config = {
  // Static assets carry no script of ours to protect.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
