import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateSkuForm } from "@/components/sku-studio/create-sku-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import { SKU_TEMPLATES } from "@/lib/skus/templates";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { listSkus } from "@/server/services/skus/list-skus";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("skuStudio"))("title") };
}

export default async function SkuStudioPage() {
  await requirePageAccess("platform-admin");
  const [t, skus] = await Promise.all([getTranslations("skuStudio"), listSkus(db())]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        {skus.length === 0 ? (
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <Table caption={t("title")} headers={[t("sku"), t("kind"), t("published"), t("draft"), t("sharing")]}>
            {skus.map((sku) => {
              const published = sku.versions.find((v) => v.state === "PUBLISHED");
              const draft = sku.versions.find((v) => v.state === "DRAFT");
              return (
                <tr key={sku.id}>
                  <Cell><Link href={`/admin/sku-studio/${sku.id}`} className="font-medium text-accent hover:underline">{sku.slug}</Link></Cell>
                  <Cell>{t(`kinds.${sku.kind as "dev-pod" | "app" | "model"}`)}</Cell>
                  <Cell>{published ? t("version", { number: published.number }) : "—"}</Cell>
                  <Cell>{draft ? <Badge tone="warning">{t("version", { number: draft.number })}</Badge> : "—"}</Cell>
                  <Cell>{sku.sharedWithAll ? t("allOrgs") : t("chosenOrgs")}</Cell>
                </tr>
              );
            })}
          </Table>
        )}
        <Card title={t("createTitle")}>
          <CreateSkuForm templates={SKU_TEMPLATES.map((template) => template.id)} />
        </Card>
      </div>
    </>
  );
}
