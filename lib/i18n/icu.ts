// Small, dependency-light helpers for checking ICU MessageFormat catalogs (messages/*.json):
// which arguments a message uses, whether it parses, and a flat view of a nested catalog.
// Relative imports only, so plain `vitest` runs without the "@/" alias can use this module.
import { type MessageFormatElement, type ParserOptions, parse, TYPE } from "@formatjs/icu-messageformat-parser";

// The rules next-intl (through intl-messageformat) parses with at run time: tags are parsed,
// not treated as text, and every plural/select needs an `other` branch. Spelled out so a change
// of the parser's defaults cannot silently loosen the check.
const PARSER_OPTIONS: ParserOptions = { requiresOtherClause: true };

/**
 * Every argument name a message uses: plain `{name}`, typed `{n, number}` / date / time,
 * the selector of `plural`, `selectordinal` and `select`, and tag names (`<link>…</link>`,
 * which are supplied as values too), including anything nested inside branches and tags.
 *
 * @throws if the message is not valid ICU (see {@link isValidIcu}).
 */
export function icuArguments(message: string): Set<string> {
  const names = new Set<string>();
  collect(parse(message, PARSER_OPTIONS), names);
  return names;
}

/** Whether a message parses as ICU MessageFormat (balanced braces and tags, `other` branches, …). */
export function isValidIcu(message: string): boolean {
  try {
    parse(message, PARSER_OPTIONS);
    return true;
  } catch {
    return false;
  }
}

/**
 * A nested catalog as dotted keys → message, e.g. `{ nav: { label: "…" } }` → `"nav.label" → "…"`.
 *
 * @throws if a leaf is neither a string nor a nested object (e.g. a number, array or null).
 */
export function flattenCatalog(catalog: object): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (node: object, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === "string") flat.set(path, value);
      else if (typeof value === "object" && value !== null && !Array.isArray(value)) walk(value as object, path);
      else
        throw new TypeError(
          `Catalog entry "${path}" must be a string or an object, ` +
            `got ${Array.isArray(value) ? "array" : String(value)}.`,
        );
    }
  };
  walk(catalog, "");
  return flat;
}

function collect(elements: readonly MessageFormatElement[], names: Set<string>): void {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.literal:
      case TYPE.pound:
        break;
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        names.add(element.value);
        break;
      case TYPE.plural:
      case TYPE.select:
        names.add(element.value);
        for (const option of Object.values(element.options)) collect(option.value, names);
        break;
      case TYPE.tag:
        names.add(element.value);
        collect(element.children, names);
        break;
    }
  }
}
