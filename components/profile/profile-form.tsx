"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { updateProfile } from "@/server/actions/profile/update-profile";

type Props = { name: string; email: string; locale: string; choices: { value: string; label: string }[] };

export function ProfileForm({ name, email, locale, choices }: Props) {
  const t = useTranslations("profile");
  const [values, setValues] = useState({ name, locale });
  const save = useServerAction(updateProfile, {
    invalidates: "page",
    // A new language changes every string on the page: reload it whole.
    onSuccess: (result) => result.locale !== locale && window.location.reload(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.run(values);
  }

  return (
    <form onSubmit={submit} className="flex max-w-md flex-col gap-4" noValidate>
      <TextField label={t("email")} value={email} readOnly disabled />
      <TextField
        label={t("name")}
        value={values.name}
        onChange={(e) => setValues({ ...values, name: e.target.value })}
        error={save.fieldError("name")}
        autoComplete="name"
      />
      <SelectField
        label={t("language")}
        hint={t("languageHint")}
        value={values.locale}
        onChange={(e) => setValues({ ...values, locale: e.target.value })}
        error={save.fieldError("locale")}
        options={[{ value: "", label: t("languageDefault") }, ...choices]}
      />
      {save.errorMessage && <Alert tone="danger">{save.errorMessage}</Alert>}
      {save.succeeded && <Alert tone="success">{t("saved")}</Alert>}
      <div>
        <Button type="submit" pending={save.pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
