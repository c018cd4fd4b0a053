import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE } from "@/lib/cookies";
import { getCaller } from "@/server/auth/caller";
import { catalogFor } from "@/server/i18n/messages";
import { negotiateLocale } from "@/server/i18n/negotiate";
import { i18nState } from "@/server/i18n/store";

export default getRequestConfig(async () => {
  const [caller, cookieStore, headerStore, state] = await Promise.all([getCaller(), cookies(), headers(), i18nState()]);
  const orgDefault = caller?.org?.defaultLocale;
  const platformDefault = state.defaultLocale;
  const locale = negotiateLocale({
    profile: caller?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerStore.get("accept-language"),
    orgDefault,
    platformDefault,
    enabled: state.enabled,
  });
  return {
    locale,
    messages: await catalogFor(locale, [orgDefault, platformDefault], state.overrides),
    timeZone: "UTC",
    onError: (error) => console.warn(`[portico] i18n: ${error.message}`),
    getMessageFallback: ({ namespace, key }) => `${namespace ? `${namespace}.` : ""}${key}`,
  };
});
