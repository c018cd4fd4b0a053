"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/lib/client/use-server-action";
import { addLocale } from "@/server/actions/languages/add-locale";
import { setLocaleEnabled } from "@/server/actions/languages/set-locale-enabled";
import { setOrgDefaultLocale } from "@/server/actions/languages/set-org-default-locale";
import { setPlatformDefaultLocale } from "@/server/actions/languages/set-platform-default-locale";

type Choice = { value: string; label: string };

export function AddLocaleForm() {
  const t = useTranslations("admin.languages");
  return (
    <ActionForm
      action={addLocale}
      fields={[{ name: "code", label: t("code"), hint: t("codeHint"), autoComplete: "off" }]}
      submitLabel={t("add")}
      successMessage={t("addedMessage")}
    />
  );
}

export function PlatformDefaultLocaleForm({ current, choices }: { current: string; choices: Choice[] }) {
  const t = useTranslations("admin.languages");
  return (
    <ActionForm
      key={current}
      action={setPlatformDefaultLocale}
      fields={[{ name: "code", label: t("defaultLanguage"), options: choices, initial: current }]}
      submitLabel={t("save")}
      successMessage={t("saved")}
    />
  );
}

export function OrgDefaultLocaleSelect({
  orgId,
  orgName,
  current,
  choices,
}: {
  orgId: string;
  orgName: string;
  current: string;
  choices: Choice[];
}) {
  const t = useTranslations("admin.languages");
  const save = useServerAction(setOrgDefaultLocale, { invalidates: "page" });
  return (
    <div className="flex flex-col gap-1">
      <select
        aria-label={t("defaultFor", { org: orgName })}
        className="rounded-md border border-border bg-surface px-2 py-1 text-sm"
        defaultValue={current}
        disabled={save.pending}
        onChange={(e) => save.run({ orgId, code: e.target.value })}
      >
        <option value="">{t("platformDefault")}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {save.errorMessage && (
        <p role="alert" className="text-xs text-danger">
          {save.errorMessage}
        </p>
      )}
      {save.succeeded && (
        <p role="status" className="text-xs text-success">
          {t("saved")}
        </p>
      )}
    </div>
  );
}

export function LocaleEnabledToggle({
  code,
  name,
  enabled,
  locked,
}: {
  code: string;
  name: string;
  enabled: boolean;
  locked: boolean;
}) {
  const t = useTranslations("admin.languages");
  const toggle = useServerAction(setLocaleEnabled, { invalidates: "page" });
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        role="switch"
        aria-checked={enabled}
        aria-label={t("enabledFor", { name })}
        disabled={locked}
        pending={toggle.pending}
        onClick={() => toggle.run({ code, enabled: !enabled })}
      >
        {enabled ? t("enabled") : t("disabled")}
      </Button>
      {toggle.errorMessage && (
        <p role="alert" className="text-xs text-danger">
          {toggle.errorMessage}
        </p>
      )}
    </div>
  );
}
