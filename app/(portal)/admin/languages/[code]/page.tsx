import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportCatalog } from "@/components/languages/import-catalog";
import { TranslationEditor } from "@/components/languages/translation-editor";
import { Card, PageHeader } from "@/components/ui/layout";
import { directionOf, nativeNameOf } from "@/locales/registry";
import { requirePageAccess } from "@/server/auth/page-access";
import { i18nState } from "@/server/i18n/store";
import { translationRows } from "@/server/services/languages/translations";

type Params = { params: Promise<{ code: string }> };

async function knownLocale(code: string) {
  const state = await i18nState();
  if (!state.known.some((l) => l.code === code)) notFound();
  return state;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requirePageAccess("platform-admin");
  const { code } = await params;
  return { title: (await getTranslations("admin.translations"))("title", { name: nativeNameOf(code) }) };
}

export default async function TranslationsPage({ params }: Params) {
  await requirePageAccess("platform-admin");
  const { code } = await params;
  const state = await knownLocale(code);
  const [t, rows] = await Promise.all([getTranslations("admin.translations"), translationRows(code, state.overrides)]);
  return (
    <>
      <Link href="/admin/languages" className="text-sm text-accent hover:underline">{t("back")}</Link>
      <PageHeader title={t("title", { name: nativeNameOf(code) })} description={t("description")} />
      <div className="flex flex-col gap-6">
        <TranslationEditor locale={code} dir={directionOf(code)} rows={rows} />
        <Card title={t("importTitle")}><ImportCatalog locale={code} /></Card>
      </div>
    </>
  );
}
