import type { Metadata } from "next";
import { OrganizationView } from "@/components/admin/organization-view";
import { pageData, requirePageAccess } from "@/server/auth/page-access";
import { organizationPage } from "@/server/services/organizations/organization-page";

type Props = { params: Promise<{ orgId: string }> };

async function load({ params }: Props) {
  const caller = await requirePageAccess("platform-admin");
  return pageData(organizationPage(caller, (await params).orgId));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await load(props)).org.name };
}

export default async function OrganizationPageRoute(props: Props) {
  return <OrganizationView page={await load(props)} />;
}
