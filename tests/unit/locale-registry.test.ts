// locales/registry.ts: writing direction and native names of any BCP-47 tag.
import { describe, expect, it } from "vitest";
import { directionOf, nativeNameOf, SHIPPED_LOCALES, SOURCE_LOCALE } from "@/locales/registry";

describe("directionOf", () => {
  it.each(["ar", "he", "fa", "ur", "ar-EG", "he-IL", "fa-IR"])("%s is right-to-left", (tag) => {
    expect(directionOf(tag)).toBe("rtl");
  });

  it.each(["en", "fr", "ja", "de", "zh-Hant", "ru", "en-US"])("%s is left-to-right", (tag) => {
    expect(directionOf(tag)).toBe("ltr");
  });

  it("follows an explicit script over the language", () => {
    expect(directionOf("pa-Arab")).toBe("rtl"); // Punjabi in Shahmukhi
    expect(directionOf("az-Arab")).toBe("rtl");
    expect(directionOf("uz-Latn")).toBe("ltr");
    expect(directionOf("ku-Latn")).toBe("ltr");
  });

  it("agrees with the shipped locales' declared direction", () => {
    for (const locale of SHIPPED_LOCALES) expect(directionOf(locale.code), locale.code).toBe(locale.dir);
  });

  it("throws on a tag that is not BCP-47", () => {
    expect(() => directionOf("not a tag")).toThrow(RangeError);
  });
});

describe("nativeNameOf", () => {
  it("names a language in that language, capitalized", () => {
    expect(nativeNameOf("de")).toBe("Deutsch");
    expect(nativeNameOf("ja")).toBe("日本語");
    expect(nativeNameOf("fr")).toBe("Français");
    expect(nativeNameOf("en")).toBe("English");
    expect(nativeNameOf("es")).toBe("Español");
    expect(nativeNameOf("ar")).toBe("العربية");
  });

  it("matches the shipped locales' declared names", () => {
    for (const locale of SHIPPED_LOCALES) expect(nativeNameOf(locale.code), locale.code).toBe(locale.name);
  });

  it("ships the source locale", () => {
    expect(SHIPPED_LOCALES.map((l) => l.code)).toContain(SOURCE_LOCALE);
  });
});
