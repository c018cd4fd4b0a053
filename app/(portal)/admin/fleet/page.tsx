import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FleetView } from "@/components/fleet/fleet-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { fleetPage } from "@/server/services/clusters/fleet-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.fleet"))("title") };
}

export default async function FleetPageRoute() {
  await requirePageAccess("platform-admin");
  return <FleetView page={await fleetPage()} />;
}
