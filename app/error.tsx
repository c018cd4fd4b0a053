"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A failure while rendering: a translated message and a retry; internals stay in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.pages");
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p className="max-w-md text-fg-muted">{t("errorBody")}</p>
      {error.digest && <p className="text-xs text-fg-muted">{t("reference", { reference: error.digest })}</p>}
      <Button onClick={reset}>{t("retry")}</Button>
    </main>
  );
}
