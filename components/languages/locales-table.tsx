import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { LocaleListing } from "@/server/services/languages/list-locales";
import { LocaleEnabledToggle } from "./locale-forms";

export async function LocalesTable({ locales }: { locales: LocaleListing[] }) {
  const [t, format] = await Promise.all([getTranslations("admin.languages"), getFormatter()]);
  return (
    <Table caption={t("title")} headers={[t("language"), t("coverage"), t("overrides"), t("status"), t("actions")]}>
      {locales.map((locale) => (
        <tr key={locale.code}>
          <Cell>
            <span lang={locale.code} dir={locale.dir} className="font-medium">
              {locale.name}
            </span>{" "}
            <code className="text-xs text-fg-muted">{locale.code}</code>{" "}
            {locale.isDefault && <Badge tone="accent">{t("default")}</Badge>}{" "}
            {!locale.shipped && <Badge>{t("added")}</Badge>}
          </Cell>
          <Cell>
            <div className="flex items-center gap-2">
              <progress
                className="h-2 w-24 accent-accent"
                max={100}
                value={locale.coverage}
                aria-label={t("coverageOf", { name: locale.name })}
              />
              <span>{format.number(locale.coverage / 100, { style: "percent" })}</span>
            </div>
          </Cell>
          <Cell>{format.number(locale.overrides)}</Cell>
          <Cell>
            <LocaleEnabledToggle
              code={locale.code}
              name={locale.name}
              enabled={locale.enabled}
              locked={locale.code === "en" || locale.isDefault}
            />
          </Cell>
          <Cell>
            <div className="flex flex-wrap gap-3">
              <Link className="text-accent hover:underline" href={`/admin/languages/${locale.code}`}>
                {t("editTranslations")}
              </Link>
              <a
                className="text-accent hover:underline"
                href={`/api/admin/languages/${locale.code}/export?format=json`}
              >
                {t("exportJson")}
              </a>
              <a
                className="text-accent hover:underline"
                href={`/api/admin/languages/${locale.code}/export?format=xliff`}
              >
                {t("exportXliff")}
              </a>
            </div>
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
