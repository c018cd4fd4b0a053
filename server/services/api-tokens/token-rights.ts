import { isWithin, type Role } from "@/lib/roles";
import type { TenantCaller } from "@/server/authz";
import type { MemberRole } from "@/server/db/generated/enums";

/** The scopes a token may carry in each kind of organization (the provider's has no org admins). */
const SCOPES_IN: Record<TenantCaller["org"]["kind"], readonly Role[]> = {
  PROVIDER: ["platform-admin", "member"],
  CUSTOMER: ["org-admin", "member"],
};

/** What the caller may grant a new token: the scopes of their organization, never above their own role there. */
export const grantableScopes = (caller: TenantCaller): Role[] =>
  SCOPES_IN[caller.org.kind].filter((scope) => isWithin(scope, caller.role));

/** The organization's admins (provider admins in the provider's) see and revoke all its tokens. */
export const managesApiTokens = (caller: TenantCaller): boolean =>
  caller.role === (caller.org.kind === "PROVIDER" ? "platform-admin" : "org-admin");

/** The tokens a caller may see and revoke: always of their own org; only their own unless they manage it. */
export const tokensOf = (caller: TenantCaller) => ({
  orgId: caller.org.id,
  ...(managesApiTokens(caller) ? {} : { ownerId: caller.userId }),
});

export const memberRoleOfScope = (scope: Role): MemberRole =>
  scope === "platform-admin" ? "PLATFORM_ADMIN" : scope === "org-admin" ? "ORG_ADMIN" : "MEMBER";
