import { OIDC_PROVIDER_ID } from "@/server/auth/options";
import { portalOrigin, sameOriginPath } from "@/server/auth/safe-redirect";
import { oidcConfig } from "@/server/config";
import { localeChoices } from "@/server/i18n/locale-choices";

/** The sign-in page: where to go afterwards, whether SSO is offered, and the languages to choose from. */
export async function signInPage(query: { error?: string; callbackUrl?: string }) {
  const sso = oidcConfig();
  return {
    error: query.error,
    callbackUrl: sameOriginPath(query.callbackUrl, portalOrigin()),
    sso: sso ? { providerId: OIDC_PROVIDER_ID, name: sso.name } : null,
    choices: await localeChoices(),
  };
}

export type SignInPage = Awaited<ReturnType<typeof signInPage>>;
