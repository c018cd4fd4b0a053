import { flattenCatalog, icuArguments, isValidIcu } from "@/lib/i18n/icu";
import { type Place, whereUsed } from "@/lib/i18n/where-used";
import { SOURCE_LOCALE } from "@/locales/registry";
import { AppError } from "@/server/errors";
import { type Overrides, shippedCatalog } from "@/server/i18n/messages";

export type TranslationStatus = "missing" | "overridden" | "identical" | "translated";

export type TranslationRow = {
  key: string;
  source: string;
  shipped: string | null;
  override: string | null;
  /** What users of this locale read (before falling back to another language). */
  effective: string | null;
  status: TranslationStatus;
  place: Place;
};

export async function flatShipped(locale: string): Promise<Map<string, string>> {
  const catalog = await shippedCatalog(locale);
  return catalog ? flattenCatalog(catalog) : new Map();
}

/** Every source message beside the locale's shipped text and override. */
export async function translationRows(locale: string, overrides: Overrides): Promise<TranslationRow[]> {
  const [source, shipped] = await Promise.all([flatShipped(SOURCE_LOCALE), flatShipped(locale)]);
  const own = overrides.get(locale) ?? new Map<string, string>();
  return [...source].map(([key, sourceText]) => {
    const override = own.get(key) ?? null;
    const shippedText = shipped.get(key) ?? null;
    const effective = override ?? shippedText;
    const status: TranslationStatus =
      effective === null
        ? "missing"
        : override !== null
          ? "overridden"
          : locale !== SOURCE_LOCALE && effective === sourceText
            ? "identical"
            : "translated";
    return { key, source: sourceText, shipped: shippedText, override, effective, status, place: whereUsed(key) };
  });
}

/** Share of source messages the locale has a text for (shipped or overridden), 0–100. */
export async function coverage(locale: string, overrides: Overrides): Promise<number> {
  const rows = await translationRows(locale, overrides);
  return rows.length ? Math.floor((100 * rows.filter((r) => r.effective !== null).length) / rows.length) : 100;
}

/**
 * A translation must be valid ICU and use exactly the source message's arguments, so it can
 * neither break formatting nor drop or invent a value. Throws a validation error naming why.
 */
export function checkTranslation(source: string, message: string, field = "message"): void {
  if (message.trim() === "") throw new AppError("validation", { [field]: { key: "required" } });
  if (!isValidIcu(message)) throw new AppError("validation", { [field]: { key: "icuSyntax" } });
  const expected = [...icuArguments(source)].sort();
  const actual = [...icuArguments(message)].sort();
  if (expected.join(",") !== actual.join(",")) {
    throw new AppError("validation", {
      [field]: { key: "icuArguments", values: { expected: expected.map((a) => `{${a}}`).join(" ") || "∅" } },
    });
  }
}
