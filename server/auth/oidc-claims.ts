import type { UserinfoEndpointHandler } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { z } from "zod";
import type { SsoIdentity } from "@/server/services/auth/sso-sign-in";

// A claim that is not what OIDC Core specifies (a string, a boolean) asserts nothing: it reads as absent.
const claimsSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()).optional().catch(undefined),
    email_verified: z.boolean().optional().catch(undefined),
  })
  .catch({});

/** The identity the provider asserts; only the boolean `true` verifies the email ("true" does not). */
export function ssoIdentityOf(provider: string, subject: string, claims: unknown): SsoIdentity {
  const { email, email_verified } = claimsSchema.parse(claims);
  return { provider, subject, email: email ?? null, emailVerified: email_verified === true };
}

type UserinfoRequest = NonNullable<UserinfoEndpointHandler["request"]>;

/**
 * The ID token's claims (next-auth has checked its signature, issuer, audience and expiry). Providers
 * that follow OIDC Core 5.4 leave scope claims out of it when they also issue an access token: then the
 * email and its verification come from userinfo, both from that one answer, never mixed.
 */
export const oidcClaims: UserinfoRequest = async ({ client, ...context }) => {
  // next-auth types the tokens as plain fields; they are openid-client's TokenSet (its oauth/callback.js).
  const tokens = context.tokens as unknown as TokenSet;
  const claims = tokens.claims();
  if (claims.email !== undefined && claims.email_verified !== undefined) return claims;
  // openid-client refuses a userinfo answer about another subject than the ID token's.
  const userinfo = await client.userinfo(tokens);
  return { ...claims, ...userinfo, email: userinfo.email, email_verified: userinfo.email_verified };
};
