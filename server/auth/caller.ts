import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "@/lib/roles";
import { db } from "@/server/db/client";
import type { MemberRole } from "@/server/db/generated/enums";

export type OrgSummary = { id: string; slug: string; name: string; kind: "PROVIDER" | "CUSTOMER"; defaultLocale: string | null };

/** Who is calling, as read from the database for this request: never from the client. */
export type Caller = {
  userId: string;
  email: string;
  name: string;
  locale: string | null;
  isPlatformAdmin: boolean;
  /** The organization the caller is acting in (chosen among their memberships). */
  org: OrgSummary | null;
  role: Role | null;
  memberships: { org: OrgSummary; role: Role }[];
};

export const roleOf = (role: MemberRole): Role =>
  role === "PLATFORM_ADMIN" ? "platform-admin" : role === "ORG_ADMIN" ? "org-admin" : "member";

/** Identity for code that runs outside a web request: tests, scripts, background jobs. */
type Identity = { userId: string | null; orgId?: string };
const identityOverride = new AsyncLocalStorage<Identity>();

export function runAs<T>(identity: Identity, fn: () => Promise<T>): Promise<T> {
  return identityOverride.run(identity, fn);
}

export async function loadCaller(userId: string, preferredOrgId?: string): Promise<Caller | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { org: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || user.disabledAt) return null;
  const memberships = user.memberships.map((m) => ({
    org: { id: m.org.id, slug: m.org.slug, name: m.org.name, kind: m.org.kind, defaultLocale: m.org.defaultLocale },
    role: roleOf(m.role),
  }));
  const active = memberships.find((m) => m.org.id === preferredOrgId) ?? memberships[0] ?? null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    isPlatformAdmin: memberships.some((m) => m.role === "platform-admin"),
    org: active?.org ?? null,
    role: active?.role ?? null,
    memberships,
  };
}

/** The signed-in caller of this request, or null. */
export async function getCaller(): Promise<Caller | null> {
  const override = identityOverride.getStore();
  if (override) return override.userId ? loadCaller(override.userId, override.orgId) : null;
  const { requestIdentity } = await import("./request-identity");
  const identity = await requestIdentity();
  return identity ? loadCaller(identity.userId, identity.orgId) : null;
}
