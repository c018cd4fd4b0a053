"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/lib/client/use-server-action";
import { ORG_ROLES, type OrgRole } from "@/lib/roles";
import { removeMember } from "@/server/actions/org/remove-member";
import { updateMemberRole } from "@/server/actions/org/update-member-role";

type Props = { membershipId: string; name: string; role: OrgRole; isSelf: boolean; part: "role" | "remove" };

export function MemberControls({ membershipId, name, role, isSelf, part }: Props) {
  const t = useTranslations("org.members");
  const tRoles = useTranslations("roles");
  const update = useServerAction(updateMemberRole, { invalidates: "page" });
  const remove = useServerAction(removeMember, { invalidates: "page" });
  const action = part === "role" ? update : remove;

  return (
    <div className="flex flex-col gap-1">
      {part === "role" ? (
        <select
          aria-label={t("roleFor", { name })}
          className="rounded-md border border-border bg-surface px-2 py-1 text-sm"
          defaultValue={role}
          disabled={update.pending}
          onChange={(e) => update.run({ membershipId, role: e.target.value as OrgRole })}
        >
          {ORG_ROLES.map((option) => (
            <option key={option} value={option}>
              {tRoles(option)}
            </option>
          ))}
        </select>
      ) : (
        <Button
          variant="danger"
          pending={remove.pending}
          aria-label={t("removeNamed", { name })}
          onClick={() =>
            window.confirm(t(isSelf ? "confirmRemoveSelf" : "confirmRemove", { name })) && remove.run({ membershipId })
          }
        >
          {t("remove")}
        </Button>
      )}
      {action.errorMessage && (
        <p role="alert" className="text-xs text-danger">
          {action.errorMessage}
        </p>
      )}
    </div>
  );
}
