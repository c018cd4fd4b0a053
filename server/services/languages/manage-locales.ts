import { SOURCE_LOCALE } from "@/locales/registry";
import type { Db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { forgetI18nCache, i18nState, stampI18nChange, writeDefaultLocale } from "@/server/i18n/store";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";

const canonical = (tag: string) => Intl.getCanonicalLocales(tag)[0]!;

async function known(code: string) {
  return (await i18nState()).known.find((l) => l.code === code);
}

/** Adds any BCP-47 language, enabled; its texts fall back until translated or overridden. */
export async function addLocale(db: Db, actor: Actor, input: { code: string }) {
  const code = canonical(input.code);
  if (await known(code)) throw new AppError("conflict", { code: { key: "taken" } });
  await db.$transaction(async (tx) => {
    await tx.localeSetting.create({ data: { code, enabled: true } });
    await stampI18nChange(tx);
    await recordAudit(tx, actor, {
      action: "locale.add",
      orgId: null,
      targetType: "locale",
      targetId: code,
      changes: { enabled: { from: null, to: true } },
    });
  });
  forgetI18nCache();
  return { code };
}

/** Switches a language on or off. English (the source) and the platform default stay on. */
export async function setLocaleEnabled(db: Db, actor: Actor, input: { code: string; enabled: boolean }) {
  const locale = await known(input.code);
  if (!locale) throw notFound();
  if (!input.enabled && (input.code === SOURCE_LOCALE || input.code === (await i18nState()).defaultLocale)) {
    throw new AppError("validation", { code: { key: "localeInUse" } });
  }
  await db.$transaction(async (tx) => {
    await tx.localeSetting.upsert({
      where: { code: input.code },
      create: { code: input.code, enabled: input.enabled },
      update: { enabled: input.enabled },
    });
    await stampI18nChange(tx);
    await recordAudit(tx, actor, {
      action: "locale.enable",
      orgId: null,
      targetType: "locale",
      targetId: input.code,
      changes: { enabled: { from: locale.enabled, to: input.enabled } },
    });
  });
  forgetI18nCache();
}

async function requireEnabled(code: string) {
  if (!(await known(code))?.enabled) throw new AppError("validation", { code: { key: "locale" } });
}

export async function setPlatformDefaultLocale(db: Db, actor: Actor, input: { code: string }) {
  await requireEnabled(input.code);
  const from = (await i18nState()).defaultLocale;
  await db.$transaction(async (tx) => {
    await writeDefaultLocale(tx, input.code);
    await stampI18nChange(tx);
    await recordAudit(tx, actor, {
      action: "locale.platformDefault",
      orgId: null,
      targetType: "platform",
      targetId: "defaultLocale",
      changes: { defaultLocale: { from, to: input.code } },
    });
  });
  forgetI18nCache();
}

/** An organization's default language for its members (null: the platform's). */
export async function setOrgDefaultLocale(db: Db, actor: Actor, input: { orgId: string; code: string | null }) {
  if (input.code) await requireEnabled(input.code);
  await db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: input.orgId } });
    if (!org) throw notFound();
    await tx.organization.update({ where: { id: org.id }, data: { defaultLocale: input.code } });
    await recordAudit(tx, actor, {
      action: "locale.orgDefault",
      orgId: org.id,
      targetType: "organization",
      targetId: org.id,
      changes: { defaultLocale: { from: org.defaultLocale, to: input.code } },
    });
  });
}
