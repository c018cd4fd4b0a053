import { SOURCE_LOCALE } from "@/locales/registry";

export type Catalog = { [key: string]: string | Catalog };

const shipped = new Map<string, Promise<Catalog | null>>();

/** A shipped catalog from messages/, or null when none ships for that locale. */
export function shippedCatalog(locale: string): Promise<Catalog | null> {
  if (!/^[A-Za-z0-9-]+$/.test(locale)) return Promise.resolve(null);
  let catalog = shipped.get(locale);
  if (!catalog) {
    catalog = import(`../../messages/${locale}.json`).then((m: { default: Catalog }) => m.default).catch(() => null);
    shipped.set(locale, catalog);
  }
  return catalog;
}

export function mergeCatalogs(base: Catalog, over: Catalog): Catalog {
  const merged: Catalog = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = merged[key];
    merged[key] = typeof value === "object" && typeof existing === "object" ? mergeCatalogs(existing, value) : value;
  }
  return merged;
}

/** Dotted keys → nested catalog ("a.b" → { a: { b } }). */
export function unflatten(flat: Map<string, string>): Catalog {
  const root: Catalog = {};
  for (const [key, message] of flat) {
    const parts = key.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node[part];
      if (typeof next !== "object") {
        next = {};
        node[part] = next;
      }
      node = next;
    }
    node[parts[parts.length - 1]!] = message;
  }
  return root;
}

/** locale → (dotted key → message), as the admins set them. */
export type Overrides = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** A locale's own messages: the shipped catalog with the admins' overrides on top. */
async function localeCatalog(locale: string, overrides: Overrides = new Map()): Promise<Catalog> {
  const base = (await shippedCatalog(locale)) ?? {};
  const own = overrides.get(locale);
  return own ? mergeCatalogs(base, unflatten(new Map(own))) : base;
}

/**
 * The messages for a locale: a missing message falls back to the org's default language,
 * then the platform's, then English, so a raw key never reaches the screen.
 */
export async function catalogFor(
  locale: string,
  fallbacks: (string | null | undefined)[],
  overrides: Overrides = new Map(),
): Promise<Catalog> {
  const chain = [locale, ...fallbacks.filter((l): l is string => !!l), SOURCE_LOCALE];
  // Most specific first in `chain`; merged from the least specific up.
  const order = [...new Set(chain)].reverse();
  let messages: Catalog = {};
  for (const code of order) messages = mergeCatalogs(messages, await localeCatalog(code, overrides));
  return messages;
}
