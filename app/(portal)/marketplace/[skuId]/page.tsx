import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeploymentList } from "@/components/deployments/deployment-list";
import { LaunchPanel } from "@/components/launch/launch-panel";
import { Card, PageHeader } from "@/components/ui/layout";
import { specForBrowser } from "@/lib/skus/launch-values";
import { gpuModelsOf, launchFormFields } from "@/lib/skus/overrides";
import type { TenantCaller } from "@/server/authz";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { launchCapacity } from "@/server/services/deployments/launch-capacity";
import { listOwnDeployments } from "@/server/services/deployments/list-deployments";
import { catalogEntry } from "@/server/services/skus/catalog";
import { openSecrets } from "@/server/services/skus/secret-values";

type Params = { params: Promise<{ skuId: string }> };

/** The SKU as the org may launch it, read once per request (metadata and page both need it). */
const entryOf = cache((orgId: string, skuId: string) => catalogEntry(db(), orgId, skuId));

/** Anything not shared with the caller's org does not exist here. */
async function entryFor(caller: TenantCaller, skuId: string) {
  const entry = await entryOf(caller.org.id, skuId);
  if (!entry) notFound();
  return entry;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const caller = await requirePageAccess("member");
  const entry = await entryFor(caller, (await params).skuId);
  return { title: (await getTranslations("launch"))("title", { name: entry.spec.basics.displayName }) };
}

export default async function LaunchPage({ params }: Params) {
  const caller = await requirePageAccess("member");
  const [t, tDeployments, entry] = await Promise.all([getTranslations("launch"), getTranslations("deployments"), entryFor(caller, (await params).skuId)]);
  const [projects, clusters] = await Promise.all([
    db().project.findMany({ where: { orgId: caller.org.id, ...(entry.projects === "all" ? {} : { id: { in: entry.projects } }) }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().cluster.findMany({ where: entry.spec.placement.clusterId ? { id: entry.spec.placement.clusterId } : {}, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const [capacity, own] = await Promise.all([
    launchCapacity(db(), caller.org.id, projects.map((p) => p.id), gpuModelsOf(entry.spec, entry.overrides)),
    listOwnDeployments(db(), caller, entry.skuId),
  ]);
  return (
    <>
      <Link href="/marketplace" className="text-sm text-accent hover:underline">{t("back")}</Link>
      <PageHeader title={t("title", { name: entry.spec.basics.displayName })} description={entry.spec.basics.description || undefined} />
      <div className="flex max-w-3xl flex-col gap-6">
        <Card>
          {clusters.length === 0 ? (
            <p className="text-sm text-fg-muted">{t("noClusters")}</p>
          ) : (
            <LaunchPanel
              skuId={entry.skuId}
              spec={specForBrowser(entry.spec, caller.org.id)}
              overrides={entry.overrides}
              fields={launchFormFields(openSecrets(entry.spec), entry.overrides)}
              projects={projects}
              clusters={clusters}
              capacity={capacity}
            />
          )}
        </Card>
        <Card title={tDeployments("yours", { name: entry.spec.basics.displayName })}>
          <DeploymentList deployments={own} caption={tDeployments("yours", { name: entry.spec.basics.displayName })} empty={tDeployments("noneYours")} />
        </Card>
      </div>
    </>
  );
}
