import { getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import type { ApiTokensPage } from "@/server/services/api-tokens/api-tokens-page";
import { ApiTokensTable } from "./api-tokens-table";
import { CreateApiTokenForm } from "./create-api-token-form";

/** The caller's API tokens (their org's, for its admins), and creating one. */
export async function ApiTokensView({ page }: { page: ApiTokensPage }) {
  const [t, tRoles] = await Promise.all([getTranslations("apiTokens"), getTranslations("roles")]);
  const listTitle = page.manages ? t("listTitleManaged", { org: page.orgName }) : t("listTitle");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { org: page.orgName })} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-label={listTitle} className="flex min-w-0 flex-col gap-3">
          <h2 className="text-base font-semibold">{listTitle}</h2>
          {page.tokens.length === 0 ? (
            <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
          ) : (
            <ApiTokensTable caption={listTitle} tokens={page.tokens} />
          )}
        </section>
        <Card title={t("createTitle")}>
          <CreateApiTokenForm scopes={page.scopes.map((scope) => ({ value: scope, label: tRoles(scope) }))} />
          <p className="mt-4 text-xs text-fg-muted">{t("usageLabel")}</p>
          <pre className="mt-1 whitespace-pre-wrap break-all rounded-md bg-surface-muted p-2 text-xs">
            <code>{t("usageExample", { apiUrl: page.apiUrl })}</code>
          </pre>
        </Card>
      </div>
    </>
  );
}
