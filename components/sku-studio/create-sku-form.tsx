"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { DOCKER_IMAGE_TEMPLATE as DOCKER, type TemplateId } from "@/lib/skus/templates";
import { createSkuFromTemplate } from "@/server/actions/skus/create-sku-from-template";

/** Start from a template, or from an image reference / `docker run` line; the result is a draft. */
export function CreateSkuForm({ templates }: { templates: TemplateId[] }) {
  const t = useTranslations("skuStudio");
  const router = useRouter();
  const [values, setValues] = useState<{ slug: string; templateId: string; dockerRun: string }>({
    slug: "",
    templateId: templates[0] ?? DOCKER,
    dockerRun: "",
  });
  const create = useServerAction(createSkuFromTemplate, {
    invalidates: [],
    onSuccess: ({ skuId }) => router.push(`/admin/sku-studio/${skuId}`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.run(values.templateId === DOCKER ? values : { slug: values.slug, templateId: values.templateId });
  }

  const choices: (TemplateId | typeof DOCKER)[] = [...templates, DOCKER];
  const options = choices.map((id) => ({ value: id, label: t(`templates.${id}`) }));
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <SelectField
        label={t("template")}
        value={values.templateId}
        options={options}
        onChange={(e) => setValues({ ...values, templateId: e.target.value })}
        error={create.fieldError("templateId")}
      />
      {values.templateId === DOCKER && (
        <TextAreaField
          label={t("dockerRun")}
          hint={t("dockerRunHint")}
          rows={3}
          value={values.dockerRun}
          onChange={(e) => setValues({ ...values, dockerRun: e.target.value })}
          error={create.fieldError("dockerRun")}
        />
      )}
      <TextField
        label={t("slug")}
        hint={t("slugHint")}
        value={values.slug}
        onChange={(e) => setValues({ ...values, slug: e.target.value })}
        error={create.fieldError("slug")}
        autoComplete="off"
      />
      {create.errorMessage && <Alert tone="danger">{create.errorMessage}</Alert>}
      <div>
        <Button type="submit" pending={create.pending}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
