import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MembersTable } from "@/components/org/members-table";
import { ProjectsCard, QuotaList } from "@/components/org/projects-card";
import { Card, PageHeader } from "@/components/ui/layout";
import type { OrganizationPage } from "@/server/services/organizations/organization-page";
import { CreateUserForm } from "./create-user-form";
import { AddMemberForm, OrgQuotaForm, SandboxQuotaForm } from "./org-admin-forms";

/** One organization as the provider manages it: members, accounts, quota (the sandbox's, for the provider). */
export async function OrganizationView({ page }: { page: OrganizationPage }) {
  const t = await getTranslations("admin.orgs");
  const { org } = page;
  const customer = org.kind === "CUSTOMER";
  return (
    <>
      <Link href="/admin/organizations" className="text-sm text-accent hover:underline">
        {t("back")}
      </Link>
      <PageHeader title={org.name} description={t("detailDescription", { slug: org.slug })} />
      <div className="flex flex-col gap-6">
        <Card title={t("membersTitle")}>
          <MembersTable members={org.members} editable={false} selfUserId={page.selfUserId} />
          {customer && (
            <div className="mt-6 grid gap-6 md:grid-cols-2">
              <Card title={t("createUserTitle")}>
                <CreateUserForm orgId={org.id} />
              </Card>
              <Card title={t("addMemberTitle")}>
                <AddMemberForm orgId={org.id} />
              </Card>
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
