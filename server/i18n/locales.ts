import { SHIPPED_LOCALES } from "@/locales/registry";
import { config } from "@/server/config";

/** The locales users may choose. Shipped catalogs for now; admin-added locales join here. */
export async function enabledLocales(): Promise<string[]> {
  return SHIPPED_LOCALES.map((locale) => locale.code);
}

export async function isEnabledLocale(tag: string): Promise<boolean> {
  return (await enabledLocales()).includes(tag);
}

export function platformDefaultLocale(): string {
  return config().PORTICO_DEFAULT_LOCALE;
}
