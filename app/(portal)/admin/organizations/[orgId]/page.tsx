import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AddMemberForm, OrgQuotaForm, SandboxQuotaForm } from "@/components/admin/org-admin-forms";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { MembersTable } from "@/components/org/members-table";
import { ProjectsCard, QuotaList } from "@/components/org/projects-card";
import { Card, PageHeader } from "@/components/ui/layout";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getOrganization } from "@/server/services/organizations/get-organization";
import { notFound } from "next/navigation";

type Params = { params: Promise<{ orgId: string }> };

async function load(orgId: string) {
  try {
    return await getOrganization(db(), orgId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requirePageAccess("platform-admin");
  return { title: (await load((await params).orgId)).name };
}

export default async function OrganizationPage({ params }: Params) {
  const caller = await requirePageAccess("platform-admin");
  const [org, t] = await Promise.all([load((await params).orgId), getTranslations("admin.orgs")]);
  const customer = org.kind === "CUSTOMER";
  return (
    <>
      <Link href="/admin/organizations" className="text-sm text-accent hover:underline">{t("back")}</Link>
      <PageHeader title={org.name} description={t("detailDescription", { slug: org.slug })} />
      <div className="flex flex-col gap-6">
        <Card title={t("membersTitle")}>
          <MembersTable members={org.members} editable={false} selfUserId={caller.userId} />
          {customer && (
            <div className="mt-6 grid gap-6 md:grid-cols-2">
              <Card title={t("createUserTitle")}><CreateUserForm orgId={org.id} /></Card>
              <Card title={t("addMemberTitle")}><AddMemberForm orgId={org.id} /></Card>
            </div>
          )}
        </Card>
        <Card title={customer ? t("quotaTitle") : t("sandboxQuotaTitle")}>
          {!customer && <p className="mb-4 text-sm text-fg-muted">{t("sandboxQuotaHint")}</p>}
          <QuotaList quotas={org.quotas} />
          <div className="mt-4 max-w-sm">{customer ? <OrgQuotaForm orgId={org.id} /> : <SandboxQuotaForm />}</div>
        </Card>
        <ProjectsCard org={org} />
      </div>
    </>
  );
}
