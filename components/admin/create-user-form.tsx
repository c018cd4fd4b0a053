"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { ORG_ROLES } from "@/lib/roles";
import { createUser } from "@/server/actions/admin/create-user";

/** Creates an account; its one-time password is shown here once and never again. */
export function CreateUserForm({ orgId }: { orgId: string }) {
  const t = useTranslations("admin.users");
  const tRoles = useTranslations("roles");
  const [created, setCreated] = useState<{ email: string; oneTimePassword: string } | null>(null);
  return (
    <ActionForm
      action={createUser}
      fixed={{ orgId }}
      fields={[
        { name: "name", label: t("name"), autoComplete: "off" },
        { name: "email", label: t("email"), type: "email", autoComplete: "off" },
        {
          name: "role",
          label: t("role"),
          options: ORG_ROLES.map((role) => ({ value: role, label: tRoles(role) })),
          initial: "member",
        },
      ]}
      submitLabel={t("create")}
      successMessage={t("created")}
      onSuccess={(data) => setCreated({ email: data.email, oneTimePassword: data.oneTimePassword })}
    >
      {created && (
        <div className="rounded-md border border-border bg-surface-muted p-3 text-sm">
          <p>{t("oneTimePassword", { email: created.email })}</p>
          <p className="mt-2 select-all font-mono text-base" data-testid="one-time-password">
            {created.oneTimePassword}
          </p>
          <p className="mt-2 text-xs text-fg-muted">{t("oneTimePasswordHint")}</p>
        </div>
      )}
    </ActionForm>
  );
}
