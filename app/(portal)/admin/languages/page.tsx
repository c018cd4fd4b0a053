import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguagesView } from "@/components/languages/languages-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { languagesPage } from "@/server/services/languages/languages-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.languages"))("title") };
}

export default async function LanguagesPageRoute() {
  await requirePageAccess("platform-admin");
  return <LanguagesView page={await languagesPage()} />;
}
