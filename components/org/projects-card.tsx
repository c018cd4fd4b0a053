import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { OrganizationDetail } from "@/server/services/organizations/get-organization";

/** Projects with their GPU quotas; `children` holds the admin's forms, if any. */
export async function ProjectsCard({ org, children }: { org: OrganizationDetail; children?: React.ReactNode }) {
  const t = await getTranslations("org.projects");
  return (
    <Card title={t("title")}>
      {org.projects.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <Table caption={t("title")} headers={[t("name"), t("slug"), t("quotas")]}>
          {org.projects.map((project) => (
            <tr key={project.id}>
              <Cell className="font-medium">{project.name}</Cell>
              <Cell>
                <code>{project.slug}</code>
              </Cell>
              <Cell>
                {project.quotas.length === 0
                  ? t("noQuota")
                  : project.quotas.map((q) => t("quotaEntry", { model: q.gpuModel, count: q.maxGpus })).join(", ")}
              </Cell>
            </tr>
          ))}
        </Table>
      )}
      {children && <div className="mt-6 grid gap-6 md:grid-cols-2">{children}</div>}
    </Card>
  );
}

export async function QuotaList({ quotas }: { quotas: OrganizationDetail["quotas"] }) {
  const t = await getTranslations("org.quotas");
  if (quotas.length === 0) return <p className="text-sm text-fg-muted">{t("none")}</p>;
  return (
    <ul className="flex flex-wrap gap-2">
      {quotas.map((q) => (
        <li key={q.gpuModel} className="rounded-md border border-border px-3 py-1 text-sm">
          {t("entry", { model: q.gpuModel, count: q.maxGpus })}
        </li>
      ))}
    </ul>
  );
}
