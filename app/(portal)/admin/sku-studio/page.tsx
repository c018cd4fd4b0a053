import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SkuListView } from "@/components/sku-studio/sku-list-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { skuListPage } from "@/server/services/skus/sku-list-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("skuStudio"))("title") };
}

export default async function SkuStudioPage() {
  await requirePageAccess("platform-admin");
  return <SkuListView page={await skuListPage()} />;
}
