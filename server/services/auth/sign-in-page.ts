import { OIDC_PROVIDER_ID } from "@/server/auth/options";
import { oidcConfig } from "@/server/config";
import { localeChoices } from "@/server/i18n/locale-choices";

/** Only same-site paths: an open redirect would let a link send users elsewhere after sign-in. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

/** The sign-in page: where to go afterwards, whether SSO is offered, and the languages to choose from. */
export async function signInPage(query: { error?: string; callbackUrl?: string }) {
  const sso = oidcConfig();
  return {
    error: query.error,
    callbackUrl: safeCallback(query.callbackUrl),
    sso: sso ? { providerId: OIDC_PROVIDER_ID, name: sso.name } : null,
    choices: await localeChoices(),
  };
}

export type SignInPage = Awaited<ReturnType<typeof signInPage>>;
