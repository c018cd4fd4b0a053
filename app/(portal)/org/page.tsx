import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrgView } from "@/components/org/org-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { ownOrganizationPage } from "@/server/services/organizations/organization-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("org"))("title") };
}

export default async function OrgPage() {
  return <OrgView page={await ownOrganizationPage(await requirePageAccess("org-admin"))} />;
}
