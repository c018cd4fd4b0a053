import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiTokensView } from "@/components/api-tokens/api-tokens-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { apiTokensPage } from "@/server/services/api-tokens/api-tokens-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiTokens"))("title") };
}

export default async function ApiTokensPageRoute() {
  return <ApiTokensView page={await apiTokensPage(await requirePageAccess("member"))} />;
}
