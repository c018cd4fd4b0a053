"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

type Props = { name: string; secret: string; onDismiss: () => void };

/** A new token's secret, shown this once: select or copy it, with a plain warning that it will not come back. */
export function OneTimeSecret({ name, secret, onDismiss }: Props) {
  const t = useTranslations("apiTokens");
  const titleId = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copySecret() {
    try {
      // Missing outside secure contexts (plain HTTP on another host): then the field is there to select.
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <section
      aria-labelledby={titleId}
      className="flex flex-col gap-3 rounded-md border border-warning bg-warning-surface p-3 text-sm"
    >
      <h3 id={titleId} className="font-semibold">
        {t("secretTitle", { name })}
      </h3>
      <p>{t("secretWarning")}</p>
      <TextField
        label={t("secretLabel")}
        value={secret}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        className="font-mono text-xs"
        data-testid="api-token-secret"
      />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={copySecret}>
          {t("copy")}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          {t("dismiss")}
        </Button>
      </div>
      <p role="status" className="text-xs">
        {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : null}
      </p>
    </section>
  );
}
