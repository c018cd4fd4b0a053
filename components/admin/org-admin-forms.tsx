"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormFieldSpec } from "@/components/ui/action-form";
import { ORG_ROLES } from "@/lib/roles";
import { addMember } from "@/server/actions/admin/add-member";
import { setOrgQuota } from "@/server/actions/admin/set-org-quota";
import { setSandboxQuota } from "@/server/actions/admin/set-sandbox-quota";

export function AddMemberForm({ orgId }: { orgId: string }) {
  const t = useTranslations("admin.members");
  const tRoles = useTranslations("roles");
  return (
    <ActionForm
      action={addMember}
      fixed={{ orgId }}
      fields={[
        { name: "email", label: t("email"), type: "email", hint: t("emailHint") },
        {
          name: "role",
          label: t("role"),
          options: ORG_ROLES.map((role) => ({ value: role, label: tRoles(role) })),
          initial: "member",
        },
      ]}
      submitLabel={t("add")}
      successMessage={t("added")}
    />
  );
}

/** A GPU model and how many of it: the fields of every quota form here. */
const quotaFields = (t: ReturnType<typeof useTranslations<"org.quotas">>): FormFieldSpec[] => [
  { name: "gpuModel", label: t("gpuModel"), hint: t("gpuModelHint") },
  { name: "maxGpus", label: t("maxGpus"), type: "number", hint: t("maxGpusHint") },
];

export function OrgQuotaForm({ orgId }: { orgId: string }) {
  const t = useTranslations("org.quotas");
  return (
    <ActionForm
      action={setOrgQuota}
      fixed={{ orgId }}
      fields={quotaFields(t)}
      submitLabel={t("set")}
      successMessage={t("saved")}
    />
  );
}

/** The provider's own quota: what SKU Studio's test launches may hold in the sandbox project. */
export function SandboxQuotaForm() {
  const t = useTranslations("org.quotas");
  return (
    <ActionForm action={setSandboxQuota} fields={quotaFields(t)} submitLabel={t("set")} successMessage={t("saved")} />
  );
}
