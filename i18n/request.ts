import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCaller } from "@/server/auth/caller";
import { enabledLocales, platformDefaultLocale } from "@/server/i18n/locales";
import { catalogFor } from "@/server/i18n/messages";
import { negotiateLocale } from "@/server/i18n/negotiate";
import { LOCALE_COOKIE } from "@/lib/cookies";

export default getRequestConfig(async () => {
  const [caller, cookieStore, headerStore, enabled] = await Promise.all([getCaller(), cookies(), headers(), enabledLocales()]);
  const orgDefault = caller?.org?.defaultLocale;
  const platformDefault = platformDefaultLocale();
  const locale = negotiateLocale({
    profile: caller?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerStore.get("accept-language"),
    orgDefault,
    platformDefault,
    enabled,
  });
  return {
    locale,
    messages: await catalogFor(locale, [orgDefault, platformDefault]),
    timeZone: "UTC",
    onError: (error) => console.warn(`[portico] i18n: ${error.message}`),
    getMessageFallback: ({ namespace, key }) => `${namespace ? `${namespace}.` : ""}${key}`,
  };
});
