import { portalOrigin } from "@/server/auth/safe-redirect";
import type { TenantCaller } from "@/server/authz";
import { db } from "@/server/db/client";
import { listApiTokens } from "./list-api-tokens";
import { grantableScopes, managesApiTokens } from "./token-rights";

/** The caller's API tokens (all of the org's for its admins) and the scopes they may grant. */
export async function apiTokensPage(caller: TenantCaller) {
  return {
    orgName: caller.org.name,
    apiUrl: `${portalOrigin()}/api/v1`,
    manages: managesApiTokens(caller),
    scopes: grantableScopes(caller),
    tokens: await listApiTokens(db(), caller),
  };
}

export type ApiTokensPage = Awaited<ReturnType<typeof apiTokensPage>>;
