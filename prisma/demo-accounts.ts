// The demo seed's accounts, named once for the seed, the tests and the end-to-end tests. Their
// passwords are random per installation (see seed.ts); only who they are is fixed here.
import type { MemberRole } from "@/server/db/generated/enums";

/** Slugs of the demo organizations (seed.ts creates them). */
export type DemoOrgSlug = "provider" | "acme" | "globex";

export type DemoAccount = { email: string; name: string; role: MemberRole; org: DemoOrgSlug };

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@portico.example", name: "Pat Provider", role: "PLATFORM_ADMIN", org: "provider" },
  alice: { email: "alice@acme.example", name: "Alice Admin", role: "ORG_ADMIN", org: "acme" },
  bob: { email: "bob@acme.example", name: "Bob Builder", role: "MEMBER", org: "acme" },
  carol: { email: "carol@acme.example", name: "Carol Chen", role: "MEMBER", org: "acme" },
  grace: { email: "grace@globex.example", name: "Grace Admin", role: "ORG_ADMIN", org: "globex" },
  hank: { email: "hank@globex.example", name: "Hank Hill", role: "MEMBER", org: "globex" },
  ivy: { email: "ivy@globex.example", name: "Ivy Ito", role: "MEMBER", org: "globex" },
} as const satisfies Record<string, DemoAccount>;

/** The demo accounts of one organization, in the order the seed creates them. */
export const demoAccountsOf = (org: DemoOrgSlug): DemoAccount[] =>
  Object.values(DEMO_ACCOUNTS).filter((account) => account.org === org);
