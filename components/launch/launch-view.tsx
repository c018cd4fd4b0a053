import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DeploymentList } from "@/components/deployments/deployment-list";
import { Card, PageHeader } from "@/components/ui/layout";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import type { LaunchPage } from "@/server/services/deployments/launch-page";
import { LaunchPanel } from "./launch-panel";

/** A member's launch of a shared SKU, and their own instances of it. */
export async function LaunchView({ page }: { page: LaunchPage }) {
  const [t, tDeployments] = await Promise.all([getTranslations("launch"), getTranslations("deployments")]);
  const yours = tDeployments("yours", { name: page.displayName });
  return (
    <>
      <Link href="/marketplace" className="text-sm text-accent hover:underline">
        {t("back")}
      </Link>
      <PageHeader title={t("title", { name: page.displayName })} description={page.description || undefined} />
      <div className="flex max-w-3xl flex-col gap-6">
        <Card>
          {page.clusters.length === 0 ? (
            <p className="text-sm text-fg-muted">{t("noClusters")}</p>
          ) : (
            <PanelBoundary>
              <LaunchPanel skuId={page.skuId} {...page.form} projects={page.projects} clusters={page.clusters} />
            </PanelBoundary>
          )}
        </Card>
        <Card title={yours}>
          <PanelBoundary>
            <DeploymentList
              filter={{ skuId: page.skuId, testLaunches: false }}
              caption={yours}
              empty={tDeployments("noneYours")}
            />
          </PanelBoundary>
        </Card>
      </div>
    </>
  );
}
