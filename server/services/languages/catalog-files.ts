import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import type { ValidationKey } from "@/lib/errors";
import { flattenCatalog } from "@/lib/i18n/icu";
import { SOURCE_LOCALE } from "@/locales/registry";
import { AppError, notFound } from "@/server/errors";
import { type Overrides, unflatten } from "@/server/i18n/messages";
import { i18nState } from "@/server/i18n/store";
import { flatShipped, translationRows } from "./translations";

export type CatalogFormat = "json" | "xliff";

/** The locale's own texts (shipped, then overridden), without fallbacks: what a translator edits. */
export async function exportCatalog(locale: string, format: CatalogFormat, overrides: Overrides): Promise<string> {
  const rows = (await translationRows(locale, overrides)).filter((row) => row.effective !== null);
  if (format === "json")
    return `${JSON.stringify(unflatten(new Map(rows.map((r) => [r.key, r.effective!]))), null, 2)}\n`;
  const units = rows.map((row) => ({ "@_id": row.key, segment: { source: row.source, target: row.effective } }));
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  return builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    xliff: {
      "@_xmlns": "urn:oasis:names:tc:xliff:document:2.0",
      "@_version": "2.0",
      "@_srcLang": SOURCE_LOCALE,
      "@_trgLang": locale,
      file: { "@_id": "portico", unit: units },
    },
  }) as string;
}

/** A known language's catalog as a file: its name, type and text. */
export async function catalogFile(locale: string, format: CatalogFormat) {
  const state = await i18nState();
  if (!state.known.some((l) => l.code === locale)) throw notFound();
  const text = await exportCatalog(locale, format, state.overrides);
  return format === "json"
    ? { name: `portico-${locale}.json`, type: "application/json; charset=utf-8", text }
    : { name: `portico-${locale}.xlf`, type: "application/xliff+xml; charset=utf-8", text };
}

const fileError = (key: ValidationKey, values?: Record<string, string | number>) =>
  new AppError("validation", { file: values ? { key, values } : { key } });

/** Parses an uploaded catalog into dotted keys → messages; a malformed file names its line. */
export function parseCatalogFile(format: CatalogFormat, content: string): Map<string, string> {
  return format === "json" ? parseJson(content) : parseXliff(content);
}

function parseJson(content: string): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    const position = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
    throw fileError("fileJson", { line: content.slice(0, position).split("\n").length });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw fileError("fileShape");
  try {
    return flattenCatalog(data);
  } catch {
    throw fileError("fileShape");
  }
}

type XliffUnit = { "@_id"?: string; segment?: { source?: unknown; target?: unknown } };

// Catalogs never need a DTD; entity declarations are how an XML bomb ("billion laughs") expands.
// Checked on the raw text, before any parser sees it.
const DTD = /<!(DOCTYPE|ENTITY)/i;

function parseXliff(content: string): Map<string, string> {
  if (DTD.test(content)) throw fileError("fileXmlDoctype");
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw fileError("fileXml", { line: valid.err.line });
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === "unit" || name === "file",
    parseTagValue: false,
    trimValues: false,
  }).parse(content) as {
    xliff?: { "@_version"?: string; file?: { unit?: XliffUnit[] }[] };
  };
  if (doc.xliff?.["@_version"] !== "2.0") throw fileError("fileXliffVersion");
  const messages = new Map<string, string>();
  for (const unit of (doc.xliff.file ?? []).flatMap((file) => file.unit ?? [])) {
    const target = unit.segment?.target;
    if (!unit["@_id"]) throw fileError("fileShape");
    // Inline XLIFF markup (<ph/>, <pc>) is not supported: messages carry ICU, not XML.
    if (target !== undefined && typeof target !== "string") throw fileError("fileXliffMarkup", { key: unit["@_id"] });
    if (typeof target === "string") messages.set(unit["@_id"], target);
  }
  return messages;
}

export type ImportReport = {
  changes: { key: string; from: string | null; to: string }[];
  unchanged: number;
  errors: { key: string; reason: string; values?: Record<string, string | number> }[];
};

/** Compares a parsed file with the locale's current texts; nothing is written here. */
export async function planImport(
  locale: string,
  incoming: Map<string, string>,
  overrides: Overrides,
  check: (source: string, message: string) => void,
): Promise<ImportReport> {
  const source = await flatShipped(SOURCE_LOCALE);
  const current = new Map((await translationRows(locale, overrides)).map((r) => [r.key, r.effective]));
  const report: ImportReport = { changes: [], unchanged: 0, errors: [] };
  for (const [key, message] of incoming) {
    const sourceText = source.get(key);
    if (sourceText === undefined) {
      report.errors.push({ key, reason: "unknownKey" });
      continue;
    }
    try {
      check(sourceText, message);
    } catch (error) {
      const field = error instanceof AppError ? error.fields?.message : undefined;
      report.errors.push({ key, reason: field?.key ?? "invalid", values: field?.values });
      continue;
    }
    const from = current.get(key) ?? null;
    if (from === message) report.unchanged++;
    else report.changes.push({ key, from, to: message });
  }
  return report;
}
