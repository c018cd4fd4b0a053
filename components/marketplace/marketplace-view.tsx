import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/layout";
import type { MarketplacePage } from "@/server/services/skus/marketplace-page";
import { CatalogCard } from "./catalog-card";

/** The organization's catalog: a card per launchable SKU. */
export async function MarketplaceView({ page }: { page: MarketplacePage }) {
  const t = await getTranslations("marketplace");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {page.cards.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("title")}>
          {page.cards.map(({ entry, price }) => (
            <li key={entry.skuId}>
              <CatalogCard entry={entry} price={price} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
