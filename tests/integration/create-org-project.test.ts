// server/services/organizations/create-organization.ts and projects/create-project.ts:
// slug conflicts and audit, on PostgreSQL and on PGlite.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { toPublicError } from "@/server/errors";
import type { Actor } from "@/server/services/audit/record-audit";
import { createOrganization } from "@/server/services/organizations/create-organization";
import { createProject } from "@/server/services/projects/create-project";
import { uniqueSlug } from "../builders";
import { appErrorOf } from "../support/app-errors";
import { DATABASE_TARGETS, openTarget, type SeededTarget } from "../support/database-targets";

describe.each(DATABASE_TARGETS)("organizations and projects on $name", ({ open }) => {
  let target: SeededTarget;
  let db: Db;
  let actor: Actor;
  let logged: MockInstance<typeof console.error>;

  beforeAll(async () => ({ target, db, actor } = await openTarget(open)));
  afterAll(() => target?.close());
  beforeEach(() => {
    logged = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => logged.mockRestore());

  describe("createOrganization", () => {
    it("creates a customer org, audited once with its name and slug", async () => {
      const s = uniqueSlug("org");
      const before = await db.auditEvent.count();
      const { id } = await createOrganization(db, actor, { name: "New Org", slug: s });
      expect(await db.organization.findUniqueOrThrow({ where: { id } })).toMatchObject({
        slug: s,
        name: "New Org",
        kind: "CUSTOMER",
      });
      expect(await db.auditEvent.count()).toBe(before + 1);
      expect(await db.auditEvent.findFirstOrThrow({ where: { orgId: id } })).toMatchObject({
        actorId: actor.userId,
        actorEmail: actor.email,
        action: "org.create",
        targetType: "organization",
        targetId: id,
        changes: { name: { from: null, to: "New Org" }, slug: { from: null, to: s } },
      });
    });

    it("refuses a taken slug (conflict on slug), writing nothing", async () => {
      const orgs = await db.organization.count();
      const before = await db.auditEvent.count();
      for (const taken of ["acme", "provider"]) {
        const error = await appErrorOf(createOrganization(db, actor, { name: "Copycat", slug: taken }));
        expect([error.code, error.fields]).toEqual(["conflict", { slug: { key: "taken" } }]);
      }
      expect(await db.organization.count()).toBe(orgs);
      expect(await db.auditEvent.count()).toBe(before);
    });

    it("lets exactly one of two concurrent creations with the same slug through; the other is a conflict", async () => {
      const s = uniqueSlug("race");
      const before = await db.auditEvent.count();
      const results = await Promise.allSettled([
        createOrganization(db, actor, { name: "One", slug: s }),
        createOrganization(db, actor, { name: "Two", slug: s }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      // Either the service's own check or the unique index (P2002) caught it: both reach the client as conflict.
      expect(toPublicError(rejected!.reason).code).toBe("conflict");
      expect(await db.organization.count({ where: { slug: s } })).toBe(1);
      expect(await db.auditEvent.count()).toBe(before + 1);
    });
  });

  describe("createProject", () => {
    it("creates a project in the org, audited once", async () => {
      const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
      const s = uniqueSlug("proj");
      const before = await db.auditEvent.count();
      const { id } = await createProject(db, actor, acme.id, { name: "Vision", slug: s });
      expect(await db.project.findUniqueOrThrow({ where: { id } })).toMatchObject({
        orgId: acme.id,
        slug: s,
        name: "Vision",
      });
      expect(await db.auditEvent.count()).toBe(before + 1);
      expect(await db.auditEvent.findFirstOrThrow({ where: { targetId: id } })).toMatchObject({
        actorId: actor.userId,
        actorEmail: actor.email,
        orgId: acme.id,
        action: "project.create",
        targetType: "project",
        changes: { name: { from: null, to: "Vision" }, slug: { from: null, to: s } },
      });
    });

    it("refuses a slug taken in the same org (conflict), but allows it in another org", async () => {
      const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
      const globex = await db.organization.findUniqueOrThrow({ where: { slug: "globex" } });
      const before = await db.auditEvent.count();
      const error = await appErrorOf(createProject(db, actor, acme.id, { name: "Research 2", slug: "research" }));
      expect([error.code, error.fields]).toEqual(["conflict", { slug: { key: "taken" } }]);
      expect(await db.auditEvent.count()).toBe(before);
      // Globex has no "research" project: the same slug is free there.
      const { id } = await createProject(db, actor, globex.id, { name: "Research", slug: "research" });
      expect((await db.project.findUniqueOrThrow({ where: { id } })).orgId).toBe(globex.id);
      expect(await db.auditEvent.count()).toBe(before + 1);
    });

    it("lets exactly one of two concurrent creations with the same slug through; the other is a conflict", async () => {
      const globex = await db.organization.findUniqueOrThrow({ where: { slug: "globex" } });
      const s = uniqueSlug("race");
      const results = await Promise.allSettled([
        createProject(db, actor, globex.id, { name: "One", slug: s }),
        createProject(db, actor, globex.id, { name: "Two", slug: s }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(toPublicError(rejected!.reason).code).toBe("conflict");
      expect(await db.project.count({ where: { orgId: globex.id, slug: s } })).toBe(1);
      expect(
        await db.auditEvent.count({
          where: { orgId: globex.id, action: "project.create", changes: { path: ["slug", "to"], equals: s } },
        }),
      ).toBe(1);
    });
  });
});
