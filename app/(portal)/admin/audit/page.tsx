import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditView } from "@/components/audit/audit-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { auditPage } from "@/server/services/audit/audit-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.audit"))("title") };
}

type Props = { searchParams: Promise<{ after?: string }> };

export default async function AuditPageRoute({ searchParams }: Props) {
  await requirePageAccess("platform-admin");
  return <AuditView page={await auditPage((await searchParams).after)} />;
}
