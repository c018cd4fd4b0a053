import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganizationsView } from "@/components/admin/organizations-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { organizationsPage } from "@/server/services/organizations/organizations-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.orgs"))("title") };
}

export default async function OrganizationsPageRoute() {
  await requirePageAccess("platform-admin");
  return <OrganizationsView page={await organizationsPage()} />;
}
