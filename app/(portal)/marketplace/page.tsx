import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MarketplaceView } from "@/components/marketplace/marketplace-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { marketplacePage } from "@/server/services/skus/marketplace-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("marketplace"))("title") };
}

export default async function MarketplacePageRoute() {
  return <MarketplaceView page={await marketplacePage(await requirePageAccess("member"))} />;
}
