import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/layout";

export type PlaceholderKey = "pods" | "models" | "apiKeys" | "usage";

/** An honest empty state for an area whose features are not built yet: what will live here. */
export async function PlaceholderView({ page }: { page: PlaceholderKey }) {
  const t = await getTranslations(`pages.${page}`);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
