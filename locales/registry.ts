// The languages Portico ships a catalog for (messages/<code>.json). Admins can enable
// more at run time; this list is what exists without any database.
type LocaleInfo = { code: string; name: string; dir: "ltr" | "rtl" };

export const SOURCE_LOCALE = "en";

export const SHIPPED_LOCALES: readonly LocaleInfo[] = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
];

const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur", "ps", "dv", "yi", "ckb", "sd", "ug"]);

/** Writing direction of any BCP-47 tag, by its script when given, else its language. */
export function directionOf(tag: string): "ltr" | "rtl" {
  const locale = new Intl.Locale(tag);
  if (locale.script)
    return ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"].includes(locale.script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
}

/** A locale's name in its own language, e.g. "Deutsch", "日本語". */
export function nativeNameOf(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}
