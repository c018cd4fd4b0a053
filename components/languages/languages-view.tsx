import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { LanguagesPage } from "@/server/services/languages/languages-page";
import { AddLocaleForm, OrgDefaultLocaleSelect, PlatformDefaultLocaleForm } from "./locale-forms";
import { LocalesTable } from "./locales-table";

/** Languages with their coverage; adding one; the platform's and each organization's default. */
export async function LanguagesView({ page }: { page: LanguagesPage }) {
  const t = await getTranslations("admin.languages");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <LocalesTable locales={page.locales} />
        <div className="grid items-start gap-6 md:grid-cols-2">
          <Card title={t("addTitle")}>
            <AddLocaleForm />
          </Card>
          <Card title={t("platformDefaultTitle")}>
            <PlatformDefaultLocaleForm current={page.platformDefault} choices={page.choices} />
          </Card>
        </div>
        <Card title={t("orgDefaultsTitle")}>
          <Table caption={t("orgDefaultsTitle")} headers={[t("organization"), t("defaultLanguage")]}>
            {page.orgs.map((org) => (
              <tr key={org.id}>
                <Cell className="font-medium">{org.name}</Cell>
                <Cell>
                  <OrgDefaultLocaleSelect
                    orgId={org.id}
                    orgName={org.name}
                    current={org.defaultLocale ?? ""}
                    choices={page.choices}
                  />
                </Cell>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
