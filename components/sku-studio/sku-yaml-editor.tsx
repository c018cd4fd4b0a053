"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { useValidationMessage } from "@/lib/client/use-validation-message";
import { saveSkuYaml } from "@/server/actions/skus/save-sku-yaml";
import { useReportUnsaved } from "./unsaved";

/**
 * The SKU as its YAML file: saving checks it with the same validator as the API and import,
 * and a published version is never changed (saving makes or updates the draft).
 */
export function SkuYamlEditor({ skuId, initial }: { skuId: string; initial: string }) {
  const t = useTranslations("skuStudio");
  const [yaml, setYaml] = useState(initial);
  const save = useServerAction(saveSkuYaml, { invalidates: "page" });
  const problems = save.data?.problems ?? [];
  useReportUnsaved("yaml", yaml !== initial && !(save.succeeded && problems.length === 0));
  const translate = useValidationMessage();
  return (
    <div className="flex flex-col gap-3">
      <label htmlFor="sku-yaml" className="sr-only">
        {t("editor")}
      </label>
      <textarea
        id="sku-yaml"
        value={yaml}
        onChange={(e) => setYaml(e.target.value)}
        rows={24}
        spellCheck={false}
        className="rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs"
        aria-describedby="sku-yaml-hint"
        aria-invalid={problems.length > 0 || undefined}
      />
      <p id="sku-yaml-hint" className="text-xs text-fg-muted">
        {t("editorHint")}
      </p>
      {problems.length > 0 && (
        <div role="alert">
          <ul className="list-disc ps-5 text-sm text-danger">
            {problems.map((p) => (
              <li key={`${p.path}-${p.line}`}>
                {t("problem", { line: p.line, path: p.path || "—", message: translate(p.key, p.values) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {save.errorMessage && <Alert tone="danger">{save.fieldError("yaml") ?? save.errorMessage}</Alert>}
      {save.succeeded && problems.length === 0 && <Alert tone="success">{t("saved")}</Alert>}
      <div>
        <Button pending={save.pending} onClick={() => save.run({ skuId, yaml })}>
          {t("saveDraft")}
        </Button>
      </div>
    </div>
  );
}
