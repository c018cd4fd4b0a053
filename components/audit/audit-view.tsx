import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { AuditPage } from "@/server/services/audit/audit-page";

const show = (value: unknown) =>
  value === null || value === undefined ? "∅" : typeof value === "string" ? value : JSON.stringify(value);

/** The audit log, a page at a time: who changed what, where, from what to what. */
export async function AuditView({ page }: { page: AuditPage }) {
  const [t, format] = await Promise.all([getTranslations("admin.audit"), getFormatter()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {page.events.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <Table caption={t("title")} headers={[t("when"), t("actor"), t("organization"), t("action"), t("changes")]}>
          {page.events.map((event) => (
            <tr key={event.id}>
              <Cell className="whitespace-nowrap">
                {format.dateTime(event.at, { dateStyle: "medium", timeStyle: "medium" })}
              </Cell>
              <Cell>{event.actorEmail}</Cell>
              <Cell>{event.orgName ?? "—"}</Cell>
              <Cell>
                <code>{event.action}</code>
              </Cell>
              <Cell>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                  {event.changes.map(([field, change]) => (
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
        {!page.isFirstPage && (
          <Link href="/admin/audit" className="text-accent hover:underline">
            {t("newest")}
          </Link>
        )}
        {page.olderAfter && (
          <Link href={`/admin/audit?after=${page.olderAfter}`} className="text-accent hover:underline">
            {t("older")}
          </Link>
        )}
      </nav>
    </>
  );
}
