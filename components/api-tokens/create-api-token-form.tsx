"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import type { Role } from "@/lib/roles";
import { API_TOKEN_EXPIRY_CHOICES } from "@/lib/validation/api-tokens";
import { createApiToken } from "@/server/actions/api-tokens/create-api-token";
import { OneTimeSecret } from "./one-time-secret";

type Props = { scopes: { value: Role; label: string }[] };

/** Creates a token with the scopes the server says the caller may grant; its secret is shown here once. */
export function CreateApiTokenForm({ scopes }: Props) {
  const t = useTranslations("apiTokens");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <ActionForm
      action={createApiToken}
      fields={[
        { name: "name", label: t("name"), hint: t("nameHint"), autoComplete: "off" },
        {
          name: "expiresInDays",
          label: t("expiry"),
          options: API_TOKEN_EXPIRY_CHOICES.map((days) => ({ value: String(days), label: t("expiryDays", { days }) })),
          initial: "30",
        },
        // The narrowest scope first: what a token gets unless its creator asks for more.
        { name: "scope", label: t("scope"), hint: t("scopeHint"), options: scopes, initial: scopes.at(-1)?.value },
      ]}
      submitLabel={t("create")}
      successMessage={t("created")}
      onSuccess={(data) => setCreated({ name: data.name, secret: data.secret })}
    >
      {created && <OneTimeSecret {...created} onDismiss={() => setCreated(null)} />}
    </ActionForm>
  );
}
