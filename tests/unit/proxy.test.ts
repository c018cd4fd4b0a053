// proxy.ts: a Content-Security-Policy with a fresh nonce per response, handed to Next on the request.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const savedUrl = process.env.NEXTAUTH_URL;
afterEach(() => {
  process.env.NEXTAUTH_URL = savedUrl;
});

const policyOf = (response: Response) => response.headers.get("content-security-policy") ?? "";

describe("proxy", () => {
  it("sends a nonce-based script policy that forbids framing, and gives Next the same policy", () => {
    const response = proxy(new NextRequest("http://localhost:3000/marketplace"));
    const policy = policyOf(response);
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  });

  it("never reuses a nonce", () => {
    const nonces = new Set(
      Array.from({ length: 50 }, () => /'nonce-([^']+)'/.exec(policyOf(proxy(new NextRequest("http://x/"))))?.[1]),
    );
    expect(nonces.size).toBe(50);
  });

  it("asks for HTTPS only when the portal is served over it", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(proxy(new NextRequest("http://localhost:3000/")).headers.get("strict-transport-security")).toBeNull();
    process.env.NEXTAUTH_URL = "https://portal.example";
    expect(proxy(new NextRequest("https://portal.example/")).headers.get("strict-transport-security")).toMatch(
      /^max-age=31536000/,
    );
  });
});
