import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AddLocaleForm, OrgDefaultLocaleSelect, PlatformDefaultLocaleForm } from "@/components/languages/locale-forms";
import { LocalesTable } from "@/components/languages/locales-table";
import { Card, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { listLocales } from "@/server/services/languages/list-locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.languages"))("title") };
}

export default async function LanguagesPage() {
  await requirePageAccess("platform-admin");
  const [t, locales, orgs] = await Promise.all([
    getTranslations("admin.languages"),
    listLocales(),
    db().organization.findMany({ where: { kind: "CUSTOMER" }, orderBy: { name: "asc" }, select: { id: true, name: true, defaultLocale: true } }),
  ]);
  const enabled = locales.filter((l) => l.enabled).map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <LocalesTable locales={locales} />
        <div className="grid items-start gap-6 md:grid-cols-2">
          <Card title={t("addTitle")}><AddLocaleForm /></Card>
          <Card title={t("platformDefaultTitle")}>
            <PlatformDefaultLocaleForm current={locales.find((l) => l.isDefault)?.code ?? "en"} choices={enabled} />
          </Card>
        </div>
        <Card title={t("orgDefaultsTitle")}>
          <Table caption={t("orgDefaultsTitle")} headers={[t("organization"), t("defaultLanguage")]}>
            {orgs.map((org) => (
              <tr key={org.id}>
                <Cell className="font-medium">{org.name}</Cell>
                <Cell><OrgDefaultLocaleSelect orgId={org.id} orgName={org.name} current={org.defaultLocale ?? ""} choices={enabled} /></Cell>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
