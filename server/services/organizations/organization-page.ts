import type { Caller } from "@/server/auth/caller";
import { perRequest } from "@/server/auth/request-scope";
import type { TenantCaller } from "@/server/authz";
import { db } from "@/server/db/client";
import { getOrganization } from "./get-organization";

/** An organization as the provider's admins manage it; read once per request (the title needs it too). */
export const organizationPage = perRequest(async (caller: Caller, orgId: string) => ({
  org: await getOrganization(db(), orgId),
  selfUserId: caller.userId,
}));

/** The org admin's own organization: always the one they act in, from the session, never from the URL. */
export async function ownOrganizationPage(caller: TenantCaller) {
  return { org: await getOrganization(db(), caller.org.id), selfUserId: caller.userId };
}

export type OrganizationPage = Awaited<ReturnType<typeof organizationPage>>;
