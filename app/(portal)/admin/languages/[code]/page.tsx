import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TranslationsView } from "@/components/languages/translations-view";
import { pageData, requirePageAccess } from "@/server/auth/page-access";
import { translationsPage } from "@/server/services/languages/translations-page";

type Props = { params: Promise<{ code: string }> };

async function load({ params }: Props) {
  await requirePageAccess("platform-admin");
  return pageData(translationsPage((await params).code));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [page, t] = await Promise.all([load(props), getTranslations("admin.translations")]);
  return { title: t("title", { name: page.name }) };
}

export default async function TranslationsPageRoute(props: Props) {
  return <TranslationsView page={await load(props)} />;
}
