"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/layout";
import type { TranslationRow, TranslationStatus } from "@/server/services/languages/translations";
import { TranslationRowEditor } from "./translation-row-editor";

const FILTERS = ["all", "missing", "overridden", "identical"] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 50;

const matches = (row: TranslationRow, query: string, filter: Filter) =>
  (filter === "all" || row.status === filter) &&
  (!query || [row.key, row.source, row.effective ?? ""].some((text) => text.toLowerCase().includes(query)));

/** Every message of a language beside its English source, searchable and filterable. */
export function TranslationEditor({
  locale,
  dir,
  rows,
}: {
  locale: string;
  dir: "ltr" | "rtl";
  rows: TranslationRow[];
}) {
  const t = useTranslations("admin.translations");
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [shown, setShown] = useState(PAGE_SIZE);
  const visible = useMemo(
    () => rows.filter((row) => matches(row, query.trim().toLowerCase(), filter)),
    [rows, query, filter],
  );

  return (
    <section aria-label={t("editorLabel")} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("search")}
          <input
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setShown(PAGE_SIZE);
            }}
            className="w-72 rounded-md border border-border bg-surface px-3 py-2 font-normal"
          />
        </label>
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">{t("filter")}</legend>
          {FILTERS.map((option) => (
            <label
              key={option}
              className={[
                "flex items-center gap-1 rounded-md border border-border px-2 py-1 text-sm",
                "has-[:checked]:border-accent has-[:checked]:text-accent",
              ].join(" ")}
            >
              <input
                type="radio"
                name="filter"
                value={option}
                checked={filter === option}
                onChange={() => {
                  setFilter(option);
                  setShown(PAGE_SIZE);
                }}
              />
              {t(`filters.${option}`, {
                count: option === "all" ? rows.length : rows.filter((r) => r.status === option).length,
              })}
            </label>
          ))}
        </fieldset>
      </div>
      <p role="status" className="text-sm text-fg-muted">
        {t("showing", { shown: Math.min(shown, visible.length), total: visible.length })}
      </p>
      <ul className="flex flex-col gap-3">
        {visible.slice(0, shown).map((row) => (
          <li key={row.key}>
            <TranslationRowEditor locale={locale} dir={dir} row={row} />
          </li>
        ))}
      </ul>
      {shown < visible.length && (
        <button
          type="button"
          className="self-start text-sm text-accent hover:underline"
          onClick={() => setShown(shown + PAGE_SIZE)}
        >
          {t("showMore")}
        </button>
      )}
    </section>
  );
}

export function StatusBadge({ status }: { status: TranslationStatus }) {
  const t = useTranslations("admin.translations.status");
  return (
    <Badge tone={status === "missing" ? "warning" : status === "overridden" ? "accent" : "neutral"}>{t(status)}</Badge>
  );
}
