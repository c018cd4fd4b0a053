"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { createOrganization } from "@/server/actions/admin/create-organization";

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function CreateOrganizationForm() {
  const t = useTranslations("admin.orgs");
  const [values, setValues] = useState({ name: "", slug: "" });
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useServerAction(createOrganization, {
    invalidates: "page",
    onSuccess: () => {
      setValues({ name: "", slug: "" });
      setSlugEdited(false);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.run(values);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextField
        label={t("name")}
        value={values.name}
        onChange={(e) => setValues({ name: e.target.value, slug: slugEdited ? values.slug : slugify(e.target.value) })}
        error={create.fieldError("name")}
      />
      <TextField
        label={t("slug")}
        hint={t("slugHint")}
        value={values.slug}
        onChange={(e) => {
          setSlugEdited(true);
          setValues({ ...values, slug: e.target.value });
        }}
        error={create.fieldError("slug")}
      />
      {create.errorMessage && <Alert tone="danger">{create.errorMessage}</Alert>}
      {create.succeeded && <Alert tone="success">{t("created")}</Alert>}
      <div>
        <Button type="submit" pending={create.pending}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
