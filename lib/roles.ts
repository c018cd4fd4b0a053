// Roles as users and the API see them; the database stores the enum names.
const ROLES = ["platform-admin", "org-admin", "member"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an org admin may hand out inside a customer organization. */
export const ORG_ROLES = ["org-admin", "member"] as const satisfies readonly Role[];
export type OrgRole = (typeof ORG_ROLES)[number];
