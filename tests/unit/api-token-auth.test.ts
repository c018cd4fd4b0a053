// The pure parts of API-token authentication: the token's shape, reading the header, and the caller a
// token grants (its org only, with the lower of its scope and the owner's role).
import { describe, expect, it } from "vitest";
import { lowerRole } from "@/lib/roles";
import { hashApiToken, isApiTokenShaped, newApiToken } from "@/server/auth/api-token-secret";
import { bearerTokenOf } from "@/server/auth/bearer";
import { type Caller, callerWithin, type OrgSummary } from "@/server/auth/caller";

const org = (id: string, kind: OrgSummary["kind"]): OrgSummary => ({
  id,
  slug: id,
  name: id,
  kind,
  defaultLocale: null,
});
const provider = org("provider", "PROVIDER");
const acme = org("acme", "CUSTOMER");

const owner: Caller = {
  userId: "u1",
  email: "u1@example.com",
  name: "U1",
  locale: null,
  isPlatformAdmin: true,
  org: provider,
  role: "platform-admin",
  memberships: [
    { org: provider, role: "platform-admin" },
    { org: acme, role: "member" },
  ],
};

describe("token secrets", () => {
  it("are ptk_ and 43 random base64url characters, listed by a short prefix, hashed with SHA-256", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.prefix).toBe(a.secret.slice(0, 10));
    expect(a.hash).toBe(hashApiToken(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isApiTokenShaped(a.secret)).toBe(true);
    expect(isApiTokenShaped(`${a.secret}x`)).toBe(false);
    expect(isApiTokenShaped("ghp_abc")).toBe(false);
  });
});

describe("the Authorization header", () => {
  const withHeader = (value?: string) =>
    new Request("http://localhost/api/v1/skus", value === undefined ? {} : { headers: { Authorization: value } });

  it("names a bearer token in any case of the scheme; an empty one is still a (bad) bearer", () => {
    expect(bearerTokenOf(withHeader("Bearer ptk_x"))).toBe("ptk_x");
    expect(bearerTokenOf(withHeader("bearer   ptk_x  "))).toBe("ptk_x");
    expect(bearerTokenOf(withHeader("Bearer"))).toBe("");
  });

  it("is not a bearer token when absent or of another scheme", () => {
    expect(bearerTokenOf(withHeader())).toBeNull();
    expect(bearerTokenOf(withHeader("Basic dXNlcjpwYXNz"))).toBeNull();
    expect(bearerTokenOf(withHeader("Bearerish ptk_x"))).toBeNull();
  });
});

describe("a token's caller", () => {
  it("acts in the token's org only, never above the token's scope", () => {
    const caller = callerWithin(owner, { tokenId: "t", orgId: provider.id, scope: "member" });
    expect(caller).toMatchObject({ org: provider, role: "member", isPlatformAdmin: false });
    expect(caller?.memberships).toEqual([{ org: provider, role: "member" }]);
  });

  it("never above the owner's role there now", () => {
    const caller = callerWithin(owner, { tokenId: "t", orgId: acme.id, scope: "org-admin" });
    expect(caller).toMatchObject({ org: acme, role: "member", isPlatformAdmin: false });
    const admin = callerWithin(owner, { tokenId: "t", orgId: provider.id, scope: "platform-admin" });
    expect(admin).toMatchObject({ role: "platform-admin", isPlatformAdmin: true });
  });

  it("is nobody once the owner has left the token's org", () => {
    expect(callerWithin(owner, { tokenId: "t", orgId: "globex", scope: "member" })).toBeNull();
  });

  it("takes the lower of two roles", () => {
    expect(lowerRole("platform-admin", "member")).toBe("member");
    expect(lowerRole("org-admin", "platform-admin")).toBe("org-admin");
    expect(lowerRole("member", "member")).toBe("member");
  });
});
