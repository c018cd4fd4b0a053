import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { OrganizationsPage } from "@/server/services/organizations/organizations-page";
import { CreateOrganizationForm } from "./create-organization-form";

/** The provider's list of organizations, and creating one. */
export async function OrganizationsView({ page }: { page: OrganizationsPage }) {
  const [t, format] = await Promise.all([getTranslations("admin.orgs"), getFormatter()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <Table caption={t("title")} headers={[t("name"), t("members"), t("projects"), t("gpuQuota"), t("createdAt")]}>
          {page.orgs.map((org) => (
            <tr key={org.id}>
              <Cell>
                <Link href={`/admin/organizations/${org.id}`} className="font-medium text-accent hover:underline">
                  {org.name}
                </Link>{" "}
                {org.kind === "PROVIDER" && <Badge tone="accent">{t("provider")}</Badge>}
              </Cell>
              <Cell>{format.number(org.members)}</Cell>
              <Cell>{format.number(org.projects)}</Cell>
              <Cell>{t("gpus", { count: org.gpuQuota })}</Cell>
              <Cell>{format.dateTime(org.createdAt, { dateStyle: "medium" })}</Cell>
            </tr>
          ))}
        </Table>
        <Card title={t("createTitle")}>
          <CreateOrganizationForm />
        </Card>
      </div>
    </>
  );
}
