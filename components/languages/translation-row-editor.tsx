"use client";

import { IntlMessageFormat } from "intl-messageformat";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/lib/client/use-server-action";
import { revertOverride } from "@/server/actions/languages/revert-override";
import { saveOverride } from "@/server/actions/languages/save-override";
import type { TranslationRow } from "@/server/services/languages/translations";
import { StatusBadge } from "./translation-editor";

const SAMPLE_VALUES: Record<string, string | number> = {
  count: 3,
  limit: 8,
  name: "Alex Doe",
  email: "alex@example.com",
  org: "Acme AI",
  model: "H100-80GB",
  provider: "SSO",
  reference: "1a2b3c4d",
  slug: "acme",
  from: "4",
  to: "8",
  shown: 50,
  total: 120,
  expected: "{name}",
  line: 12,
  key: "nav.items.pods",
};

/** The message as users would read it, with sample values; rendered as text, never HTML. */
function preview(message: string, locale: string): string | null {
  try {
    const formatted = new IntlMessageFormat(message, locale).format(SAMPLE_VALUES);
    return Array.isArray(formatted) ? formatted.join("") : String(formatted);
  } catch {
    return null;
  }
}

export function TranslationRowEditor({
  locale,
  dir,
  row,
}: {
  locale: string;
  dir: "ltr" | "rtl";
  row: TranslationRow;
}) {
  const t = useTranslations("admin.translations");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(row.effective ?? row.source);
  const save = useServerAction(saveOverride, { invalidates: "page", onSuccess: () => setEditing(false) });
  const revert = useServerAction(revertOverride, { invalidates: "page" });
  const rendered = preview(draft, locale);
  const placeText = row.place.kind === "page" ? row.place.path : t(`places.${row.place.kind}`);

  return (
    <article className="rounded-lg border border-border bg-surface p-4" aria-label={row.key}>
      <header className="mb-2 flex flex-wrap items-center gap-2 text-xs">
        <code className="font-semibold">{row.key}</code>
        <StatusBadge status={row.status} />
        <span className="text-fg-muted">{t("appearsOn", { place: placeText })}</span>
      </header>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <p className="text-xs font-medium text-fg-muted">{t("source")}</p>
          <p lang="en" dir="ltr" className="whitespace-pre-wrap text-sm">
            {row.source}
          </p>
        </div>
        <div>
          <p className="text-xs font-medium text-fg-muted">{t("translation")}</p>
          {!editing ? (
            <p lang={locale} dir={dir} className="whitespace-pre-wrap text-sm">
              {row.effective ?? <em className="text-fg-muted">{t("missingText")}</em>}
            </p>
          ) : (
            <div className="flex flex-col gap-2">
              <textarea
                aria-label={t("translationOf", { key: row.key })}
                lang={locale}
                dir={dir}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                rows={Math.min(6, Math.max(2, Math.ceil(draft.length / 60)))}
                className="rounded-md border border-border bg-surface px-2 py-1 text-sm"
                aria-invalid={!!save.fieldError("message") || undefined}
              />
              {save.fieldError("message") && (
                <p role="alert" className="text-xs text-danger">
                  {save.fieldError("message")}
                </p>
              )}
              <p className="text-xs text-fg-muted">
                {t("preview")}:{" "}
                <span lang={locale} dir={dir} data-testid="translation-preview">
                  {rendered ?? t("previewInvalid")}
                </span>
              </p>
            </div>
          )}
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        {editing ? (
          <>
            <Button pending={save.pending} onClick={() => save.run({ locale, key: row.key, message: draft })}>
              {t("save")}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setEditing(false);
                setDraft(row.effective ?? row.source);
                save.reset();
              }}
            >
              {t("cancel")}
            </Button>
          </>
        ) : (
          <Button variant="secondary" aria-label={t("editNamed", { key: row.key })} onClick={() => setEditing(true)}>
            {t("edit")}
          </Button>
        )}
        {row.override !== null && !editing && (
          <Button
            variant="ghost"
            pending={revert.pending}
            aria-label={t("revertNamed", { key: row.key })}
            onClick={() => revert.run({ locale, key: row.key })}
          >
            {t("revert")}
          </Button>
        )}
      </div>
      {save.errorMessage && !save.fieldError("message") && (
        <p role="alert" className="mt-2 text-xs text-danger">
          {save.errorMessage}
        </p>
      )}
      {revert.errorMessage && (
        <p role="alert" className="mt-2 text-xs text-danger">
          {revert.errorMessage}
        </p>
      )}
    </article>
  );
}
