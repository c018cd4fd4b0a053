// server/services/members/*: creating accounts, adding members, changing roles and removing
// members, each audited exactly once, on PostgreSQL and on PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { verifyPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/services/audit/record-audit";
import { signInWithPassword } from "@/server/services/auth/sign-in";
import { addMember } from "@/server/services/members/add-member";
import { removeMember, updateMemberRole } from "@/server/services/members/change-member";
import { createUser } from "@/server/services/members/create-user";
import { seedOrg, uniqueTag } from "../builders";
import { appErrorOf } from "../support/app-errors";
import { DATABASE_TARGETS, openTarget, type SeededTarget } from "../support/database-targets";

const { bob, grace } = DEMO_ACCOUNTS;

describe.each(DATABASE_TARGETS)("members on $name", ({ open }) => {
  let target: SeededTarget;
  let db: Db;
  let actor: Actor;

  beforeAll(async () => ({ target, db, actor } = await openTarget(open)));
  afterAll(() => target?.close());

  /** A new customer org with its own admins and members (accounts without passwords: none signs in). */
  const freshOrg = (admins: number, members: number) => seedOrg(db, { admins, members, passwords: false });

  const auditCount = () => db.auditEvent.count();
  const adminCount = (orgId: string) => db.membership.count({ where: { orgId, role: "ORG_ADMIN" } });

  describe("createUser", () => {
    it("creates the account and membership, returning a one-time password that matches the stored hash", async () => {
      const { org, auditsAfterSetup } = await freshOrg(1, 0);
      const email = `new-${uniqueTag()}@example.com`;
      const before = await auditCount();
      const result = await createUser(db, actor, { orgId: org.id, email, name: "New Person", role: "member" });
      expect(result.email).toBe(email);
      expect(result.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{5}(-[A-Za-z0-9_-]{5}){3}$/);

      const user = await db.user.findUniqueOrThrow({ where: { id: result.userId }, include: { memberships: true } });
      expect(user.passwordHash).not.toContain(result.oneTimePassword);
      expect(await verifyPassword(result.oneTimePassword, user.passwordHash!)).toBe(true);
      expect(await verifyPassword(`${result.oneTimePassword}x`, user.passwordHash!)).toBe(false);
      expect(user.memberships.map((m) => [m.orgId, m.role])).toEqual([[org.id, "MEMBER"]]);
      await expect(signInWithPassword(db, { email, password: result.oneTimePassword, ip: null })).resolves.toEqual({
        userId: user.id,
      });

      expect(await auditCount()).toBe(before + 1);
      const [event] = await auditsAfterSetup();
      expect(event).toMatchObject({
        actorId: actor.userId,
        actorEmail: actor.email,
        orgId: org.id,
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        changes: {
          email: { from: null, to: email },
          name: { from: null, to: "New Person" },
          role: { from: null, to: "member" },
        },
      });
    });

    it("gives every account its own one-time password", async () => {
      const { org } = await freshOrg(1, 0);
      const a = await createUser(db, actor, {
        orgId: org.id,
        email: `a-${uniqueTag()}@example.com`,
        name: "A",
        role: "org-admin",
      });
      const b = await createUser(db, actor, {
        orgId: org.id,
        email: `b-${uniqueTag()}@example.com`,
        name: "B",
        role: "member",
      });
      expect(a.oneTimePassword).not.toBe(b.oneTimePassword);
      expect((await db.membership.findFirstOrThrow({ where: { userId: a.userId } })).role).toBe("ORG_ADMIN");
    });

    it("refuses an email that already has an account (conflict), writing nothing", async () => {
      const { org } = await freshOrg(1, 0);
      const users = await db.user.count();
      const before = await auditCount();
      const error = await appErrorOf(
        createUser(db, actor, { orgId: org.id, email: bob.email, name: "Bob again", role: "member" }),
      );
      expect(error.code).toBe("conflict");
      expect(error.fields).toEqual({ email: { key: "taken" } });
      expect(await db.user.count()).toBe(users);
      expect(await auditCount()).toBe(before);
    });

    it("refuses the provider organization and unknown organizations (not_found), writing nothing", async () => {
      const provider = await db.organization.findUniqueOrThrow({ where: { slug: "provider" } });
      const before = await auditCount();
      const email = `staff-${uniqueTag()}@example.com`;
      expect(
        (await appErrorOf(createUser(db, actor, { orgId: provider.id, email, name: "Staff", role: "org-admin" }))).code,
      ).toBe("not_found");
      expect(
        (await appErrorOf(createUser(db, actor, { orgId: "no-such-org", email, name: "X", role: "member" }))).code,
      ).toBe("not_found");
      expect(await db.user.findUnique({ where: { email } })).toBeNull();
      expect(await auditCount()).toBe(before);
    });
  });

  describe("addMember", () => {
    it("adds an existing account to a customer org, audited once", async () => {
      const { org, auditsAfterSetup } = await freshOrg(1, 0);
      const before = await auditCount();
      const { membershipId } = await addMember(db, actor, { orgId: org.id, email: grace.email, role: "org-admin" });
      const membership = await db.membership.findUniqueOrThrow({
        where: { id: membershipId },
        include: { user: true },
      });
      expect([membership.orgId, membership.role, membership.user.email]).toEqual([org.id, "ORG_ADMIN", grace.email]);
      expect(await auditCount()).toBe(before + 1);
      expect((await auditsAfterSetup())[0]).toMatchObject({
        actorId: actor.userId,
        actorEmail: actor.email,
        action: "member.add",
        targetType: "membership",
        targetId: membershipId,
        changes: { email: { from: null, to: grace.email }, role: { from: null, to: "org-admin" } },
      });
    });

    it("refuses existing members (conflict), unknown accounts (validation), the provider org (not_found)", async () => {
      const { org, members } = await freshOrg(1, 1);
      const provider = await db.organization.findUniqueOrThrow({ where: { slug: "provider" } });
      const before = await auditCount();
      const memberships = await db.membership.count();

      const existing = await appErrorOf(
        addMember(db, actor, { orgId: org.id, email: members[0]!.user.email, role: "org-admin" }),
      );
      expect([existing.code, existing.fields]).toEqual(["conflict", { email: { key: "alreadyMember" } }]);
      const unknown = await appErrorOf(
        addMember(db, actor, { orgId: org.id, email: "ghost@example.com", role: "member" }),
      );
      expect([unknown.code, unknown.fields]).toEqual(["validation", { email: { key: "unknownUser" } }]);
      expect(
        (await appErrorOf(addMember(db, actor, { orgId: provider.id, email: bob.email, role: "member" }))).code,
      ).toBe("not_found");

      expect(await db.membership.count()).toBe(memberships);
      expect((await db.membership.findFirstOrThrow({ where: { id: members[0]!.id } })).role).toBe("MEMBER");
      expect(await auditCount()).toBe(before);
    });
  });

  describe("updateMemberRole", () => {
    it("promotes and demotes, each audited once with a from/to diff", async () => {
      const { org, admins, members, auditsAfterSetup } = await freshOrg(1, 1);
      const member = members[0]!;
      const before = await auditCount();
      expect(await updateMemberRole(db, actor, org.id, { membershipId: member.id, role: "org-admin" })).toEqual({
        changed: true,
      });
      expect(await adminCount(org.id)).toBe(2);
      expect(await updateMemberRole(db, actor, org.id, { membershipId: admins[0]!.id, role: "member" })).toEqual({
        changed: true,
      });
      expect((await db.membership.findUniqueOrThrow({ where: { id: admins[0]!.id } })).role).toBe("MEMBER");
      expect(await auditCount()).toBe(before + 2);
      const events = await auditsAfterSetup();
      expect(events.map((e) => [e.action, e.targetId, e.actorId, e.actorEmail])).toEqual([
        ["member.role.update", member.id, actor.userId, actor.email],
        ["member.role.update", admins[0]!.id, actor.userId, actor.email],
      ]);
      expect((events[0]!.changes as Record<string, unknown>).role).toEqual({ from: "member", to: "org-admin" });
      expect((events[1]!.changes as Record<string, unknown>).role).toEqual({ from: "org-admin", to: "member" });
    });

    it("writes nothing when the role does not change", async () => {
      const { org, members } = await freshOrg(1, 1);
      const before = await auditCount();
      expect(await updateMemberRole(db, actor, org.id, { membershipId: members[0]!.id, role: "member" })).toEqual({
        changed: false,
      });
      expect(await auditCount()).toBe(before);
    });

    it("refuses a membership of another organization (not_found) and leaves it alone", async () => {
      const mine = await freshOrg(1, 0);
      const theirs = await freshOrg(1, 1);
      const before = await auditCount();
      for (const role of ["org-admin", "member"] as const) {
        const target = role === "org-admin" ? theirs.members[0]! : theirs.admins[0]!;
        expect(
          (await appErrorOf(updateMemberRole(db, actor, mine.org.id, { membershipId: target.id, role }))).code,
        ).toBe("not_found");
      }
      expect(
        (await appErrorOf(updateMemberRole(db, actor, mine.org.id, { membershipId: "no-such-id", role: "member" })))
          .code,
      ).toBe("not_found");
      expect(await adminCount(theirs.org.id)).toBe(1);
      expect((await db.membership.findUniqueOrThrow({ where: { id: theirs.members[0]!.id } })).role).toBe("MEMBER");
      expect(await auditCount()).toBe(before);
    });

    it("refuses to demote the last org admin (last_admin)", async () => {
      const { org, admins } = await freshOrg(1, 2);
      const before = await auditCount();
      expect(
        (await appErrorOf(updateMemberRole(db, actor, org.id, { membershipId: admins[0]!.id, role: "member" }))).code,
      ).toBe("last_admin");
      expect(await adminCount(org.id)).toBe(1);
      expect(await auditCount()).toBe(before);
    });
  });

  describe("removeMember", () => {
    it("removes a member and an admin who is not the last, each audited once", async () => {
      const { org, admins, members, auditsAfterSetup } = await freshOrg(2, 1);
      const before = await auditCount();
      expect(await removeMember(db, actor, org.id, { membershipId: members[0]!.id })).toEqual({ removed: true });
      expect(await removeMember(db, actor, org.id, { membershipId: admins[1]!.id })).toEqual({ removed: true });
      expect(await db.membership.count({ where: { orgId: org.id } })).toBe(1);
      // The account itself stays; only the membership goes.
      expect(await db.user.findUnique({ where: { id: members[0]!.userId } })).not.toBeNull();
      expect(await auditCount()).toBe(before + 2);
      expect((await auditsAfterSetup()).map((e) => [e.action, e.targetId, e.actorId, e.changes])).toEqual([
        [
          "member.remove",
          members[0]!.id,
          actor.userId,
          { email: { from: members[0]!.user.email, to: null }, role: { from: "member", to: null } },
        ],
        [
          "member.remove",
          admins[1]!.id,
          actor.userId,
          { email: { from: admins[1]!.user.email, to: null }, role: { from: "org-admin", to: null } },
        ],
      ]);
    });

    it("refuses a membership of another organization (not_found)", async () => {
      const mine = await freshOrg(1, 0);
      const theirs = await freshOrg(1, 1);
      const before = await auditCount();
      expect(
        (await appErrorOf(removeMember(db, actor, mine.org.id, { membershipId: theirs.members[0]!.id }))).code,
      ).toBe("not_found");
      expect(await db.membership.findUnique({ where: { id: theirs.members[0]!.id } })).not.toBeNull();
      expect(await auditCount()).toBe(before);
    });

    it("refuses to remove the last org admin (last_admin)", async () => {
      const { org, admins } = await freshOrg(1, 1);
      const before = await auditCount();
      expect((await appErrorOf(removeMember(db, actor, org.id, { membershipId: admins[0]!.id }))).code).toBe(
        "last_admin",
      );
      expect(await db.membership.findUnique({ where: { id: admins[0]!.id } })).not.toBeNull();
      expect(await auditCount()).toBe(before);
    });
  });

  describe("concurrent changes to the only two admins", () => {
    type Change = (orgId: string, membershipId: string) => Promise<unknown>;
    const demote: Change = (orgId, membershipId) =>
      updateMemberRole(db, actor, orgId, { membershipId, role: "member" });
    const remove: Change = (orgId, membershipId) => removeMember(db, actor, orgId, { membershipId });

    it.each([
      ["two demotions", demote, demote],
      ["two removals", remove, remove],
      ["a demotion and a removal", demote, remove],
    ] as const)(
      "%s leave exactly one admin, one success, one last_admin and one audit event",
      async (_name, first, second) => {
        for (let round = 0; round < 5; round++) {
          const { org, admins, auditsAfterSetup } = await freshOrg(2, 1);
          const results = await Promise.allSettled([first(org.id, admins[0]!.id), second(org.id, admins[1]!.id)]);
          expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
          const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
          expect(rejected).toHaveLength(1);
          expect(rejected[0]!.reason).toBeInstanceOf(AppError);
          expect((rejected[0]!.reason as AppError).code).toBe("last_admin");
          expect(await adminCount(org.id)).toBe(1);
          expect(await auditsAfterSetup()).toHaveLength(1);
        }
      },
    );
  });
});
