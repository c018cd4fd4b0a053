import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { type PlaceholderKey, PlaceholderView } from "@/components/shell/placeholder-view";
import { requirePageAccess } from "@/server/auth/page-access";
import type { Access } from "@/server/authz";

/** A page for an area whose features are not built yet, guarded like the real page will be. */
export function placeholderRoute(page: PlaceholderKey, access: Exclude<Access, "public">) {
  return {
    async generateMetadata(): Promise<Metadata> {
      return { title: (await getTranslations(`pages.${page}`))("title") };
    },
    async Page() {
      await requirePageAccess(access);
      return <PlaceholderView page={page} />;
    },
  };
}
