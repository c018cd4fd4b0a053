import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { oidcConfig } from "@/server/config";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/portal-server";
import { signInWithPassword } from "@/server/services/auth/sign-in";
import { linkedSsoUser, resolveSsoUser } from "@/server/services/auth/sso-sign-in";
import { oidcClaims, ssoIdentityOf } from "./oidc-claims";
import { sameOriginPath } from "./safe-redirect";

export const OIDC_PROVIDER_ID = "oidc";

type OidcProfile = { sub: string; email?: string; name?: string };

function oidcProvider(): OAuthConfig<OidcProfile>[] {
  const oidc = oidcConfig();
  if (!oidc) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: oidc.name,
      type: "oauth",
      wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      userinfo: { request: oidcClaims },
      profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
    },
  ];
}

/** The client's address, as the portal's own server stamped it from the socket (server/http). */
function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof address === "string" && address ? address : null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("invalid_credentials");
        try {
          const { userId } = await signInWithPassword(db(), {
            email: credentials.email,
            password: credentials.password,
            ip: clientIp(req?.headers),
          });
          return { id: userId };
        } catch (error) {
          // next-auth hands this message to the sign-in form, which translates the code.
          throw new Error(error instanceof AppError ? error.code : "internal");
        }
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const result = await resolveSsoUser(db(), ssoIdentityOf(OIDC_PROVIDER_ID, account.providerAccountId, profile));
      return "userId" in result ? true : `/signin?error=${result.refused}`;
    },
    async jwt({ token, account, user }) {
      if (!account) return token;
      // The session carries only the portal's user id; roles and orgs are read per request.
      // An SSO identity got here past signIn above, which linked it.
      const identity = { provider: OIDC_PROVIDER_ID, subject: account.providerAccountId };
      token.sub =
        account.provider === OIDC_PROVIDER_ID ? ((await linkedSsoUser(db(), identity)) ?? undefined) : user.id;
      return token;
    },
    // Every redirect next-auth makes (after SSO too) stays on the portal's origin.
    redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } };
    },
  },
};
