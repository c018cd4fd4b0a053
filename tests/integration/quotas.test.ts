// server/services/quotas/set-quota.ts: a project's GPU quota never exceeds its organization's,
// on PostgreSQL and on PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import type { Actor } from "@/server/services/audit/record-audit";
import { setOrgQuota, setProjectQuota } from "@/server/services/quotas/set-quota";
import { seedOrg } from "../builders";
import { appErrorOf } from "../support/app-errors";
import { DATABASE_TARGETS, openTarget, type SeededTarget } from "../support/database-targets";

const GPU = "NVIDIA-H100-80GB-HBM3";

describe.each(DATABASE_TARGETS)("quotas on $name", ({ open }) => {
  let target: SeededTarget;
  let db: Db;
  let actor: Actor;

  beforeAll(async () => ({ target, db, actor } = await openTarget(open)));
  afterAll(() => target?.close());

  /** A customer org with an org quota and two projects with their own quotas (0: none). */
  const freshOrg = (orgQuota: number, [p0, p1]: [number, number]) =>
    seedOrg(db, {
      quotas: { [GPU]: orgQuota },
      projects: [{ quotas: { [GPU]: p0 } }, { quotas: { [GPU]: p1 } }],
    });

  const orgQuota = (orgId: string, gpuModel = GPU) =>
    db.orgGpuQuota.findUnique({ where: { orgId_gpuModel: { orgId, gpuModel } } }).then((q) => q?.maxGpus ?? null);
  const projectQuota = (projectId: string, gpuModel = GPU) =>
    db.projectGpuQuota
      .findUnique({ where: { projectId_gpuModel: { projectId, gpuModel } } })
      .then((q) => q?.maxGpus ?? null);

  describe("setProjectQuota", () => {
    it("sets a project quota up to the org's, audited with a from/to diff", async () => {
      const { org, projects, auditsAfterSetup } = await freshOrg(16, [4, 0]);
      await setProjectQuota(db, actor, org.id, { projectId: projects[0].id, gpuModel: GPU, maxGpus: 16 });
      await setProjectQuota(db, actor, org.id, { projectId: projects[1].id, gpuModel: GPU, maxGpus: 2 });
      expect([await projectQuota(projects[0].id), await projectQuota(projects[1].id)]).toEqual([16, 2]);
      const events = await auditsAfterSetup();
      expect(events.map((e) => [e.action, e.targetType, e.targetId, e.actorId, e.actorEmail, e.changes])).toEqual([
        [
          "quota.project.set",
          "project",
          projects[0].id,
          actor.userId,
          actor.email,
          { [`gpu:${GPU}`]: { from: 4, to: 16 } },
        ],
        [
          "quota.project.set",
          "project",
          projects[1].id,
          actor.userId,
          actor.email,
          { [`gpu:${GPU}`]: { from: 0, to: 2 } },
        ],
      ]);
    });

    it("refuses a project quota above the org's (validation aboveOrgQuota with limit), writing nothing", async () => {
      const { org, projects, auditsAfterSetup } = await freshOrg(16, [4, 0]);
      const error = await appErrorOf(
        setProjectQuota(db, actor, org.id, { projectId: projects[0].id, gpuModel: GPU, maxGpus: 17 }),
      );
      expect([error.code, error.fields]).toEqual([
        "validation",
        { maxGpus: { key: "aboveOrgQuota", values: { limit: 16 } } },
      ]);
      expect(await projectQuota(projects[0].id)).toBe(4);
      expect(await auditsAfterSetup()).toEqual([]);
    });

    it("refuses any quota for a GPU model the org has no quota for (limit 0)", async () => {
      const { org, projects } = await freshOrg(16, [0, 0]);
      const error = await appErrorOf(
        setProjectQuota(db, actor, org.id, { projectId: projects[0].id, gpuModel: "L40S", maxGpus: 1 }),
      );
      expect(error.fields).toEqual({ maxGpus: { key: "aboveOrgQuota", values: { limit: 0 } } });
      expect(await projectQuota(projects[0].id, "L40S")).toBeNull();
    });

    it("removes the project quota with 0", async () => {
      const { org, projects, auditsAfterSetup } = await freshOrg(16, [4, 0]);
      await setProjectQuota(db, actor, org.id, { projectId: projects[0].id, gpuModel: GPU, maxGpus: 0 });
      expect(await projectQuota(projects[0].id)).toBeNull();
      expect((await auditsAfterSetup()).map((e) => e.changes)).toEqual([{ [`gpu:${GPU}`]: { from: 4, to: 0 } }]);
    });

    it("refuses a project of another organization (not_found)", async () => {
      const mine = await freshOrg(16, [0, 0]);
      const theirs = await freshOrg(16, [4, 0]);
      expect(
        (
          await appErrorOf(
            setProjectQuota(db, actor, mine.org.id, { projectId: theirs.projects[0].id, gpuModel: GPU, maxGpus: 1 }),
          )
        ).code,
      ).toBe("not_found");
      expect(await projectQuota(theirs.projects[0].id)).toBe(4);
      expect(await mine.auditsAfterSetup()).toEqual([]);
      expect(await theirs.auditsAfterSetup()).toEqual([]);
    });
  });

  describe("setOrgQuota", () => {
    it("raises, lowers down to the largest project quota, and audits each change", async () => {
      const { org, auditsAfterSetup } = await freshOrg(16, [8, 4]);
      await setOrgQuota(db, actor, org.id, { gpuModel: GPU, maxGpus: 32 });
      await setOrgQuota(db, actor, org.id, { gpuModel: GPU, maxGpus: 8 });
      expect(await orgQuota(org.id)).toBe(8);
      const events = await auditsAfterSetup();
      expect(events.map((e) => [e.action, e.targetType, e.targetId, e.actorId, e.actorEmail, e.changes])).toEqual([
        ["quota.org.set", "organization", org.id, actor.userId, actor.email, { [`gpu:${GPU}`]: { from: 16, to: 32 } }],
        ["quota.org.set", "organization", org.id, actor.userId, actor.email, { [`gpu:${GPU}`]: { from: 32, to: 8 } }],
      ]);
    });

    it("creates a quota for a new GPU model", async () => {
      const { org, auditsAfterSetup } = await freshOrg(16, [0, 0]);
      await setOrgQuota(db, actor, org.id, { gpuModel: "L40S", maxGpus: 3 });
      expect(await orgQuota(org.id, "L40S")).toBe(3);
      expect((await auditsAfterSetup()).map((e) => e.changes)).toEqual([{ "gpu:L40S": { from: 0, to: 3 } }]);
    });

    it("refuses org quotas below a project's (validation belowProjectQuota with limit), writing nothing", async () => {
      const { org, auditsAfterSetup } = await freshOrg(16, [8, 4]);
      for (const maxGpus of [7, 0]) {
        const error = await appErrorOf(setOrgQuota(db, actor, org.id, { gpuModel: GPU, maxGpus }));
        expect([error.code, error.fields]).toEqual([
          "validation",
          { maxGpus: { key: "belowProjectQuota", values: { limit: 8 } } },
        ]);
      }
      expect(await orgQuota(org.id)).toBe(16);
      expect(await auditsAfterSetup()).toEqual([]);
    });

    it("is not held down by projects of other organizations", async () => {
      await freshOrg(64, [64, 0]);
      const { org } = await freshOrg(16, [0, 0]);
      await setOrgQuota(db, actor, org.id, { gpuModel: GPU, maxGpus: 1 });
      expect(await orgQuota(org.id)).toBe(1);
    });

    it("removes the quota with 0 once no project holds any", async () => {
      const { org, projects, auditsAfterSetup } = await freshOrg(16, [8, 0]);
      await setProjectQuota(db, actor, org.id, { projectId: projects[0].id, gpuModel: GPU, maxGpus: 0 });
      await setOrgQuota(db, actor, org.id, { gpuModel: GPU, maxGpus: 0 });
      expect(await orgQuota(org.id)).toBeNull();
      expect((await auditsAfterSetup()).map((e) => [e.action, e.changes])).toEqual([
        ["quota.project.set", { [`gpu:${GPU}`]: { from: 8, to: 0 } }],
        ["quota.org.set", { [`gpu:${GPU}`]: { from: 16, to: 0 } }],
      ]);
    });

    it("refuses the provider organization and unknown ids (not_found)", async () => {
      const provider = await db.organization.findUniqueOrThrow({ where: { slug: "provider" } });
      const before = await orgQuota(provider.id); // the sandbox's, from the seed
      expect((await appErrorOf(setOrgQuota(db, actor, provider.id, { gpuModel: GPU, maxGpus: 8 }))).code).toBe(
        "not_found",
      );
      expect((await appErrorOf(setOrgQuota(db, actor, "no-such-org", { gpuModel: GPU, maxGpus: 8 }))).code).toBe(
        "not_found",
      );
      expect(await orgQuota(provider.id)).toEqual(before);
    });
  });

  it("keeps project ≤ org when a raise of the project and a cut of the org race", async () => {
    for (let round = 0; round < 5; round++) {
      const { org, projects, auditsAfterSetup } = await freshOrg(16, [8, 0]);
      const results = await Promise.allSettled([
        setOrgQuota(db, actor, org.id, { gpuModel: GPU, maxGpus: 10 }),
        setProjectQuota(db, actor, org.id, { projectId: projects[0].id, gpuModel: GPU, maxGpus: 12 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect((rejected!.reason as AppError).code).toBe("validation");
      expect(await projectQuota(projects[0].id)).toBeLessThanOrEqual((await orgQuota(org.id))!);
      expect(await auditsAfterSetup()).toHaveLength(1);
    }
  });
});
