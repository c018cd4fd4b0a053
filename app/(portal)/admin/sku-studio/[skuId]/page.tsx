import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { SkuStudioView } from "@/components/sku-studio/sku-studio-view";
import { pageData, requirePageAccess } from "@/server/auth/page-access";
import { skuStudioPage } from "@/server/services/skus/sku-studio-page";

type Props = { params: Promise<{ skuId: string }>; searchParams: Promise<{ preview?: string | string[] }> };

async function load({ params, searchParams }: Props) {
  await requirePageAccess("platform-admin");
  const [{ skuId }, { preview }, locale] = await Promise.all([params, searchParams, getLocale()]);
  return pageData(skuStudioPage(skuId, typeof preview === "string" ? preview : undefined, locale));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await load(props)).sku.slug };
}

export default async function SkuPage(props: Props) {
  return <SkuStudioView page={await load(props)} />;
}
