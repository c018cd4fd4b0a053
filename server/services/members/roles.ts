import type { OrgRole } from "@/lib/roles";
import type { MemberRole } from "@/server/db/generated/enums";

export const memberRoleOf = (role: OrgRole): MemberRole => (role === "org-admin" ? "ORG_ADMIN" : "MEMBER");
