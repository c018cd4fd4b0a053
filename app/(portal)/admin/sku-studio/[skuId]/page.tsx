import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LaunchPreview } from "@/components/sku-studio/launch-preview";
import { SharingForm } from "@/components/sku-studio/sharing-form";
import { SkuYamlEditor } from "@/components/sku-studio/sku-yaml-editor";
import { VersionActions } from "@/components/sku-studio/version-actions";
import { Badge, Card, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getSku } from "@/server/services/skus/list-skus";
import { exportSkuYaml } from "@/server/services/skus/sku-yaml";

type Params = { params: Promise<{ skuId: string }> };

async function load(skuId: string) {
  try {
    return await getSku(db(), skuId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requirePageAccess("platform-admin");
  return { title: (await load((await params).skuId)).slug };
}

export default async function SkuPage({ params }: Params) {
  await requirePageAccess("platform-admin");
  const { skuId } = await params;
  const [t, sku, yaml, orgs, shares] = await Promise.all([
    getTranslations("skuStudio"),
    load(skuId),
    exportSkuYaml(db(), skuId),
    db().organization.findMany({ where: { kind: "CUSTOMER" }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().skuShare.findMany({ where: { skuId }, select: { orgId: true, projectId: true } }),
  ]);
  const spec = sku.latest.spec as SkuSpec;
  return (
    <>
      <Link href="/admin/sku-studio" className="text-sm text-accent hover:underline">{t("back")}</Link>
      <PageHeader title={spec.basics.displayName} description={t("detailDescription", { slug: sku.slug, kind: t(`kinds.${sku.kind as "dev-pod" | "app" | "model"}`) })} />
      <div className="flex flex-col gap-6">
        <Card title={t("versions")}>
          <Table caption={t("versions")} headers={[t("versionNumber"), t("state"), t("actions")]}>
            {sku.versions.map((version) => (
              <tr key={version.id}>
                <Cell>{t("version", { number: version.number })}</Cell>
                <Cell><Badge tone={version.state === "PUBLISHED" ? "accent" : version.state === "DRAFT" ? "warning" : "neutral"}>{t(`states.${version.state}`)}</Badge></Cell>
                <Cell><VersionActions skuId={sku.id} versionId={version.id} number={version.number} state={version.state} /></Cell>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="grid items-start gap-6 xl:grid-cols-2">
          <Card title={t("editor")}><SkuYamlEditor skuId={sku.id} initial={yaml} /></Card>
          <Card title={t("preview")}><LaunchPreview spec={spec} overrides={sku.latest.overrides as SkuOverride[]} /></Card>
        </div>
        <Card title={t("sharingTitle")}>
          <SharingForm skuId={sku.id} sharedWithAll={sku.sharedWithAll} orgs={orgs} chosen={[...new Set(shares.map((s) => s.orgId))].map((orgId) => ({ orgId, projectIds: shares.filter((s) => s.orgId === orgId && s.projectId).map((s) => s.projectId) }))} />
        </Card>
      </div>
    </>
  );
}
