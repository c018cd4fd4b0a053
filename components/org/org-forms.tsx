"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { createProject } from "@/server/actions/org/create-project";
import { setProjectQuota } from "@/server/actions/org/set-project-quota";

type Option = { value: string; label: string };

export function CreateProjectForm() {
  const t = useTranslations("org.projects");
  return (
    <ActionForm
      action={createProject}
      fields={[
        { name: "name", label: t("name") },
        { name: "slug", label: t("slug"), hint: t("slugHint") },
      ]}
      submitLabel={t("create")}
      successMessage={t("created")}
    />
  );
}

export function ProjectQuotaForm({ projects, models }: { projects: Option[]; models: Option[] }) {
  const t = useTranslations("org.quotas");
  if (models.length === 0) return <p className="text-sm text-fg-muted">{t("noOrgQuota")}</p>;
  return (
    <ActionForm
      action={setProjectQuota}
      fields={[
        { name: "projectId", label: t("project"), options: projects },
        { name: "gpuModel", label: t("gpuModel"), options: models },
        { name: "maxGpus", label: t("maxGpus"), type: "number", hint: t("projectMaxHint") },
      ]}
      submitLabel={t("set")}
      successMessage={t("saved")}
    />
  );
}
