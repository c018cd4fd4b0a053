import { nativeNameOf } from "@/locales/registry";
import { enabledLocales } from "./locales";

/** The enabled locales, each named in its own language, for pickers. */
export async function localeChoices(): Promise<{ value: string; label: string }[]> {
  return (await enabledLocales()).map((code) => ({ value: code, label: nativeNameOf(code) }));
}
