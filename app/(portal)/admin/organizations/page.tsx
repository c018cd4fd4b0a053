import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateOrganizationForm } from "@/components/admin/create-organization-form";
import { Badge, Card, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { listOrganizations } from "@/server/services/organizations/list-organizations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.orgs"))("title") };
}

export default async function OrganizationsPage() {
  await requirePageAccess("platform-admin");
  const [t, format, orgs] = await Promise.all([getTranslations("admin.orgs"), getFormatter(), listOrganizations(db())]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <Table caption={t("title")} headers={[t("name"), t("members"), t("projects"), t("gpuQuota"), t("createdAt")]}>
          {orgs.map((org) => (
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
