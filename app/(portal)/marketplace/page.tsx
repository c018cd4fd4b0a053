import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CatalogCard } from "@/components/marketplace/catalog-card";
import { EmptyState, PageHeader } from "@/components/ui/layout";
import { hourlyPrice } from "@/lib/skus/pricing";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { listCatalog } from "@/server/services/skus/catalog";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("marketplace"))("title") };
}

/** Exactly what is shared with the caller's organization, each with its price for that org. */
export default async function MarketplacePage() {
  const caller = await requirePageAccess("member");
  const [t, catalog] = await Promise.all([getTranslations("marketplace"), listCatalog(db(), caller.org.id)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {catalog.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("title")}>
          {catalog.map((entry) => (
            <li key={entry.skuId}>
              <CatalogCard entry={entry} price={hourlyPrice(entry.spec, {}, caller.org.id)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
