import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateProjectForm, ProjectQuotaForm } from "@/components/org/org-forms";
import { MembersTable } from "@/components/org/members-table";
import { ProjectsCard, QuotaList } from "@/components/org/projects-card";
import { Card, PageHeader } from "@/components/ui/layout";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { getOrganization } from "@/server/services/organizations/get-organization";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("org"))("title") };
}

/** The org admin's view of their own organization; the org is the caller's, from the server. */
export default async function OrgPage() {
  const caller = await requirePageAccess("org-admin");
  const [org, t] = await Promise.all([getOrganization(db(), caller.org.id), getTranslations("org")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { org: org.name })} />
      <div className="flex flex-col gap-6">
        <Card title={t("members.title")}>
          <MembersTable members={org.members} editable selfUserId={caller.userId} />
        </Card>
        <Card title={t("quotas.title")}>
          <QuotaList quotas={org.quotas} />
        </Card>
        <ProjectsCard org={org}>
          <Card title={t("projects.createTitle")}><CreateProjectForm /></Card>
          {org.projects.length > 0 && (
            <Card title={t("projects.quotaTitle")}>
              <ProjectQuotaForm
                projects={org.projects.map((p) => ({ value: p.id, label: p.name }))}
                models={org.quotas.map((q) => ({ value: q.gpuModel, label: q.gpuModel }))}
              />
            </Card>
          )}
        </ProjectsCard>
      </div>
    </>
  );
}
