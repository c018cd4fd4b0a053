import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/layout";
import type { OrganizationPage } from "@/server/services/organizations/organization-page";
import { MembersTable } from "./members-table";
import { CreateProjectForm, ProjectQuotaForm } from "./org-forms";
import { ProjectsCard, QuotaList } from "./projects-card";

/** The org admin's view of their own organization: members, quotas, projects. */
export async function OrgView({ page }: { page: OrganizationPage }) {
  const t = await getTranslations("org");
  const { org } = page;
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { org: org.name })} />
      <div className="flex flex-col gap-6">
        <Card title={t("members.title")}>
          <MembersTable members={org.members} editable selfUserId={page.selfUserId} />
        </Card>
        <Card title={t("quotas.title")}>
          <QuotaList quotas={org.quotas} />
        </Card>
        <ProjectsCard org={org}>
          <Card title={t("projects.createTitle")}>
            <CreateProjectForm />
          </Card>
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
