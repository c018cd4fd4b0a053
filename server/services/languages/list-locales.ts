import { directionOf, nativeNameOf } from "@/locales/registry";
import { i18nState } from "@/server/i18n/store";
import { coverage } from "./translations";

/** Every known language with what the Languages page shows about it. */
export async function listLocales() {
  const state = await i18nState();
  return Promise.all(
    state.known.map(async (locale) => ({
      ...locale,
      name: nativeNameOf(locale.code),
      dir: directionOf(locale.code),
      coverage: await coverage(locale.code, state.overrides),
      overrides: state.overrides.get(locale.code)?.size ?? 0,
      isDefault: locale.code === state.defaultLocale,
    })),
  );
}
export type LocaleListing = Awaited<ReturnType<typeof listLocales>>[number];
