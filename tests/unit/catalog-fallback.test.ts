// server/i18n/messages.ts catalogFor with stand-in catalogs, so a missing message is visible:
// the locale wins over the org default, which wins over the platform default, which wins
// over English; a key English has is never missing. (Only messages/en.json and fr.json exist
// on disk to be mocked, so each ordering is shown with two catalogs in different roles.)
import { describe, expect, it, vi } from "vitest";

vi.mock("../../messages/en.json", () => ({
  default: {
    common: { save: "Save", cancel: "Cancel", close: "Close" },
    nav: { items: { pods: "Developer Pods", usage: "Usage" } },
    onlyInEnglish: "English only",
  },
}));
vi.mock("../../messages/fr.json", () => ({
  default: {
    common: { save: "Enregistrer", cancel: "Annuler" },
    nav: { items: { pods: "Pods de développement" } },
    onlyInFrench: "Français seulement",
  },
}));

import { flattenCatalog } from "@/lib/i18n/icu";
import { catalogFor, mergeCatalogs } from "@/server/i18n/messages";

const at = (catalog: object, key: string) => flattenCatalog(catalog).get(key);

describe("mergeCatalogs", () => {
  it("overrides leaf messages and merges nested groups, keeping the base's other keys", () => {
    const merged = mergeCatalogs({ a: { b: "base b", c: "base c" }, d: "base d" }, { a: { b: "over b", e: "over e" } });
    expect(merged).toEqual({ a: { b: "over b", c: "base c", e: "over e" }, d: "base d" });
  });

  it("does not modify its inputs", () => {
    const base = { a: { b: "x" } };
    const over = { a: { b: "y", c: "z" } };
    mergeCatalogs(base, over);
    expect(base).toEqual({ a: { b: "x" } });
    expect(over).toEqual({ a: { b: "y", c: "z" } });
  });

  it("lets a message replace a group and a group replace a message", () => {
    expect(mergeCatalogs({ a: { b: "x" } }, { a: "flat" })).toEqual({ a: "flat" });
    expect(mergeCatalogs({ a: "flat" }, { a: { b: "x" } })).toEqual({ a: { b: "x" } });
  });
});

describe("catalogFor", () => {
  it("uses the locale's messages over English, and English for what the locale lacks", async () => {
    const catalog = await catalogFor("fr", []);
    expect(at(catalog, "common.save")).toBe("Enregistrer");
    expect(at(catalog, "nav.items.pods")).toBe("Pods de développement");
    expect(at(catalog, "common.close")).toBe("Close");
    expect(at(catalog, "nav.items.usage")).toBe("Usage");
    expect(at(catalog, "onlyInFrench")).toBe("Français seulement");
  });

  it("puts the locale before the org default", async () => {
    expect(at(await catalogFor("en", ["fr"]), "common.save")).toBe("Save");
    expect(at(await catalogFor("fr", ["en"]), "common.save")).toBe("Enregistrer");
  });

  it("puts the org default before the platform default", async () => {
    expect(at(await catalogFor("pt", ["fr", "en"]), "common.save")).toBe("Enregistrer");
    expect(at(await catalogFor("pt", ["en", "fr"]), "common.save")).toBe("Save");
  });

  it("uses the platform default when there is no org default", async () => {
    expect(at(await catalogFor("pt", [null, "fr"]), "common.cancel")).toBe("Annuler");
    expect(at(await catalogFor("pt", [undefined, "fr"]), "common.cancel")).toBe("Annuler");
  });

  it("puts the org or platform default before English", async () => {
    const catalog = await catalogFor("pt", ["fr"]);
    expect(at(catalog, "common.save")).toBe("Enregistrer");
    expect(at(catalog, "common.close")).toBe("Close");
  });

  it("answers English for a locale without a catalog, or a tag that is not a file name", async () => {
    expect(at(await catalogFor("pt", []), "common.save")).toBe("Save");
    expect(at(await catalogFor("../fr", []), "common.save")).toBe("Save");
  });

  it("never lacks a key English has, whatever the chain", async () => {
    const englishKeys = [...flattenCatalog(await catalogFor("en", [])).keys()];
    expect(englishKeys).toHaveLength(6);
    for (const [locale, fallbacks] of [
      ["fr", []],
      ["fr", ["fr", "fr"]],
      ["pt", ["fr"]],
      ["pt", [null, "fr"]],
      ["de", ["xx", "yy"]],
    ] as const) {
      const keys = flattenCatalog(await catalogFor(locale, [...fallbacks]));
      expect(
        englishKeys.filter((key) => !keys.has(key)),
        `${locale} ← ${fallbacks.join(",")}`,
      ).toEqual([]);
    }
  });
});
