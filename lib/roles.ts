// Roles as users and the API see them; the database stores the enum names.
export const ROLES = ["platform-admin", "org-admin", "member"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an org admin may hand out inside a customer organization. */
export const ORG_ROLES = ["org-admin", "member"] as const satisfies readonly Role[];
export type OrgRole = (typeof ORG_ROLES)[number];

const RANK: Record<Role, number> = { member: 0, "org-admin": 1, "platform-admin": 2 };

/** The narrower of two roles: what a caller may do when two grants both apply (an API token and its owner). */
export const lowerRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

/** Whether `role` grants nothing beyond `limit`. */
export const isWithin = (role: Role, limit: Role): boolean => RANK[role] <= RANK[limit];
