import type { Role } from "@/lib/roles";
import { type Caller, getCaller, type OrgSummary } from "./auth/caller";
import { AppError } from "./errors";

/**
 * Who may call a server action, route handler or page:
 * - public: anyone (the caller is still resolved when signed in)
 * - signed-in: any signed-in user
 * - member: a member of the organization they act in
 * - org-admin: an org admin of the organization they act in
 * - platform-admin: the provider's staff
 */
export type Access = "public" | "signed-in" | "member" | "org-admin" | "platform-admin";

export type TenantCaller = Caller & { org: OrgSummary; role: Role };
export type CallerFor<A extends Access> = A extends "public"
  ? Caller | null
  : A extends "member" | "org-admin"
    ? TenantCaller
    : Caller;

export async function authorize<A extends Access>(access: A): Promise<CallerFor<A>> {
  const caller = await getCaller();
  if (access === "public") return caller as CallerFor<A>;
  if (!caller) throw new AppError("unauthenticated");
  if (!isAllowed(caller, access)) throw new AppError("forbidden");
  return caller as CallerFor<A>;
}

export function isAllowed(caller: Caller, access: Access): boolean {
  switch (access) {
    case "public":
    case "signed-in":
      return true;
    case "member":
      return caller.org !== null && caller.role !== null;
    case "org-admin":
      return caller.org?.kind === "CUSTOMER" && caller.role === "org-admin";
    case "platform-admin":
      return caller.isPlatformAdmin;
  }
}
