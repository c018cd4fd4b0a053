// Every shipped translation (messages/<locale>.json) must mirror the English source catalog:
// the same keys, valid ICU, and the same ICU arguments in every message, so no translation can
// drop, rename or invent a placeholder. Relative imports: this also runs without vitest.config.ts.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { flattenCatalog, icuArguments, isValidIcu } from "../../lib/i18n/icu";
import { SHIPPED_LOCALES, SOURCE_LOCALE } from "../../locales/registry";

const MESSAGES_DIR = fileURLToPath(new URL("../../messages/", import.meta.url));

function readCatalog(locale: string): object {
  return JSON.parse(readFileSync(`${MESSAGES_DIR}${locale}.json`, "utf8")) as object;
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

/**
 * Everything wrong with a translated catalog against its source, one readable line per problem;
 * empty when the translation is complete and safe to format with the source's values.
 */
function catalogProblems(source: object, translation: object): string[] {
  const expected = flattenCatalog(source);
  const actual = flattenCatalog(translation);
  const problems: string[] = [];
  for (const key of expected.keys()) if (!actual.has(key)) problems.push(`${key}: missing`);
  for (const [key, message] of actual) {
    const original = expected.get(key);
    if (original === undefined) {
      problems.push(`${key}: not in the source catalog`);
    } else if (!isValidIcu(message)) {
      problems.push(`${key}: invalid ICU: ${JSON.stringify(message)}`);
    } else {
      const want = sorted(icuArguments(original));
      const got = sorted(icuArguments(message));
      if (want.join() !== got.join())
        problems.push(`${key}: arguments [${got.join(", ")}], expected [${want.join(", ")}]`);
    }
  }
  return problems;
}

describe("icuArguments", () => {
  it("finds plain and formatted arguments", () => {
    expect(sorted(icuArguments("Hello {name}, {n, number} items on {d, date, short} at {t, time}"))).toEqual([
      "d",
      "n",
      "name",
      "t",
    ]);
  });

  it("returns an empty set for plain text", () => {
    expect(icuArguments("No arguments here.").size).toBe(0);
  });

  it("finds the selector and arguments nested in plural branches, but not #", () => {
    const message = "{model}: {count, plural, =0 {none} one {# GPU for {project}} other {# GPUs}}";
    expect(sorted(icuArguments(message))).toEqual(["count", "model", "project"]);
  });

  it("finds arguments nested in select inside plural", () => {
    const message =
      "{gender, select, " +
      "female {{count, plural, one {She has # pod in {org}} other {She has # pods}}} " +
      "other {{count, plural, one {# pod} other {# pods for {owner}}}}}";
    expect(sorted(icuArguments(message))).toEqual(["count", "gender", "org", "owner"]);
  });

  it("finds selectordinal selectors", () => {
    expect(sorted(icuArguments("{place, selectordinal, one {#st} other {#th}}"))).toEqual(["place"]);
  });

  it("counts tags as arguments and looks inside them", () => {
    expect(sorted(icuArguments("Read <link>the guide for {product}</link> or <b>ask {admin}</b>."))).toEqual([
      "admin",
      "b",
      "link",
      "product",
    ]);
  });

  it("ignores ICU-quoted braces", () => {
    expect(sorted(icuArguments("Use '{literal}' with {real}"))).toEqual(["real"]);
  });

  it("throws on invalid ICU", () => {
    expect(() => icuArguments("Hello {name")).toThrow();
  });
});

describe("isValidIcu", () => {
  it.each([
    "Plain text",
    "Sign in with {provider}",
    "{count, plural, one {# GPU} other {# GPUs}}",
    "{kind, select, provider {Provider} other {Customer}}",
    "Read <link>the guide</link>",
    "L’organisation {org}\u00a0: {count, plural, one {# GPU} other {# GPU}}",
  ])("accepts %j", (message) => {
    expect(isValidIcu(message)).toBe(true);
  });

  it.each([
    ["an unclosed argument", "Hello {name"],
    ["an empty argument", "Hello {}"],
    ["an unknown argument type", "{count, plurall, one {#} other {#}}"],
    ["a plural without an other branch", "{count, plural, one {# GPU}}"],
    ["a select without an other branch", "{kind, select, provider {Provider}}"],
    ["an unclosed branch", "{count, plural, one {# GPU} other {# GPUs}"],
    ["an unclosed tag", "Read <link>the guide"],
    ["mismatched tags", "Read <link>the guide</b>"],
  ])("rejects %s", (_, message) => {
    expect(isValidIcu(message)).toBe(false);
  });
});

describe("flattenCatalog", () => {
  it("flattens nested objects into dotted keys", () => {
    const flat = flattenCatalog({ a: "1", b: { c: "2", d: { e: "3" } } });
    expect([...flat]).toEqual([
      ["a", "1"],
      ["b.c", "2"],
      ["b.d.e", "3"],
    ]);
  });

  it("rejects leaves that are not strings", () => {
    expect(() => flattenCatalog({ a: { b: 1 } })).toThrow(/a\.b/);
    expect(() => flattenCatalog({ a: ["x"] })).toThrow(/"a"/);
    expect(() => flattenCatalog({ a: null })).toThrow(/"a"/);
  });
});

describe("catalogProblems (the check applied to shipped catalogs)", () => {
  const source = {
    title: "Members",
    entry: "{model}: {count, plural, one {# GPU} other {# GPUs}}",
    confirm: "Remove {name}?",
  };

  it("passes a faithful translation", () => {
    const translation = {
      title: "Membres",
      entry: "{model}\u00a0: {count, plural, one {# GPU} other {# GPU}}",
      confirm: "Retirer {name}\u202f?",
    };
    expect(catalogProblems(source, translation)).toEqual([]);
  });

  it("catches a renamed argument", () => {
    const translation = { ...source, confirm: "Retirer {nom}\u202f?" };
    expect(catalogProblems(source, translation)).toEqual(["confirm: arguments [nom], expected [name]"]);
  });

  it("catches a renamed argument nested in a plural branch and a dropped argument", () => {
    const translation = { ...source, entry: "{count, plural, one {# GPU {modele}} other {# GPU}}" };
    expect(catalogProblems(source, translation)).toEqual(["entry: arguments [count, modele], expected [count, model]"]);
  });

  it("catches an argument swallowed by an ASCII apostrophe", () => {
    const translation = { ...source, confirm: "Retirer '{name}' ?" };
    expect(catalogProblems(source, translation)).toEqual(["confirm: arguments [], expected [name]"]);
  });

  it("catches missing keys, extra keys and invalid ICU", () => {
    const translation = { title: "Membres", entry: "{model}: {count, plural, one {# GPU}}", extra: "En trop" };
    expect(catalogProblems(source, translation)).toEqual([
      "confirm: missing",
      'entry: invalid ICU: "{model}: {count, plural, one {# GPU}}"',
      "extra: not in the source catalog",
    ]);
  });
});

describe("shipped catalogs", () => {
  const source = readCatalog(SOURCE_LOCALE);
  const translations = readdirSync(MESSAGES_DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .filter((locale) => locale !== SOURCE_LOCALE)
    .sort();

  it("the English source is valid ICU throughout", () => {
    const invalid = [...flattenCatalog(source)].filter(([, message]) => !isValidIcu(message)).map(([key]) => key);
    expect(invalid).toEqual([]);
  });

  it("every locale in the registry ships a catalog", () => {
    const missing = SHIPPED_LOCALES.map((l) => l.code).filter(
      (code) => code !== SOURCE_LOCALE && !translations.includes(code),
    );
    expect(missing).toEqual([]);
    expect(translations.length).toBeGreaterThan(0);
  });

  describe.each(translations)("messages/%s.json", (locale) => {
    const catalog = readCatalog(locale);
    const expected = flattenCatalog(source);
    const actual = flattenCatalog(catalog);

    it("has every key of en.json", () => {
      expect([...expected.keys()].filter((key) => !actual.has(key))).toEqual([]);
    });

    it("has no key that en.json lacks", () => {
      expect([...actual.keys()].filter((key) => !expected.has(key))).toEqual([]);
    });

    it("is valid ICU throughout", () => {
      expect([...actual].filter(([, message]) => !isValidIcu(message)).map(([key]) => key)).toEqual([]);
    });

    it("uses exactly the ICU arguments of the English source in every message", () => {
      expect(catalogProblems(source, catalog)).toEqual([]);
    });
  });
});
