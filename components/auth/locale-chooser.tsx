"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import { useServerAction } from "@/lib/client/use-server-action";
import { chooseLocale } from "@/server/actions/session/choose-locale";

/** Language for this browser before signing in. */
export function LocaleChooser({ current, choices }: { current: string; choices: { value: string; label: string }[] }) {
  const t = useTranslations("auth");
  const choose = useServerAction(chooseLocale, { invalidates: "page" });
  return (
    <SelectField
      label={t("language")}
      value={current}
      options={choices}
      disabled={choose.pending}
      error={choose.errorMessage ?? undefined}
      onChange={(e) => choose.run({ locale: e.target.value })}
    />
  );
}
