import { createHash } from "node:crypto";
import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DeploymentList } from "@/components/deployments/deployment-list";
import { EditorTabs } from "@/components/sku-studio/editor-tabs";
import { PreviewPanel } from "@/components/sku-studio/preview-panel";
import { SpecForm } from "@/components/sku-studio/spec-form/spec-form";
import { SharingForm } from "@/components/sku-studio/sharing-form";
import { SkuYamlEditor } from "@/components/sku-studio/sku-yaml-editor";
import { VersionActions } from "@/components/sku-studio/version-actions";
import { VersionDiff } from "@/components/sku-studio/version-diff";
import { Badge, Card, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import { gpuModelsOf, launchFormFields, type SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { specForBrowser } from "@/lib/skus/launch-values";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { localeChoices } from "@/server/i18n/locale-choices";
import { launchFormMessages } from "@/server/i18n/preview-messages";
import { getSku } from "@/server/services/skus/list-skus";
import { PATTERN_MESSAGE_KEYS } from "@/server/services/skus/pattern-messages";
import { exportSkuYaml } from "@/server/services/skus/sku-yaml";
import { openSecrets } from "@/server/services/skus/secret-values";
import { sandboxCapacity } from "@/server/services/deployments/launch-capacity";
import { listTestLaunches } from "@/server/services/deployments/list-deployments";

type Params = { params: Promise<{ skuId: string }>; searchParams: Promise<{ preview?: string | string[] }> };

/** Read once per request: metadata and page both need it. */
const load = cache(async (skuId: string) => {
  try {
    return await getSku(db(), skuId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

const typed = (v: { number: number; spec: unknown; overrides: unknown }) => ({ number: v.number, spec: v.spec as SkuSpec, overrides: v.overrides as SkuOverride[] });

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requirePageAccess("platform-admin");
  return { title: (await load((await params).skuId)).slug };
}

export default async function SkuPage({ params, searchParams }: Params) {
  await requirePageAccess("platform-admin");
  const [{ skuId }, { preview }] = await Promise.all([params, searchParams]);
  const [t, tValidation, sku, yaml, orgs, shares, versions, clusters, launches, locale, choices] = await Promise.all([
    getTranslations("skuStudio"),
    getTranslations("validation") as Promise<(key: string) => string>,
    load(skuId),
    exportSkuYaml(db(), skuId),
    db().organization.findMany({ where: { kind: "CUSTOMER" }, orderBy: { name: "asc" }, select: { id: true, name: true, projects: { orderBy: { name: "asc" }, select: { id: true, name: true } } } }),
    db().skuShare.findMany({ where: { skuId }, select: { orgId: true, projectId: true } }),
    db().skuVersion.findMany({ where: { skuId }, orderBy: { number: "desc" }, select: { number: true, spec: true, overrides: true } }),
    db().cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listTestLaunches(db(), skuId),
    getLocale(),
    localeChoices(),
  ]);
  const latest = typed(sku.latest);
  const [previewMessages, sandbox] = await Promise.all([
    launchFormMessages(typeof preview === "string" ? preview : undefined, locale),
    sandboxCapacity(db(), gpuModelsOf(latest.spec, latest.overrides)),
  ]);
  // A saved draft remounts the editors and the preview with what the server now holds.
  const editorKey = createHash("sha256").update(JSON.stringify(sku.latest)).digest("hex");
  const previous = new Map(versions.map((v, i) => [v.number, versions[i + 1]]));
  return (
    <>
      <Link href="/admin/sku-studio" className="text-sm text-accent hover:underline">{t("back")}</Link>
      <PageHeader title={latest.spec.basics.displayName} description={t("detailDescription", { slug: sku.slug, kind: t(`kinds.${sku.kind as "dev-pod" | "app" | "model"}`) })} />
      <div className="flex flex-col gap-6">
        <Card title={t("versions")}>
          <Table caption={t("versions")} headers={[t("versionNumber"), t("state"), t("actions")]}>
            {sku.versions.map((version) => {
              const before = previous.get(version.number);
              const self = versions.find((v) => v.number === version.number)!;
              return (
                <tr key={version.id}>
                  <Cell>
                    {t("version", { number: version.number })}
                    {before && <VersionDiff from={typed(before)} to={typed(self)} />}
                  </Cell>
                  <Cell><Badge tone={version.state === "PUBLISHED" ? "accent" : version.state === "DRAFT" ? "warning" : "neutral"}>{t(`states.${version.state}`)}</Badge></Cell>
                  <Cell><VersionActions skuId={sku.id} versionId={version.id} number={version.number} state={version.state} /></Cell>
                </tr>
              );
            })}
          </Table>
        </Card>
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Card title={t("editorTitle")}>
            {/* The form keeps its state through saves of the same draft; the YAML view shows the saved file. */}
            <EditorTabs
              key={sku.latest.id}
              form={<SpecForm skuId={sku.id} spec={latest.spec} overrides={latest.overrides} clusters={clusters} orgs={orgs} patternMessages={PATTERN_MESSAGE_KEYS.map((key) => ({ value: key, label: tValidation(key) }))} />}
              yaml={<SkuYamlEditor key={editorKey} skuId={sku.id} initial={yaml} />}
            />
          </Card>
          <div className="xl:sticky xl:top-4">
            <Card title={t("preview")}>
              <PreviewPanel
                key={editorKey}
                version={{ id: sku.latest.id, number: sku.latest.number }}
                spec={specForBrowser(latest.spec)}
                overrides={latest.overrides}
                fields={launchFormFields(openSecrets(typed(versions[0]!).spec), latest.overrides)}
                preview={{ ...previewMessages, choices }}
                clusters={clusters}
                sandbox={sandbox}
              />
            </Card>
          </div>
        </div>
        <Card title={t("testLaunches")}><DeploymentList deployments={launches} caption={t("testLaunches")} empty={t("noTestLaunches")} /></Card>
        <Card title={t("sharingTitle")}>
          <SharingForm skuId={sku.id} sharedWithAll={sku.sharedWithAll} orgs={orgs} chosen={[...new Set(shares.map((s) => s.orgId))].map((orgId) => ({ orgId, projectIds: shares.filter((s) => s.orgId === orgId && s.projectId).map((s) => s.projectId) }))} />
        </Card>
      </div>
    </>
  );
}
