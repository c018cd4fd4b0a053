"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { importCatalog } from "@/server/actions/languages/import-catalog";

type Loaded = { name: string; format: "json" | "xliff"; content: string };

/** Upload a catalog, see exactly what would change (dry run), then apply it whole or not at all. */
export function ImportCatalog({ locale }: { locale: string }) {
  const t = useTranslations("admin.translations.import");
  const tValidation = useTranslations("validation");
  const [file, setFile] = useState<Loaded | null>(null);
  const run = useServerAction(importCatalog, { invalidates: "page" });
  const report = run.data;

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    run.reset();
    if (!chosen) return setFile(null);
    setFile({
      name: chosen.name,
      format: /\.(xlf|xliff)$/i.test(chosen.name) ? "xliff" : "json",
      content: await chosen.text(),
    });
  }
  const translate = tValidation as unknown as (key: string, values?: Record<string, string | number>) => string;

  return (
    <div className="flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("file")}
        <input
          type="file"
          accept=".json,.xlf,.xliff,application/json,application/xliff+xml"
          onChange={(e) => void choose(e.currentTarget)}
          className="text-sm font-normal"
        />
        <span className="text-xs font-normal text-fg-muted">{t("fileHint")}</span>
      </label>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          disabled={!file}
          pending={run.pending}
          onClick={() => file && run.run({ locale, format: file.format, content: file.content, dryRun: true })}
        >
          {t("dryRun")}
        </Button>
        <Button
          disabled={!file || !report || report.applied || report.errors.length > 0 || report.changes.length === 0}
          pending={run.pending}
          onClick={() => file && run.run({ locale, format: file.format, content: file.content, dryRun: false })}
        >
          {t("apply")}
        </Button>
      </div>
      {run.fieldError("file") && <Alert tone="danger">{run.fieldError("file")}</Alert>}
      {run.errorMessage && !run.fieldError("file") && <Alert tone="danger">{run.errorMessage}</Alert>}
      {report && (
        <div className="flex flex-col gap-2 text-sm" data-testid="import-report">
          <p role="status">
            {report.applied
              ? t("applied", { changes: report.changes.length })
              : t("summary", {
                  changes: report.changes.length,
                  unchanged: report.unchanged,
                  errors: report.errors.length,
                })}
          </p>
          {report.errors.length > 0 && (
            <ul className="list-disc ps-5 text-danger">
              {report.errors.map((e) => (
                <li key={e.key}>
                  <code>{e.key}</code>: {translate(e.reason, e.values)}
                </li>
              ))}
            </ul>
          )}
          {report.changes.length > 0 && (
            <ul className="list-disc ps-5">
              {report.changes.slice(0, 100).map((c) => (
                <li key={c.key}>
                  <code>{c.key}</code>: {t("change", { from: c.from ?? "∅", to: c.to })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
