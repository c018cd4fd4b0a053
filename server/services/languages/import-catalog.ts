import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { forgetI18nCache, i18nState } from "@/server/i18n/store";
import type { Actor } from "@/server/services/audit/record-audit";
import { type CatalogFormat, type ImportReport, parseCatalogFile, planImport } from "./catalog-files";
import { writeOverrides } from "./overrides";
import { checkTranslation } from "./translations";

/**
 * Imports a catalog file as overrides. A dry run only reports; a real run applies every change
 * in one transaction, and applies nothing at all when any entry is invalid.
 */
export async function importCatalog(
  db: Db,
  actor: Actor,
  input: { locale: string; format: CatalogFormat; content: string; dryRun: boolean },
): Promise<ImportReport & { applied: boolean }> {
  const state = await i18nState();
  if (!state.known.some((l) => l.code === input.locale)) throw notFound();
  const incoming = parseCatalogFile(input.format, input.content);
  const report = await planImport(input.locale, incoming, state.overrides, checkTranslation);
  const apply = !input.dryRun && report.errors.length === 0 && report.changes.length > 0;
  if (apply) {
    await db.$transaction((tx) => writeOverrides(tx, actor, input.locale, report.changes));
    forgetI18nCache();
  }
  return { ...report, applied: apply };
}
