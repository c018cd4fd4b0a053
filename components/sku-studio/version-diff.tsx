import { getTranslations } from "next-intl/server";
import { diffOverrides, diffSpecs } from "@/lib/skus/diff";
import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";

type Version = { number: number; spec: SkuSpec; overrides: SkuOverride[] };

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** What changed from one version to the next, field by field (secret values redacted). */
export async function VersionDiff({ from, to }: { from: Version; to: Version }) {
  const t = await getTranslations("skuStudio");
  const changes = [...diffSpecs(from.spec, to.spec), ...diffOverrides(from.overrides, to.overrides)];
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-accent">{t("showChanges", { number: to.number })}</summary>
      {changes.length === 0 ? (
        <p className="mt-1 text-fg-muted">{t("diffNone")}</p>
      ) : (
        <table className="mt-2 w-full border-collapse">
          <caption className="sr-only">{t("diffTitle", { from: from.number, to: to.number })}</caption>
          <thead>
            <tr className="text-start text-fg-muted">
              <th scope="col" className="pe-3 text-start font-medium">{t("diffPath")}</th>
              <th scope="col" className="pe-3 text-start font-medium">{t("diffFrom")}</th>
              <th scope="col" className="text-start font-medium">{t("diffTo")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path} className="border-t border-border align-top">
                <td className="pe-3 font-mono">{change.path}</td>
                <td className="pe-3 font-mono text-danger">{"from" in change ? shown(change.from) : <em>{t("diffAdded")}</em>}</td>
                <td className="font-mono text-accent">{"to" in change ? shown(change.to) : <em>{t("diffRemoved")}</em>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
