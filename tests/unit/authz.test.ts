// server/authz.ts isAllowed: every kind of caller against every access level.
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import type { Caller, OrgSummary } from "@/server/auth/caller";
import { type Access, isAllowed } from "@/server/authz";

const provider: OrgSummary = {
  id: "org-provider",
  slug: "provider",
  name: "Portico Cloud",
  kind: "PROVIDER",
  defaultLocale: null,
};
const acme: OrgSummary = { id: "org-acme", slug: "acme", name: "Acme AI", kind: "CUSTOMER", defaultLocale: null };

function caller(org: OrgSummary | null, role: Role | null): Caller {
  return {
    userId: "u1",
    email: "u1@example.com",
    name: "U1",
    locale: null,
    isPlatformAdmin: role === "platform-admin",
    org,
    role,
    memberships: org && role ? [{ org, role }] : [],
  };
}

const ACCESS: Access[] = ["public", "signed-in", "member", "org-admin", "platform-admin"];

const MATRIX: [string, Caller, Record<Access, boolean>][] = [
  [
    "platform admin in the provider org",
    caller(provider, "platform-admin"),
    { public: true, "signed-in": true, member: true, "org-admin": false, "platform-admin": true },
  ],
  [
    "org admin in a customer org",
    caller(acme, "org-admin"),
    { public: true, "signed-in": true, member: true, "org-admin": true, "platform-admin": false },
  ],
  [
    "member in a customer org",
    caller(acme, "member"),
    { public: true, "signed-in": true, member: true, "org-admin": false, "platform-admin": false },
  ],
  [
    "signed-in user without an organization",
    caller(null, null),
    { public: true, "signed-in": true, member: false, "org-admin": false, "platform-admin": false },
  ],
  // Defensive: an org-admin role in the provider org does not make an org admin of anything.
  [
    "org-admin role inside the provider org",
    caller(provider, "org-admin"),
    { public: true, "signed-in": true, member: true, "org-admin": false, "platform-admin": false },
  ],
];

describe("isAllowed", () => {
  for (const [who, subject, expected] of MATRIX) {
    it.each(ACCESS)(`${who} → %s`, (access) => {
      expect(isAllowed(subject, access)).toBe(expected[access]);
    });
  }

  it("lets a platform admin who is a member in a customer org be platform admin and member, not org admin", () => {
    const subject: Caller = { ...caller(acme, "member"), isPlatformAdmin: true };
    expect(ACCESS.filter((access) => isAllowed(subject, access))).toEqual([
      "public",
      "signed-in",
      "member",
      "platform-admin",
    ]);
  });

  it("refuses member access with an org but no role", () => {
    expect(isAllowed(caller(acme, null), "member")).toBe(false);
  });
});
