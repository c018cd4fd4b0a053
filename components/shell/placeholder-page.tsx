import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/layout";
import { requirePageAccess } from "@/server/auth/page-access";
import type { Access } from "@/server/authz";

export type PlaceholderKey = "pods" | "models" | "apiKeys" | "usage";

/**
 * A page for an area whose features are not built yet: guarded like the real page will be,
 * with an honest empty state that says what will live here.
 */
export function placeholderRoute(page: PlaceholderKey, access: Exclude<Access, "public">) {
  return {
    async generateMetadata(): Promise<Metadata> {
      return { title: (await getTranslations(`pages.${page}`))("title") };
    },
    async Page() {
      await requirePageAccess(access);
      const t = await getTranslations(`pages.${page}`);
      return (
        <>
          <PageHeader title={t("title")} description={t("description")} />
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        </>
      );
    },
  };
}
