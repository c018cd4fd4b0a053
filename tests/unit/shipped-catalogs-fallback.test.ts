// catalogFor on the real shipped catalogs: every locale, and every fallback chain between them,
// yields every key of the English source catalog.
import { describe, expect, it } from "vitest";
import { flattenCatalog } from "@/lib/i18n/icu";
import { SHIPPED_LOCALES, SOURCE_LOCALE } from "@/locales/registry";
import { catalogFor, shippedCatalog } from "@/server/i18n/messages";

describe("catalogFor on shipped catalogs", () => {
  it("ships the source catalog", async () => {
    expect(await shippedCatalog(SOURCE_LOCALE)).not.toBeNull();
    expect(await shippedCatalog("xx-not-shipped")).toBeNull();
  });

  it("never lacks an English key, for any shipped locale and fallback, or an unknown locale", async () => {
    const english = flattenCatalog((await shippedCatalog(SOURCE_LOCALE))!);
    expect(english.size).toBeGreaterThan(10);
    const codes = [...SHIPPED_LOCALES.map((l) => l.code), "xx", "pt-BR"];
    for (const locale of codes) {
      for (const fallback of [null, ...codes]) {
        const keys = flattenCatalog(await catalogFor(locale, [fallback, fallback === null ? null : SOURCE_LOCALE]));
        expect(
          [...english.keys()].filter((key) => !keys.has(key)),
          `${locale} ← ${fallback}`,
        ).toEqual([]);
      }
    }
  });

  it("gives each shipped locale its own messages", async () => {
    for (const { code } of SHIPPED_LOCALES) {
      const own = flattenCatalog((await shippedCatalog(code))!);
      const served = flattenCatalog(await catalogFor(code, [SOURCE_LOCALE]));
      for (const [key, message] of own) expect(served.get(key), `${code}: ${key}`).toBe(message);
    }
  });
});
