import { i18nState } from "./store";

/** The locales users may choose: shipped ones unless switched off, plus those admins added. */
export async function enabledLocales(): Promise<string[]> {
  return (await i18nState()).enabled;
}

export async function isEnabledLocale(tag: string): Promise<boolean> {
  return (await enabledLocales()).includes(tag);
}
