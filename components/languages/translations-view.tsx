import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/layout";
import type { TranslationsPage } from "@/server/services/languages/translations-page";
import { ImportCatalog } from "./import-catalog";
import { TranslationEditor } from "./translation-editor";

/** The translation editor of one language, and importing a catalog file into it. */
export async function TranslationsView({ page }: { page: TranslationsPage }) {
  const t = await getTranslations("admin.translations");
  return (
    <>
      <Link href="/admin/languages" className="text-sm text-accent hover:underline">
        {t("back")}
      </Link>
      <PageHeader title={t("title", { name: page.name })} description={t("description")} />
      <div className="flex flex-col gap-6">
        <TranslationEditor locale={page.code} dir={page.dir} rows={page.rows} />
        <Card title={t("importTitle")}>
          <ImportCatalog locale={page.code} />
        </Card>
      </div>
    </>
  );
}
