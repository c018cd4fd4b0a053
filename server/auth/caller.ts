import { lowerRole, type Role } from "@/lib/roles";
import { db } from "@/server/db/client";
import type { MemberRole } from "@/server/db/generated/enums";
import { type Identity, perRequest, scopeIdentity, type TokenGrant } from "./request-scope";

export type OrgSummary = {
  id: string;
  slug: string;
  name: string;
  kind: "PROVIDER" | "CUSTOMER";
  defaultLocale: string | null;
};

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

export { runAs } from "./request-scope";

/** The user and each membership with its org: one row per membership (one, with nulls, when none). */
type CallerRow = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  disabledAt: Date | null;
  role: MemberRole | null;
  orgId: string | null;
  orgSlug: string;
  orgName: string;
  orgKind: OrgSummary["kind"];
  orgDefaultLocale: string | null;
};

/** Every request reads its caller: one statement, not one per relation. */
const callerRows = (userId: string) => db().$queryRaw<CallerRow[]>`
  SELECT u.id, u.email, u.name, u.locale, u."disabledAt", m.role::text AS role, o.id AS "orgId",
         o.slug AS "orgSlug", o.name AS "orgName", o.kind::text AS "orgKind", o."defaultLocale" AS "orgDefaultLocale"
  FROM "User" u
  LEFT JOIN "Membership" m ON m."userId" = u.id
  LEFT JOIN "Organization" o ON o.id = m."orgId"
  WHERE u.id = ${userId}
  ORDER BY m."createdAt" ASC`;

export async function loadCaller(userId: string, preferredOrgId?: string): Promise<Caller | null> {
  const rows = await callerRows(userId);
  const user = rows[0];
  if (!user || user.disabledAt) return null;
  const memberships = rows.flatMap((row) =>
    row.orgId && row.role
      ? [
          {
            org: {
              id: row.orgId,
              slug: row.orgSlug,
              name: row.orgName,
              kind: row.orgKind,
              defaultLocale: row.orgDefaultLocale,
            },
            role: roleOf(row.role),
          },
        ]
      : [],
  );
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

/**
 * An API token's caller: its owner acting in the token's organization only, with the lower of the token's
 * scope and the owner's role there now (a demotion takes effect at once). Null once the owner has left it.
 */
export function callerWithin(caller: Caller, grant: TokenGrant): Caller | null {
  const membership = caller.memberships.find((m) => m.org.id === grant.orgId);
  if (!membership) return null;
  const role = lowerRole(membership.role, grant.scope);
  const org = membership.org;
  return { ...caller, isPlatformAdmin: role === "platform-admin", org, role, memberships: [{ org, role }] };
}

/** The signed-in caller of this request, or null: read once however many parts of a render ask. */
export const getCaller = perRequest(async (): Promise<Caller | null> => {
  const identity: Identity | null = scopeIdentity() ?? (await (await import("./request-identity")).requestIdentity());
  if (!identity?.userId) return null;
  const caller = await loadCaller(identity.userId, identity.orgId);
  return caller && identity.token ? callerWithin(caller, identity.token) : caller;
});
