"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useServerAction } from "@/lib/client/use-server-action";
import { switchOrganization } from "@/server/actions/session/switch-organization";
import { ThemeSwitch } from "./theme-switch";

type Props = { name: string; email: string; activeOrgId: string | null; orgs: { id: string; name: string }[] };

export function UserMenu({ name, email, activeOrgId, orgs }: Props) {
  const t = useTranslations("shell");
  const switchOrg = useServerAction(switchOrganization, { invalidates: "page" });
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {orgs.length > 1 ? (
        <label className="flex items-center gap-2">
          <span className="text-fg-muted">{t("organization")}</span>
          <select
            className="rounded-md border border-border bg-surface px-2 py-1"
            value={activeOrgId ?? ""}
            disabled={switchOrg.pending}
            onChange={(e) => switchOrg.run({ orgId: e.target.value })}
          >
            {orgs.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        orgs[0] && (
          <span className="text-fg-muted" data-testid="active-org">
            {orgs[0].name}
          </span>
        )
      )}
      <ThemeSwitch />
      <Link href="/profile" className="rounded-md px-2 py-1 hover:bg-surface-muted" title={email}>
        {name}
      </Link>
      <button
        type="button"
        className="rounded-md border border-border px-2 py-1 hover:bg-surface-muted"
        onClick={() => signOut({ callbackUrl: "/signin" })}
      >
        {t("signOut")}
      </button>
    </div>
  );
}
