// What the portal reads from an OpenID provider's claims (server/auth/oidc-claims.ts).
import { describe, expect, it, vi } from "vitest";
import { oidcClaims, ssoIdentityOf } from "@/server/auth/oidc-claims";

type ClaimsContext = Parameters<typeof oidcClaims>[0];

describe("ssoIdentityOf", () => {
  const verifiedOf = (email_verified: unknown) =>
    ssoIdentityOf("oidc", "s1", { email: "a@x.example", email_verified }).emailVerified;

  it("counts only the boolean true as a verified email", () => {
    expect(verifiedOf(true)).toBe(true);
    for (const claim of [false, "true", 1, null, undefined, {}]) expect(verifiedOf(claim), String(claim)).toBe(false);
  });

  it("lower-cases the email, and reads a malformed or missing one as none", () => {
    const identity = ssoIdentityOf("oidc", "s1", { email: " Carol@ACME.example ", email_verified: true });
    expect(identity).toEqual({ provider: "oidc", subject: "s1", email: "carol@acme.example", emailVerified: true });
    expect(ssoIdentityOf("oidc", "s1", { email: "not an email", email_verified: true }).email).toBeNull();
    expect(ssoIdentityOf("oidc", "s1", { email: 42 }).email).toBeNull();
    expect(ssoIdentityOf("oidc", "s1", undefined)).toEqual({
      provider: "oidc",
      subject: "s1",
      email: null,
      emailVerified: false,
    });
  });
});

describe("oidcClaims", () => {
  /** The context next-auth passes: a token set with these ID token claims, a client whose userinfo answers. */
  function contextWith(idToken: Record<string, unknown>, userinfo: Record<string, unknown>) {
    const client = { userinfo: vi.fn(async () => userinfo) };
    const tokens = { claims: () => idToken };
    return { client, context: { client, tokens } as unknown as ClaimsContext };
  }

  it("takes the ID token's claims when they carry the email and its verification", async () => {
    const idToken = { sub: "s1", email: "a@x.example", email_verified: false };
    const { client, context } = contextWith(idToken, { sub: "s1", email: "b@x.example", email_verified: true });
    expect(await oidcClaims(context)).toEqual(idToken);
    expect(client.userinfo).not.toHaveBeenCalled();
  });

  it("else takes the email and its verification together from userinfo", async () => {
    const { context } = contextWith(
      { sub: "s1", email: "id-token@x.example" },
      { sub: "s1", email: "userinfo@x.example", email_verified: true, name: "A" },
    );
    expect(await oidcClaims(context)).toEqual({
      sub: "s1",
      email: "userinfo@x.example",
      email_verified: true,
      name: "A",
    });
    const { context: silent } = contextWith({ sub: "s1", email: "id-token@x.example" }, { sub: "s1" });
    expect(await oidcClaims(silent)).toMatchObject({ email: undefined, email_verified: undefined });
  });
});
