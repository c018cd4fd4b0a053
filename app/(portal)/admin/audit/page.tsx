import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import type { Changes } from "@/server/services/audit/record-audit";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/server/services/audit/list-audit-events";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.audit"))("title") };
}

const show = (value: unknown) => (value === null || value === undefined ? "∅" : typeof value === "string" ? value : JSON.stringify(value));

type Props = { searchParams: Promise<{ after?: string }> };

/** An event id from the previous page's link; anything else starts from the newest. */
const parseCursor = (value: string | undefined) => (value && /^[a-z0-9]{1,64}$/.test(value) ? value : undefined);

export default async function AuditPage({ searchParams }: Props) {
  await requirePageAccess("platform-admin");
  const after = parseCursor((await searchParams).after);
  const [t, format, events, orgs] = await Promise.all([
    getTranslations("admin.audit"),
    getFormatter(),
    listAuditEvents(db(), { after }),
    db().organization.findMany({ select: { id: true, name: true } }),
  ]);
  const orgName = new Map(orgs.map((org) => [org.id, org.name]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {events.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <Table caption={t("title")} headers={[t("when"), t("actor"), t("organization"), t("action"), t("changes")]}>
          {events.map((event) => (
            <tr key={event.id}>
              <Cell className="whitespace-nowrap">{format.dateTime(event.at, { dateStyle: "medium", timeStyle: "medium" })}</Cell>
              <Cell>{event.actorEmail}</Cell>
              <Cell>{event.orgId ? (orgName.get(event.orgId) ?? event.orgId) : "—"}</Cell>
              <Cell><code>{event.action}</code></Cell>
              <Cell>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                  {Object.entries(event.changes as Changes).map(([field, change]) => (
                    <div key={field} className="contents">
                      <dt className="font-medium">{field}</dt>
                      <dd>{t("change", { from: show(change.from), to: show(change.to) })}</dd>
                    </div>
                  ))}
                </dl>
              </Cell>
            </tr>
          ))}
        </Table>
      )}
      <nav aria-label={t("pages")} className="mt-4 flex gap-4 text-sm">
        {after && <Link href="/admin/audit" className="text-accent hover:underline">{t("newest")}</Link>}
        {events.length === AUDIT_PAGE_SIZE && (
          <Link href={`/admin/audit?after=${events[events.length - 1]!.id}`} className="text-accent hover:underline">{t("older")}</Link>
        )}
      </nav>
    </>
  );
}
