import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { SkuListPage } from "@/server/services/skus/sku-list-page";
import { CreateSkuForm } from "./create-sku-form";

/** The SKU Studio's list of SKUs, and creating one from a template or an image. */
export async function SkuListView({ page }: { page: SkuListPage }) {
  const t = await getTranslations("skuStudio");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        {page.skus.length === 0 ? (
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <Table caption={t("title")} headers={[t("sku"), t("kind"), t("published"), t("draft"), t("sharing")]}>
            {page.skus.map((sku) => (
              <tr key={sku.id}>
                <Cell>
                  <Link href={`/admin/sku-studio/${sku.id}`} className="font-medium text-accent hover:underline">
                    {sku.slug}
                  </Link>
                </Cell>
                <Cell>{t(`kinds.${sku.kind as "dev-pod" | "app" | "model"}`)}</Cell>
                <Cell>{sku.published === null ? "—" : t("version", { number: sku.published })}</Cell>
                <Cell>
                  {sku.draft === null ? "—" : <Badge tone="warning">{t("version", { number: sku.draft })}</Badge>}
                </Cell>
                <Cell>{sku.sharedWithAll ? t("allOrgs") : t("chosenOrgs")}</Cell>
              </tr>
            ))}
          </Table>
        )}
        <Card title={t("createTitle")}>
          <CreateSkuForm templates={page.templates} />
        </Card>
      </div>
    </>
  );
}
