// The OpenID provider the end-to-end suite runs (provider.ts): the portal as its one client, and the
// accounts that can sign in at it, each with the claims it asserts.
import { DEMO_ACCOUNTS } from "../../../prisma/demo-accounts";

export const SSO_CLIENT = { id: "portico-e2e", secret: "e2e-client-secret", name: "E2E ID" } as const;

/** An account at the provider: the name typed at its login form, and the claims it asserts. */
export type IdpAccount = { login: string; sub: string; email: string; email_verified: boolean; name: string };

/** A disabled portal account, made before the portal starts (prepare-portal-data.ts): no screen disables one. */
export const DISABLED_ACCOUNT = { email: "dora@acme.example", name: "Dora Departed", org: "acme" } as const;

export const IDP_ACCOUNTS = {
  /** A demo account's address, verified: its first sign-in links it. */
  verified: { login: "carol", sub: "idp-carol", email: DEMO_ACCOUNTS.carol.email, email_verified: true, name: "Carol" },
  /** A demo account's address the provider has not verified. */
  unverified: { login: "ivy", sub: "idp-ivy", email: DEMO_ACCOUNTS.ivy.email, email_verified: false, name: "Ivy" },
  disabled: { login: "dora", sub: "idp-dora", email: DISABLED_ACCOUNT.email, email_verified: true, name: "Dora" },
  unknown: { login: "zed", sub: "idp-zed", email: "zed@unknown.example", email_verified: true, name: "Zed" },
} as const satisfies Record<string, IdpAccount>;
