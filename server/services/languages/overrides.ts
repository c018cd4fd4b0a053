import { SOURCE_LOCALE } from "@/locales/registry";
import type { Db, DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { forgetI18nCache, i18nState, stampI18nChange } from "@/server/i18n/store";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";
import { checkTranslation, flatShipped } from "./translations";

async function sourceMessage(key: string): Promise<string> {
  const source = (await flatShipped(SOURCE_LOCALE)).get(key);
  if (source === undefined) throw notFound();
  return source;
}

async function requireKnownLocale(locale: string) {
  if (!(await i18nState()).known.some((l) => l.code === locale)) throw notFound();
}

/** Writes overrides (already checked) and their audit in one transaction. */
export async function writeOverrides(
  tx: DbTx,
  actor: Actor,
  locale: string,
  changes: { key: string; from: string | null; to: string }[],
) {
  for (const change of changes) {
    await tx.translationOverride.upsert({
      where: { locale_key: { locale, key: change.key } },
      create: { locale, key: change.key, message: change.to, updatedById: actor.userId },
      update: { message: change.to, updatedById: actor.userId },
    });
  }
  await stampI18nChange(tx);
  await recordAudit(tx, actor, {
    action: changes.length === 1 ? "translation.override" : "translation.import",
    orgId: null,
    targetType: "locale",
    targetId: locale,
    changes: Object.fromEntries(changes.map((c) => [c.key, { from: c.from, to: c.to }])),
  });
}

export async function saveOverride(db: Db, actor: Actor, input: { locale: string; key: string; message: string }) {
  await requireKnownLocale(input.locale);
  checkTranslation(await sourceMessage(input.key), input.message);
  const current =
    (await i18nState()).overrides.get(input.locale)?.get(input.key) ??
    (await flatShipped(input.locale)).get(input.key) ??
    null;
  if (current === input.message) return { changed: false };
  await db.$transaction((tx) =>
    writeOverrides(tx, actor, input.locale, [{ key: input.key, from: current, to: input.message }]),
  );
  forgetI18nCache();
  return { changed: true };
}

/** Back to the shipped text (or to the fallback, for a language that ships none). */
export async function revertOverride(db: Db, actor: Actor, input: { locale: string; key: string }) {
  const existing = await db.translationOverride.findUnique({
    where: { locale_key: { locale: input.locale, key: input.key } },
  });
  if (!existing) throw new AppError("not_found");
  await db.$transaction(async (tx) => {
    await tx.translationOverride.delete({ where: { locale_key: { locale: input.locale, key: input.key } } });
    await stampI18nChange(tx);
    await recordAudit(tx, actor, {
      action: "translation.revert",
      orgId: null,
      targetType: "locale",
      targetId: input.locale,
      changes: {
        [input.key]: { from: existing.message, to: (await flatShipped(input.locale)).get(input.key) ?? null },
      },
    });
  });
  forgetI18nCache();
}
