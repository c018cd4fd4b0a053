import { getTranslations } from "next-intl/server";
import type { FieldChange } from "@/lib/skus/diff";

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** What changed from one version to the next, field by field (secret values redacted). */
export async function VersionDiff({ from, to, fields: changes }: { from: number; to: number; fields: FieldChange[] }) {
  const t = await getTranslations("skuStudio");
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-accent">{t("showChanges", { number: to })}</summary>
      {changes.length === 0 ? (
        <p className="mt-1 text-fg-muted">{t("diffNone")}</p>
      ) : (
        <table className="mt-2 w-full border-collapse">
          <caption className="sr-only">{t("diffTitle", { from, to })}</caption>
          <thead>
            <tr className="text-start text-fg-muted">
              <th scope="col" className="pe-3 text-start font-medium">
                {t("diffPath")}
              </th>
              <th scope="col" className="pe-3 text-start font-medium">
                {t("diffFrom")}
              </th>
              <th scope="col" className="text-start font-medium">
                {t("diffTo")}
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path} className="border-t border-border align-top">
                <td className="pe-3 font-mono">{change.path}</td>
                <td className="pe-3 font-mono text-danger">
                  {"from" in change ? shown(change.from) : <em>{t("diffAdded")}</em>}
                </td>
                <td className="font-mono text-accent">
                  {"to" in change ? shown(change.to) : <em>{t("diffRemoved")}</em>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
