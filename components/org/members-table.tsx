import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, Table } from "@/components/ui/table";
import type { OrganizationDetail } from "@/server/services/organizations/get-organization";
import { MemberControls } from "./member-controls";

/** Members of an organization; org admins get role and removal controls. */
export async function MembersTable({
  members,
  editable,
  selfUserId,
}: {
  members: OrganizationDetail["members"];
  editable: boolean;
  selfUserId: string;
}) {
  const [t, tRoles, format] = await Promise.all([
    getTranslations("org.members"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  const controlsOf = (member: OrganizationDetail["members"][number]) => ({
    membershipId: member.membershipId,
    name: member.name,
    role: member.role === "org-admin" ? ("org-admin" as const) : ("member" as const),
    isSelf: member.userId === selfUserId,
  });
  const headers = [t("name"), t("email"), t("role"), t("since"), ...(editable ? [t("actions")] : [])];
  return (
    <Table caption={t("title")} headers={headers}>
      {members.map((member) => (
        <tr key={member.membershipId}>
          <Cell className="font-medium">{member.name}</Cell>
          <Cell>{member.email}</Cell>
          <Cell>{editable ? <MemberControls {...controlsOf(member)} part="role" /> : tRoles(member.role)}</Cell>
          <Cell>{format.dateTime(member.since, { dateStyle: "medium" })}</Cell>
          {editable && (
            <Cell>
              <MemberControls {...controlsOf(member)} part="remove" />
            </Cell>
          )}
        </tr>
      ))}
    </Table>
  );
}
