import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LaunchPanel } from "@/components/launch/launch-panel";
import { Card, PageHeader } from "@/components/ui/layout";
import { specForBrowser } from "@/lib/skus/launch-values";
import { launchFormFields } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import type { TenantCaller } from "@/server/authz";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { launchCapacity } from "@/server/services/deployments/launch-capacity";
import { listCatalog } from "@/server/services/skus/catalog";
import { openSecrets } from "@/server/services/skus/secret-values";

type Params = { params: Promise<{ skuId: string }> };

/** The SKU as the caller's org may launch it; anything not shared with them does not exist here. */
async function entryFor(caller: TenantCaller, skuId: string) {
  const entry = (await listCatalog(db(), caller.org.id)).find((e) => e.skuId === skuId);
  if (!entry) notFound();
  return entry;
}

/** GPU models the form can end on: the spec's, and every choice its author opened. */
function gpuModelsOf(entry: { spec: SkuSpec; overrides: { path: string; control: string; choices?: (string | number)[] }[] }) {
  const gpu = entry.spec.compute.gpu;
  if (gpu.mode === "none") return [];
  const choices = entry.overrides.find((o) => o.path === "compute.gpu.model" && o.control === "choices")?.choices ?? [];
  return [...new Set([gpu.model, ...choices.map(String)])];
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const caller = await requirePageAccess("member");
  const entry = await entryFor(caller, (await params).skuId);
  return { title: (await getTranslations("launch"))("title", { name: entry.spec.basics.displayName }) };
}

export default async function LaunchPage({ params }: Params) {
  const caller = await requirePageAccess("member");
  const [t, entry] = await Promise.all([getTranslations("launch"), entryFor(caller, (await params).skuId)]);
  const [projects, clusters] = await Promise.all([
    db().project.findMany({ where: { orgId: caller.org.id, ...(entry.projects === "all" ? {} : { id: { in: entry.projects } }) }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().cluster.findMany({ where: entry.spec.placement.clusterId ? { id: entry.spec.placement.clusterId } : {}, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const capacity = await launchCapacity(db(), caller.org.id, projects.map((p) => p.id), gpuModelsOf(entry));
  return (
    <>
      <Link href="/marketplace" className="text-sm text-accent hover:underline">{t("back")}</Link>
      <PageHeader title={t("title", { name: entry.spec.basics.displayName })} description={entry.spec.basics.description || undefined} />
      <div className="max-w-3xl">
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
      </div>
    </>
  );
}
