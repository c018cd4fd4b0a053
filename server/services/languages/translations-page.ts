import { directionOf, nativeNameOf } from "@/locales/registry";
import { perRequest } from "@/server/auth/request-scope";
import { notFound } from "@/server/errors";
import { i18nState } from "@/server/i18n/store";
import { translationRows } from "./translations";

/** One known language's messages beside their English source, for the translation editor. */
export const translationsPage = perRequest(async (code: string) => {
  const state = await i18nState();
  if (!state.known.some((l) => l.code === code)) throw notFound();
  return { code, name: nativeNameOf(code), dir: directionOf(code), rows: await translationRows(code, state.overrides) };
});

export type TranslationsPage = Awaited<ReturnType<typeof translationsPage>>;
