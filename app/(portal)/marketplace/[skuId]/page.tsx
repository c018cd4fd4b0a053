import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LaunchView } from "@/components/launch/launch-view";
import { pageData, requirePageAccess } from "@/server/auth/page-access";
import { launchPage } from "@/server/services/deployments/launch-page";

type Props = { params: Promise<{ skuId: string }> };

async function load({ params }: Props) {
  const caller = await requirePageAccess("member");
  return pageData(launchPage(caller, (await params).skuId));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [page, t] = await Promise.all([load(props), getTranslations("launch")]);
  return { title: t("title", { name: page.displayName }) };
}

export default async function LaunchPageRoute(props: Props) {
  return <LaunchView page={await load(props)} />;
}
