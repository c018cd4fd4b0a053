import type { OrgRole } from "@/lib/roles";
import { generatePassword, hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import type { Membership, User } from "@/server/db/generated/client";
import type { Actor } from "@/server/services/audit/record-audit";
import { addMember } from "@/server/services/members/add-member";
import { createUser } from "@/server/services/members/create-user";
import { platformAdminOf } from "../support/actors";
import { uniqueTag } from "./unique";

export type SeedUserOptions = {
  /** The customer organization the account joins; without one, an account with no membership. */
  org?: { id: string };
  /** Default "member". */
  role?: OrgRole;
  /** Default a unique example.com address. */
  email?: string;
  name?: string;
  /** false: an account without a password (it could sign in only by SSO); skips scrypt's half second. */
  password?: boolean;
  disabled?: boolean;
  /** Who creates the account, for the audit trail; default the demo platform admin. */
  as?: Actor;
};

/** The account, its membership (if it joined an org) and its one-time password (if it has one). */
export type SeededUser = { user: User; membership: Membership | null; password: string | null };

type NewAccount = { email: string; name: string; role: OrgRole; org?: { id: string }; password: boolean };

/**
 * createUser when the account joins an org with a password, as an admin makes one. No service makes
 * an account without an org or a password: that row is inserted, and joins its org through addMember.
 */
async function createAccount(db: Db, actor: Actor, account: NewAccount) {
  const { org, email, name, role } = account;
  if (org && account.password) {
    const created = await createUser(db, actor, { orgId: org.id, email, name, role });
    return { userId: created.userId, password: created.oneTimePassword };
  }
  const password = account.password ? generatePassword() : null;
  const passwordHash = password === null ? null : await hashPassword(password);
  const user = await db.user.create({ data: { email, name, passwordHash } });
  if (org) await addMember(db, actor, { orgId: org.id, email, role });
  return { userId: user.id, password };
}

/** An account as an admin would make it; SeedUserOptions says what each option defaults to. */
export async function seedUser(db: Db, options: SeedUserOptions = {}): Promise<SeededUser> {
  const tag = uniqueTag();
  const role = options.role ?? "member";
  const account = {
    email: options.email ?? `${role}-${tag}@example.com`,
    name: options.name ?? `${role} ${tag}`,
    role,
    org: options.org,
    password: options.password ?? true,
  };
  const { userId, password } = await createAccount(db, options.as ?? (await platformAdminOf(db)), account);
  // No service disables an account yet.
  if (options.disabled) await db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { user, membership: await db.membership.findFirst({ where: { userId } }), password };
}
