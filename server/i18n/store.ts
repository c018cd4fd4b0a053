import { randomUUID } from "node:crypto";
import { SHIPPED_LOCALES } from "@/locales/registry";
import { config } from "@/server/config";
import { type DbTx, db } from "@/server/db/client";

/**
 * Languages and translation overrides as the database holds them, cached per process.
 * Every change stamps a new version; each process checks the stamp at most every
 * CHECK_INTERVAL_MS, so an edit reaches every replica within that time, with no restart.
 */
export const CHECK_INTERVAL_MS = 2_000;
const VERSION_KEY = "i18nVersion";
const DEFAULT_LOCALE_KEY = "defaultLocale";

type I18nState = {
  version: string | null;
  /** Locales users may choose, shipped ones first. */
  enabled: string[];
  /** Every known locale (shipped or added), enabled or not. */
  known: { code: string; shipped: boolean; enabled: boolean }[];
  defaultLocale: string;
  /** locale → (dotted key → message) */
  overrides: Map<string, Map<string, string>>;
};

let cache: { state: I18nState; checkedAt: number } | undefined;
let loading: Promise<I18nState> | undefined;

export async function i18nState(): Promise<I18nState> {
  if (cache && Date.now() - cache.checkedAt < CHECK_INTERVAL_MS) return cache.state;
  loading ??= refresh().finally(() => (loading = undefined));
  return loading;
}

async function refresh(): Promise<I18nState> {
  const version = await readSetting<string>(VERSION_KEY);
  if (cache && cache.state.version === version) {
    cache.checkedAt = Date.now();
    return cache.state;
  }
  const state = await loadState(version);
  cache = { state, checkedAt: Date.now() };
  return state;
}

async function loadState(version: string | null): Promise<I18nState> {
  const [settings, overrides, defaultLocale] = await Promise.all([
    db().localeSetting.findMany({ orderBy: { code: "asc" } }),
    db().translationOverride.findMany(),
    readSetting<string>(DEFAULT_LOCALE_KEY),
  ]);
  const rows = new Map(settings.map((s) => [s.code, s.enabled]));
  const shipped = SHIPPED_LOCALES.map((l) => ({ code: l.code, shipped: true, enabled: rows.get(l.code) ?? true }));
  const added = settings
    .filter((s) => !SHIPPED_LOCALES.some((l) => l.code === s.code))
    .map((s) => ({ code: s.code, shipped: false, enabled: s.enabled }));
  const known = [...shipped, ...added];
  const byLocale = new Map<string, Map<string, string>>();
  for (const o of overrides) {
    if (!byLocale.has(o.locale)) byLocale.set(o.locale, new Map());
    byLocale.get(o.locale)!.set(o.key, o.message);
  }
  return {
    version,
    known,
    enabled: known.filter((l) => l.enabled).map((l) => l.code),
    defaultLocale: defaultLocale ?? config().PORTICO_DEFAULT_LOCALE,
    overrides: byLocale,
  };
}

async function readSetting<T>(key: string, tx: DbTx = db()): Promise<T | null> {
  const row = await tx.platformSetting.findUnique({ where: { key } });
  return row ? (row.value as T) : null;
}

/** Call inside the transaction of any change to languages or overrides. */
export async function stampI18nChange(tx: DbTx): Promise<void> {
  const value = randomUUID();
  await tx.platformSetting.upsert({
    where: { key: VERSION_KEY },
    create: { key: VERSION_KEY, value },
    update: { value },
  });
}

export async function writeDefaultLocale(tx: DbTx, code: string): Promise<void> {
  await tx.platformSetting.upsert({
    where: { key: DEFAULT_LOCALE_KEY },
    create: { key: DEFAULT_LOCALE_KEY, value: code },
    update: { value: code },
  });
}

/** After a change commits, this process sees it at once (others within CHECK_INTERVAL_MS). */
export function forgetI18nCache(): void {
  cache = undefined;
}
